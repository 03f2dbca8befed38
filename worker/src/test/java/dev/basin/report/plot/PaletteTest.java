package dev.basin.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {
    @Test
    void okabeItoCyclesWithYellowLast() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < Palette.size(); i++) seen.add(Palette.categorical(i).toUpperCase());
        assertEquals(Set.of("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"),
            seen);
        assertEquals(Palette.categorical(0), Palette.categorical(Palette.size()));
        assertEquals(Palette.categorical(Palette.size() - 1), Palette.categorical(-1));
        assertEquals("#F0E442", Palette.categorical(Palette.size() - 1));
    }

    @Test
    void viridisEndsAndClamps() {
        assertEquals("#440154", Palette.sequential(0));
        assertEquals("#fde725", Palette.sequential(1));
        assertEquals("#440154", Palette.sequential(-3));
        assertEquals("#fde725", Palette.sequential(7));
        assertNotEquals(Palette.sequential(0.4), Palette.sequential(0.6));
    }

    @Test
    void viridisBrightensMonotonically() {
        double last = -1;
        for (int i = 0; i <= 50; i++) {
            int c = Integer.parseInt(Palette.sequential(i / 50.0).substring(1), 16);
            double l = 0.2126 * (c >> 16 & 0xff) + 0.7152 * (c >> 8 & 0xff) + 0.0722 * (c & 0xff);
            assertTrue(l >= last - 1e-9, "lightness falls at " + i);
            last = l;
        }
    }

    @Test
    void textColourContrasts() {
        assertEquals("#ffffff", Palette.textOn("#440154"));
        assertEquals("#000000", Palette.textOn("#fde725"));
    }

    @Test
    void styleOfCyclesShapesAndColours() {
        assertEquals(new Style(0, Marker.CIRCLE, false, 1, 1), Style.of(0));
        assertEquals(Marker.SQUARE, Style.of(1).marker());
        assertEquals(Marker.CIRCLE, Style.of(5).marker());
        for (int i = 0; i < 40; i++) {
            assertNotEquals("#F0E442", Palette.categorical(Style.of(i).color()), "yellow is hard to see on white");
        }
        assertNotEquals(Style.of(0), Style.of(7), "colour repeats, shape does not");
    }
}
