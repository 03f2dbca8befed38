package dev.basin.report.plot;

import java.util.Locale;

/** Colour-blind-safe colours: Okabe-Ito for categories, viridis for sequential values. */
public final class Palette {
    private Palette() {}

    /**
     * Okabe-Ito, ordered so the first colours contrast well with white and with each other (blue, vermillion,
     * green, orange, ...); yellow, hard to see on white, comes last.
     */
    private static final String[] OKABE_ITO = {
        "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"
    };

    /** viridis sampled at 10 even steps (R's viridis(10)); interpolated linearly in between. */
    private static final int[] VIRIDIS = {
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725
    };

    /** How many distinct category colours there are. */
    public static int size() { return OKABE_ITO.length; }

    /** Category colour {@code i} (modulo the palette's size) as {@code #rrggbb}. */
    public static String categorical(int i) {
        return OKABE_ITO[Math.floorMod(i, OKABE_ITO.length)];
    }

    /** Sequential colour for {@code t} in [0, 1] (clamped), viridis, as {@code #rrggbb}. */
    public static String sequential(double t) {
        if (Double.isNaN(t)) t = 0;
        t = Math.max(0, Math.min(1, t));
        double pos = t * (VIRIDIS.length - 1);
        int i = Math.min((int) Math.floor(pos), VIRIDIS.length - 2);
        double f = pos - i;
        int a = VIRIDIS[i], b = VIRIDIS[i + 1];
        int r = mix(a >> 16, b >> 16, f), g = mix(a >> 8, b >> 8, f), bl = mix(a, b, f);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    }

    /** Black or white, whichever reads better on {@code #rrggbb} (relative luminance, WCAG). */
    static String textOn(String hex) {
        int c = Integer.parseInt(hex.substring(1), 16);
        double l = 0.2126 * lin(c >> 16) + 0.7152 * lin(c >> 8) + 0.0722 * lin(c);
        // Contrast with black (l+0.05)/0.05 against white 1.05/(l+0.05): equal near l = 0.179.
        return l > 0.179 ? "#000000" : "#ffffff";
    }

    private static double lin(int channel) {
        double s = (channel & 0xff) / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}
