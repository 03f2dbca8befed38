package dev.basin.activities;

import dev.basin.engine.metrics.Scores;

/** The deep ensemble of the first {@code size} members. */
public record EnsembleScore(int size, Scores scores) {}
