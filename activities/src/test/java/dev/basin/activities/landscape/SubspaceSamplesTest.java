package dev.basin.activities.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.basin.artifacts.ArtifactKeys;
import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.SubspaceConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubspaceSamplesTest {

    /** By spec name, so that these tests also pin the names that stored variants and kinds carry. */
    private static SamplingMethod m(String specName) {
        return SamplingMethod.fromSpec(specName);
    }

    @Test
    void levelsAreShortExactNames() {
        assertEquals("r=5", SubspaceSamples.level(m("random"), 5.0));
        assertEquals("r=20", SubspaceSamples.level(m("random"), 20.0));
        assertEquals("p=0.1", SubspaceSamples.level(m("dropout"), 0.1));
        assertEquals("s=0.001", SubspaceSamples.level(m("diag-gaussian"), 1e-3));
        assertEquals("s=2.5", SubspaceSamples.level(m("low-rank-gaussian"), 2.5));
        assertEquals("p=model", SubspaceSamples.level(m("mc-dropout"), SamplingMethod.MC_DROPOUT_LEVEL));
        assertEquals("mc-dropout p=model #4", SubspaceSamples.variant(m("mc-dropout"), 1.0, 4));
        assertEquals("subspace/mc-dropout/p=model", SubspaceSamples.ensembleKind(m("mc-dropout"), 1.0));
    }

    @Test
    void variantsAndKindsNameMethodLevelAndIndex() {
        assertEquals("random r=5 #3", SubspaceSamples.variant(m("random"), 5.0, 3));
        assertEquals("diag-gaussian s=1 #0", SubspaceSamples.variant(m("diag-gaussian"), 1.0, 0));
        assertEquals("multi-swag #7", SubspaceSamples.multiSwagVariant(7));
        assertEquals("subspace/dropout/p=0.3", SubspaceSamples.ensembleKind(m("dropout"), 0.3));
        // every variant must be usable in an S3 key
        String sha = "0".repeat(64);
        ArtifactKeys.analysisWeights("s", "k", "sample", 0, SubspaceSamples.variant(m("low-rank-gaussian"), 0.25, 12),
                sha);
        ArtifactKeys.analysisWeights("s", "k", "sample", 0, SubspaceSamples.multiSwagVariant(0), sha);
    }

    @Test
    void repeatedLevelsCountOnce() {
        SubspaceConfig c = new SubspaceConfig(0, 2, new SubspaceConfig.Random(List.of(5.0, 1.0, 5.0), 0), null,
                null, null);
        assertEquals(List.of(5.0, 1.0), SubspaceSamples.levels(c, m("random")));
    }

    @Test
    void seedsDifferByEveryPartAndRepeat() {
        Set<Long> seeds = new HashSet<>();
        for (SamplingMethod method : SamplingMethod.values()) {
            if (method == SamplingMethod.MC_DROPOUT) {
                continue; // one level; its seeds are mcDropoutSeed's, by member
            }
            for (int level = 0; level < 3; level++) {
                for (int i = 0; i < 4; i++) {
                    seeds.add(SubspaceSamples.seed(42, method, level, i));
                }
            }
        }
        for (int member = 0; member < 3; member++) {
            for (int i = 0; i < 4; i++) {
                seeds.add(SubspaceSamples.multiSwagSeed(42, member, i));
            }
        }
        for (int member = 0; member < 3; member++) {
            for (int i = 0; i < 4; i++) {
                seeds.add(SubspaceSamples.mcDropoutSeed(42, member, i));
            }
        }
        assertEquals((SamplingMethod.values().length - 1) * 3 * 4 + 3 * 4 + 3 * 4, seeds.size());
        assertEquals(SubspaceSamples.seed(42, m("random"), 1, 2), SubspaceSamples.seed(42, m("random"), 1, 2));
        assertNotEquals(SubspaceSamples.seed(42, m("random"), 1, 2), SubspaceSamples.seed(43, m("random"), 1, 2));
    }

    @Test
    void multiSwagSamplesFollowSubspaceOrDefault() {
        assertEquals(8, SubspaceSamples.multiSwagSamples(null));
        SubspaceConfig c = new SubspaceConfig(0, 3, null, new SubspaceConfig.Dropout(List.of(0.1)), null, null);
        assertEquals(3, SubspaceSamples.multiSwagSamples(c));
    }
}
