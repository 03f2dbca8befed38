package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One row of SWAG moments per member, upserted; it goes with its SWA model; swa_metrics shows the BN flag. */
class SwagStoreTest {

    private static Database db;
    private static StudyStore store;
    private static SwagStore swag;

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
        store = new StudyStore(db);
        swag = new SwagStore(db);
    }

    private static long model(String study, String kind, int member, double accuracy) {
        long id = store.recordModel(ModelRow.of(study, "rk", ModelKind.fromText(kind), member, 3, 30, kind + member, "x", 1));
        store.recordModelMetrics(study, id, "test", Map.of("accuracy", accuracy, "nll", 0.5, "brier", 0.2, "ece", 0.1));
        return id;
    }

    @Test
    void aRetriedWriteLeavesOneRowAndTheRowGoesWithItsSwaModel() {
        store.upsertStudy(StudyRow.running("swag", "study: swag\n", "h", 1, "test", 1, "rk"));
        model("swag", "final", 0, 0.7);
        long swa = model("swag", "swa", 0, 0.8);
        SwagRow first = new SwagRow("swag", "rk", 0, swa, "a", "s1", 10, 2, 1, false, "k1");
        swag.record(first);
        SwagRow second = new SwagRow("swag", "rk", 0, swa, "a", "s2", 12, 2, 1, true, "k2");
        swag.record(second);
        assertEquals(Optional.of(second), swag.swag("swag", "rk", 0));
        assertEquals(Optional.empty(), swag.swag("swag", "rk", 1));
        assertEquals(Optional.empty(), swag.swag("swag", "other", 0));
        assertEquals(List.of(List.of("0", "0.8", "t", "2", "1")), new TestSql(db).run("select member, swa_accuracy,"
                + " bn_recomputed, swa_epochs, swag_rank from swa_metrics where study = 'swag'").rows());

        assertTrue(swag.delete("swag", "rk", 0));
        assertFalse(swag.delete("swag", "rk", 0));
        swag.record(first);
        store.stages().reportDamage(DamagedArtifactRow.of("swag", "rk", "swa", 0, "swa0", "x", "y", "recompute"));
        assertEquals(Optional.empty(), swag.swag("swag", "rk", 0), "the moments go with the discarded SWA model");
        assertThrows(IllegalArgumentException.class, () -> new SwagRow("swag", "rk", 0, swa, "a", "s", 1, 2, 3, false,
                "k"), "more deviations than vectors");
    }
}
