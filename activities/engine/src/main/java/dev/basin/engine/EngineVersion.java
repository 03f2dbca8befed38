package dev.basin.engine;

/**
 * The version of the numbers this engine produces. Bump it whenever a change would alter trained
 * weights or metrics for the same spec: it is part of every run key, so results of an older engine
 * are never reused as if they were this one's.
 */
public final class EngineVersion {
    public static final String ID = "engine-2";

    private EngineVersion() {}
}
