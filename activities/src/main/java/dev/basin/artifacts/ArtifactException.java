package dev.basin.artifacts;

/** An artifact could not be stored or read back intact; the message names the key and the cause. */
public class ArtifactException extends RuntimeException {
    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
