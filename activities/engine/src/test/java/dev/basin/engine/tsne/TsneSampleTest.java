package dev.basin.engine.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TsneSampleTest {

    @Test
    void underOrAtTheCapEveryPointIsKeptInOrder() {
        assertArrayEquals(IntStream.range(0, 7).toArray(), TsneSample.indices(7, 7, 1));
        assertArrayEquals(IntStream.range(0, 7).toArray(), TsneSample.indices(7, 2000, 99));
        assertArrayEquals(new int[0], TsneSample.indices(0, 4, 1));
    }

    @Test
    void aboveTheCapTheSampleHasCapDistinctPointsAscending() {
        int[] s = TsneSample.indices(5000, 300, 42);
        assertEquals(300, s.length);
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i - 1] < s[i], "ascending and distinct at " + i + ": " + Arrays.toString(s));
        }
        assertTrue(s[0] >= 0 && s[s.length - 1] < 5000);
        // spread over the whole range, not a prefix: about 150 of 300 fall in each half
        long low = Arrays.stream(s).filter(i -> i < 2500).count();
        assertTrue(low > 100 && low < 200, "low half: " + low);
    }

    @Test
    void theSameSeedGivesTheSamePointsAndAnotherSeedOthers() {
        assertArrayEquals(TsneSample.indices(1000, 50, 7), TsneSample.indices(1000, 50, 7));
        assertFalse(Arrays.equals(TsneSample.indices(1000, 50, 7), TsneSample.indices(1000, 50, 8)));
        // fixed on every JVM (SplittableRandom's sequence is specified): a change here moves stored embeddings
        assertArrayEquals(new int[] {1, 5, 7, 9}, TsneSample.indices(12, 4, 3));
    }

    @Test
    void aCapBelowTsnesMinimumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TsneSample.indices(10, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> TsneSample.indices(-1, 10, 1));
    }
}
