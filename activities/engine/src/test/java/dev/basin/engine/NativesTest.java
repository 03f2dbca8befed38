package dev.basin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NativesTest {

    private static final Set<String> AVX512 = Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512vl");
    private static final Set<String> AVX2 = Set.of("avx", "avx2", "fma");

    @Test
    void prefersOneDnnForTheBestInstructionSetPresent() {
        Set<String> both = Set.of("-onednn-avx512", "-onednn-avx2");
        assertEquals("-onednn-avx512", Natives.choose(AVX512, both::contains));
        assertEquals("-onednn-avx2", Natives.choose(AVX2, both::contains));
    }

    @Test
    void neverPicksAvx512NativesOnACpuWithoutIt() {
        Set<String> onlyAvx512 = Set.of("-onednn-avx512", "-avx512");
        assertEquals("", Natives.choose(AVX2, onlyAvx512::contains));
        assertEquals("", Natives.choose(Set.of(), onlyAvx512::contains));
        assertEquals("-onednn-avx2", Natives.choose(AVX512, Set.of("-onednn-avx2")::contains));
    }
}
