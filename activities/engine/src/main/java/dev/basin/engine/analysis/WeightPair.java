package dev.basin.engine.analysis;

/**
 * Two weight vectors, the ends of a line; {@link #toString()} is its label, {@code final:0-final:1}.
 */
public record WeightPair(WeightRef a, WeightRef b) {

    @Override
    public String toString() {
        return a + "-" + b;
    }
}
