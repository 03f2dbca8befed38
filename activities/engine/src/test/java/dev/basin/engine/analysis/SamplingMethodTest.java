package dev.basin.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingMethodTest {

    @Test
    void specNamesAreTheSpecKeysInOrder() {
        // stage names, sample variants, seeds and stored rows all carry these strings: never rename them
        assertEquals(List.of("random", "dropout", "diag-gaussian", "low-rank-gaussian", "mc-dropout"),
                SamplingMethod.specNames());
        for (SamplingMethod m : SamplingMethod.values()) {
            assertEquals(m, SamplingMethod.fromSpec(m.specName()));
        }
    }

    @Test
    void anUnknownNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamplingMethod.fromSpec("member"));
        assertEquals("unknown subspace method 'member'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SamplingMethod.fromSpec("RANDOM"));
    }

    @Test
    void askedKeepsDeclarationOrderAndLevelsKeepSpecOrder() {
        SubspaceConfig c = new SubspaceConfig(0, 4, new SubspaceConfig.Random(List.of(10.0, 5.0, 10.0), 0.0), null,
                null, new SubspaceConfig.LowRankGaussian(3, List.of(2.0)));
        assertEquals(List.of(SamplingMethod.RANDOM, SamplingMethod.LOW_RANK_GAUSSIAN), SamplingMethod.asked(c));
        assertEquals(List.of(10.0, 5.0, 10.0), SamplingMethod.RANDOM.levels(c));
        assertEquals(List.of(2.0), SamplingMethod.LOW_RANK_GAUSSIAN.levels(c));
        assertEquals(List.of(), SamplingMethod.asked(null));
        SubspaceConfig mc = new SubspaceConfig(0, 4, null, new SubspaceConfig.Dropout(List.of(0.1)), null, null,
                new SubspaceConfig.McDropout());
        assertEquals(List.of(SamplingMethod.DROPOUT, SamplingMethod.MC_DROPOUT), SamplingMethod.asked(mc));
        assertEquals(List.of(SamplingMethod.MC_DROPOUT_LEVEL), SamplingMethod.MC_DROPOUT.levels(mc));
    }
}
