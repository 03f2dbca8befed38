package dev.basin.report.plot;

/** Colour-blind-safe colours: Okabe-Ito for categories, viridis for sequential values. */
public final class Palette {
    private Palette() {}

    /** Category colour {@code i} (modulo the palette's size) as {@code #rrggbb}. */
    public static String categorical(int i) { throw new UnsupportedOperationException("plot: not yet"); }

    /** Sequential colour for {@code t} in [0, 1] (clamped), viridis, as {@code #rrggbb}. */
    public static String sequential(double t) { throw new UnsupportedOperationException("plot: not yet"); }
}
