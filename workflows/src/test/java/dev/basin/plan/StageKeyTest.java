package dev.basin.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The key encoding is specified byte for byte: these vectors were computed with printf | sha256sum. */
class StageKeyTest {

    private static TreeMap<String, String> inputs(Map<String, String> m) {
        return new TreeMap<>(m);
    }

    @Test
    void matchesTheSpecifiedEncoding() {
        // printf 'basin-stage-key/2\na\t1\tx\nb\t7\tl1\n\xc3\xa9\t!\n' | sha256sum
        var in = inputs(Map.of("b", "l1\né\t!", "a", "x"));
        assertEquals("basin-stage-key/2\na\t1\tx\nb\t7\tl1\n\u00e9\t!\n", StageKey.encode(in));
        assertEquals("ccc60cba257040f5a7b6f8f8fc691ccd6c2072a54b243f947ebfc3c0db8ff0ef", StageKey.of(in));
        // printf 'basin-stage-key/2\n' | sha256sum
        assertEquals("f8e116c9e9dce43a7ddf941a61beec30c48f5e113cabb6bccb041b97385e3c91", StageKey.of(inputs(Map.of())));
    }

    @Test
    void lengthsKeepValuesThatLookAlikeApart() {
        // without lengths, {a: "x\nb\t1\ty"} and {a: "x", b: "y"} would encode to the same lines
        assertNotEquals(StageKey.of(inputs(Map.of("a", "x\nb\t1\ty"))), StageKey.of(inputs(Map.of("a", "x", "b", "y"))));
        assertNotEquals(StageKey.of(inputs(Map.of("a", ""))), StageKey.of(inputs(Map.of())));
    }
}
