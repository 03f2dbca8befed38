package dev.basin.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkBoundsTest {
    /** 4 members keeping 5 epochs each: 20 kept checkpoints, 1,000 test images. */
    private static StudySpec spec(String analyses) {
        return SpecParser.parse("""
                study: bounds
                data: {testSubset: 1000}
                train: {members: 4, epochs: 5}
                trajectory: {}
                """ + analyses);
    }

    @Test
    void aStudyWithoutTsneOrSimilarityAsksNothingOfThem() {
        WorkBounds.Work w = WorkBounds.of(spec(""), 1000);
        assertEquals(new WorkBounds.Work(0, 0, 0, 0, 0, 0, 0), w);
        assertEquals(List.of(), w.refusals());
    }

    @Test
    void tsneIsTimedOnTheModelsItEmbedsAtMostMaxPoints() {
        WorkBounds.Work all = WorkBounds.of(spec("tsne: {}\n"), 1000);
        assertEquals(20, all.tsneModels());
        assertEquals(20, all.tsneEmbedded());
        assertEquals("", all.tsneNotice(spec("tsne: {}\n")));
        double n2 = 20 * 20;
        assertEquals(n2 * 1000 * WorkBounds.TSNE_DESCENT_SECONDS
                + 20 * 19 / 2.0 * 1000 * StageCost.CLASSES * WorkBounds.TSNE_DISTANCE_SECONDS, all.tsneSeconds(), 1e-9);

        StudySpec capped = spec("tsne: {maxPoints: 8, seed: 3}\n");
        WorkBounds.Work w = WorkBounds.of(capped, 1000);
        assertEquals(20, w.tsneModels());
        assertEquals(8, w.tsneEmbedded());
        assertTrue(w.tsneSeconds() < all.tsneSeconds());
        assertEquals("t-SNE: 20 models, more than tsne.maxPoints 8; a sample of 8 drawn from tsne.seed 3 is embedded"
                + " (tsne.maxPoints may be raised to 10,000)", w.tsneNotice(capped));
        assertEquals(8, StageCost.of(capped, StagePlan.of(capped, "r", "e"), new StageCost.ModelSize(1000, false))
                .get(StageNames.TSNE).dbRows() - 1, "a row per embedded model, and the stage row");
    }

    @Test
    void similarityCountsItsPairsModelsAndTheirMemory() {
        WorkBounds.Work w = WorkBounds.of(spec("similarity: true\n"), 1000);
        // trajectory 4 × C(5, 2) = 40, members C(4, 2) = 6, all C(20, 2) = 190
        assertEquals(236, w.similarityPairs());
        assertEquals(24, w.similarityModels(), "20 kept checkpoints and 4 finals");
        assertEquals(24L * 4 * (1000 + 1000), w.similarityBytes());
        assertEquals(236 * 2000 * WorkBounds.SIMILARITY_SECONDS, w.similaritySeconds(), 1e-12);
        WorkBounds.Work members = WorkBounds.of(spec("similarity: {scopes: [members]}\n"), 1000);
        assertEquals(6, members.similarityPairs());
        assertEquals(4, members.similarityModels());
    }

    @Test
    void pairsOrModelsBeyondTheHardBoundsAreRefusedWithTheNumbers() {
        // 64 members keeping a checkpoint every 2 steps of 235 an epoch: 64 × 118 = 7,552 models, C(7552, 2) pairs
        StudySpec huge = SpecParser.parse("""
                study: bounds
                train: {members: 64, epochs: 1, batchSize: 256}
                trajectory: {everySteps: 2}
                similarity: {scopes: [all]}
                """);
        WorkBounds.Work w = WorkBounds.of(huge, 1000);
        assertEquals(64 * 118, w.similarityModels());
        assertEquals(7552L * 7551 / 2, w.similarityPairs());
        assertEquals(List.of("similarity would compare 28,512,576 pairs, more than the 20,000,000 rows it may store;"
                + " ask for fewer scopes (all has C(n, 2) pairs of the n kept checkpoints) or keep fewer checkpoints"
                + " (trajectory.every)"), w.refusals());
        // a network of 270,000 parameters: 7,552 models of ~1.1 MB each do not fit in 4 GiB
        List<String> both = WorkBounds.of(huge, 270_000).refusals();
        assertEquals(2, both.size());
        assertTrue(both.get(1).startsWith("similarity would hold 7,552 models in memory, 7.9 GiB, more than 4 GiB"),
                both.get(1));
    }
}
