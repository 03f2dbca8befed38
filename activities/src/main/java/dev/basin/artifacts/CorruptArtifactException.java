package dev.basin.artifacts;

/** A stored object's bytes do not match the checksum recorded in PostgreSQL; it must not be loaded. */
public final class CorruptArtifactException extends ArtifactException {
    public CorruptArtifactException(String message) {
        super(message);
    }
}
