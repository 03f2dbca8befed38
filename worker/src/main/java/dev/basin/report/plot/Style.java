package dev.basin.report.plot;

/**
 * How one series is drawn.
 *
 * @param color   index into {@link Palette#categorical(int)} (taken modulo its size)
 * @param marker  marker at each point ({@link Marker#NONE}: none)
 * @param dashed  dashed instead of solid line
 * @param opacity 0 (invisible) to 1
 * @param size    marker radius / line width scale, 1 = default
 */
public record Style(int color, Marker marker, boolean dashed, double opacity, double size) {

    /**
     * Series {@code i}'s default: colour i, marker i (skipping NONE), solid, opaque. The colours cycle through all
     * but the palette's last, yellow, which is hard to see on white (a study's 8th series would get it); colours
     * and shapes cycle with different periods, so series 7 is blue again but a triangle.
     */
    public static Style of(int i) {
        return new Style(Math.floorMod(i, Palette.size() - 1), SHAPES[Math.floorMod(i, SHAPES.length)], false, 1.0, 1.0);
    }

    private static final Marker[] SHAPES = {Marker.CIRCLE, Marker.SQUARE, Marker.TRIANGLE, Marker.DIAMOND, Marker.CROSS};

    public Style faint() { return new Style(color, marker, dashed, 0.35, size); }

    public Style withDashes() { return new Style(color, marker, true, opacity, size); }

    public Style withMarker(Marker m) { return new Style(color, m, dashed, opacity, size); }

    public Style withSize(double s) { return new Style(color, marker, dashed, opacity, s); }
}
