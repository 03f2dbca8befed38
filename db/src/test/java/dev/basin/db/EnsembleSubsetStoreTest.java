package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subset rows are upserted per kind and size, a single subset's sd reads back as NaN, and the view shows them. */
class EnsembleSubsetStoreTest {

    private static Database db;
    private static StudyStore store;

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
        store = new StudyStore(db);
    }

    private static EnsembleSubsetRow row(int size, int subsets, double accuracy, double sd, String key) {
        return new EnsembleSubsetRow("subsets", "rk", "deep", "", size, subsets, true, accuracy, sd, 0.5, sd, 0.2, sd,
                0.05, sd, key);
    }

    @Test
    void upsertedReadBackAndShownWithNullForOneSubset() {
        store.upsertStudy(StudyRow.running("subsets", "study: subsets\n", "h", 1, "test", 1, "rk"));
        store.ensembleSubsets().record(List.of(row(1, 3, 0.7, 0.1, "old"), row(2, 3, 0.8, 0.05, "old")));
        store.ensembleSubsets().record(List.of(row(1, 3, 0.75, 0.1, "k"), row(2, 3, 0.8, 0.05, "k"),
                row(3, 1, 0.9, Double.NaN, "k")));
        List<EnsembleSubsetRow> rows = store.ensembleSubsets().of("subsets", "rk", "deep", "");
        assertEquals(List.of(1, 2, 3), rows.stream().map(EnsembleSubsetRow::size).toList());
        assertEquals(0.75, rows.get(0).accuracyMean());
        assertTrue(Double.isNaN(rows.get(2).accuracySd()) && Double.isNaN(rows.get(2).eceSd()));
        assertEquals(List.of(List.of("3", "1", "t", "0.9", "")), new TestSql(db).run("select size, subsets, exhaustive,"
                + " accuracy_mean, coalesce(accuracy_sd::text, '') from ensemble_size_subsets where study = 'subsets'"
                + " and size = 3").rows());
        assertEquals(1, store.ensembleSubsets().deleteLargerThan("subsets", "rk", "deep", "", 2));
        assertEquals(2, store.ensembleSubsets().of("subsets", "rk", "deep", "").size());
    }
}
