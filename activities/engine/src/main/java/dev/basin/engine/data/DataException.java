package dev.basin.engine.data;

/** A dataset could not be found or read; the message names the file and the problem. */
public class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
