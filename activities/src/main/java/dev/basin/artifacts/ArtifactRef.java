package dev.basin.artifacts;

/** A stored object: its key in the study bucket, the SHA-256 of its bytes (hex) and its size. */
public record ArtifactRef(String key, String sha256, long bytes) {}
