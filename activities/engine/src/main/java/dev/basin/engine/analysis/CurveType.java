package dev.basin.engine.analysis;

import java.util.List;
import java.util.Locale;

/** The shape of a curve between two modes (Garipov et al. 2018, Sec. 3.1), written in a spec in lower case. */
public enum CurveType {
    /** Quadratic Bezier: φ(t) = (1−t)²·w1 + 2t(1−t)·θ + t²·w2. */
    BEZIER,
    /** Polygonal chain: two segments w1→θ and θ→w2, each over half of t. */
    POLYCHAIN;

    /** {@code bezier} or {@code polychain}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> names() {
        return List.of("bezier", "polychain");
    }

    /** @throws IllegalArgumentException naming the known types */
    public static CurveType parse(String text) {
        for (CurveType t : values()) {
            if (t.text().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown curve type '" + text + "'; known: " + String.join(", ", names()));
    }

    @Override
    public String toString() {
        return text();
    }
}
