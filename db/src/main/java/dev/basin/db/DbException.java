package dev.basin.db;

/** A database operation failed; the message says which and where, never with a password. */
public class DbException extends RuntimeException {
    public DbException(String message) {
        super(message);
    }

    public DbException(String message, Throwable cause) {
        super(message, cause);
    }
}
