package dev.basin.activities.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityPairsTest {

    private static ModelRow model(long id, String kind, int member, int epoch) {
        return ModelRow.of("s", "rk", ModelKind.fromText(kind), member, epoch, epoch * 10L, "k" + id, "x", 1).withId(id);
    }

    private static List<String> labels(List<SimilarityPairs.Pair> pairs) {
        return pairs.stream().map(p -> p.scope() + " " + p.a().id() + "-" + p.b().id()).toList();
    }

    // member 0 keeps checkpoints 1, 2, 3; member 1 keeps 4, 5; finals are 10 and 11
    private static final List<List<ModelRow>> KEPT = List.of(
            List.of(model(1, "checkpoint", 0, 1), model(2, "checkpoint", 0, 2), model(3, "checkpoint", 0, 3)),
            List.of(model(4, "checkpoint", 1, 1), model(5, "checkpoint", 1, 2)));
    private static final List<ModelRow> FINALS = List.of(model(10, "final", 0, 3), model(11, "final", 1, 2));

    @Test
    void eachScopeListsItsPairsOnceWithoutSelfPairs() {
        assertEquals(List.of("trajectory 1-2", "trajectory 1-3", "trajectory 2-3", "trajectory 4-5"),
                labels(SimilarityPairs.pairs(List.of("trajectory"), KEPT, FINALS)));
        assertEquals(List.of("members 10-11"), labels(SimilarityPairs.pairs(List.of("members"), KEPT, FINALS)));
        // C(5, 2) = 10 across both members
        assertEquals(List.of("all 1-2", "all 1-3", "all 1-4", "all 1-5", "all 2-3", "all 2-4", "all 2-5", "all 3-4",
                "all 3-5", "all 4-5"), labels(SimilarityPairs.pairs(List.of("all"), KEPT, FINALS)));
        assertEquals(4 + 1 + 10, SimilarityPairs.pairs(List.of("trajectory", "members", "all"), KEPT, FINALS).size());
    }

    @Test
    void oneModelGivesNoPairAndUnknownScopesAreRefused() {
        assertEquals(List.of(), SimilarityPairs.pairs(List.of("trajectory", "members"),
                List.of(List.of(model(1, "checkpoint", 0, 1))), List.of(model(10, "final", 0, 1))));
        assertThrows(IllegalArgumentException.class, () -> SimilarityPairs.pairs(List.of("pairs"), KEPT, FINALS));
    }

    @Test
    void theLazyWalkSkipsMembersWithoutPairsAndCountsWhatItYields() {
        List<List<ModelRow>> kept = List.of(List.of(), List.of(model(6, "checkpoint", 9, 1)), KEPT.get(0), List.of(),
                KEPT.get(1));
        List<String> scopes = List.of("trajectory", "members", "all");
        List<SimilarityPairs.Pair> pairs = SimilarityPairs.pairs(scopes, kept, FINALS);
        assertEquals(List.of("trajectory 1-2", "trajectory 1-3", "trajectory 2-3", "trajectory 4-5", "members 10-11"),
                labels(pairs.subList(0, 5)));
        assertEquals(4 + 1 + 15, pairs.size(), "C(6, 2) across all");
        assertEquals(pairs.size(), SimilarityPairs.count(scopes, kept, FINALS));
        assertEquals(0, SimilarityPairs.count(List.of("trajectory"), List.of(List.of(), List.of()), FINALS));
        assertThrows(java.util.NoSuchElementException.class,
                () -> SimilarityPairs.iterate(List.of("members"), KEPT, List.of()).next());
    }
}
