package dev.basin.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightRefTest {

    @Test
    void parsesEachForm() {
        assertEquals(new WeightRef(WeightRef.Kind.FINAL, 0, -1), WeightRef.parse("final:0"));
        assertEquals(new WeightRef(WeightRef.Kind.SWA, 12, -1), WeightRef.parse("swa:12"));
        assertEquals(new WeightRef(WeightRef.Kind.CHECKPOINT, 3, 40), WeightRef.parse("checkpoint:3@40"));
        assertEquals(new WeightRef(WeightRef.Kind.BEND, 1, -1), WeightRef.parse("bend:1"));
        assertEquals(new WeightRef(WeightRef.Kind.ORIGIN, -1, -1), WeightRef.parse("origin"));
        assertEquals(WeightRef.checkpoint(999999999, 0), WeightRef.parse("checkpoint:999999999@0"));
        assertEquals(new WeightRef(WeightRef.Kind.SPAWN, 2, 5), WeightRef.parse("spawn:2@5"));
    }

    @Test
    void toStringIsTheCanonicalTextAndParsesBack() {
        for (String text : List.of("final:0", "swa:7", "checkpoint:2@5", "bend:0", "spawn:1@3", "origin", "final:63")) {
            assertEquals(text, WeightRef.parse(text).toString());
        }
        assertEquals("final:1-checkpoint:0@3",
                new WeightPair(WeightRef.finalOf(1), WeightRef.checkpoint(0, 3)).toString());
        assertEquals("checkpoint", WeightRef.Kind.CHECKPOINT.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "final", "final:", "final:-1", "final:01", "Final:0", "final: 0", " final:0",
            "swa:1@2", "bend:", "bend:01", "checkpoint:1", "checkpoint:@2", "checkpoint:1@", "origin:0", "final:1234567890", "final:0\n", "spawn:1", "spawn:@2", "spawn:01@2"})
    void refusesAnythingElse(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightRef.parse(text));
        assertEquals("not a weight reference (final:M, swa:M, checkpoint:M@E, bend:C, spawn:K@E or origin): '" + text + "'",
                e.getMessage());
    }

    @Test
    void kindIsRequired() {
        assertThrows(NullPointerException.class, () -> new WeightRef(null, 0, 0));
    }
}
