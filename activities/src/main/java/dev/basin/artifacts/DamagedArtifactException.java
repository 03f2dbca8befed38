package dev.basin.artifacts;

/** A stored object's bytes do not match the checksum recorded in PostgreSQL; it must not be loaded. */
public final class DamagedArtifactException extends ArtifactException {
    private final String key;
    private final String recordedSha256;
    private final String actualSha256;

    public DamagedArtifactException(String message, String key, String recordedSha256, String actualSha256) {
        super(message);
        this.key = key;
        this.recordedSha256 = recordedSha256;
        this.actualSha256 = actualSha256;
    }

    /** The object's key in the bucket. */
    public String key() {
        return key;
    }

    public String recordedSha256() {
        return recordedSha256;
    }

    public String actualSha256() {
        return actualSha256;
    }
}
