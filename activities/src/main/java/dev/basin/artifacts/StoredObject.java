package dev.basin.artifacts;

/** An object as the bucket lists it: its key and its size in bytes. */
public record StoredObject(String key, long bytes) {}
