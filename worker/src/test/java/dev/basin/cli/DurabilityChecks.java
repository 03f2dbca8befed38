package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold in PostgreSQL after a study survived a crash: the same weights as an uninterrupted
 * run, and every row exactly once.
 */
final class DurabilityChecks {
    private DurabilityChecks() {}

    /**
     * The crashed study's whole trajectory equals the reference study's: the same checkpoints and
     * final rows (kind, member, epoch, step), each with the same weights hash, and the same test
     * predictions, byte for byte. Both studies ran the same spec under different names (the run key
     * leaves the name out, so their run keys are equal too).
     */
    static void sameTrajectory(StudyDb db, String reference, String crashed) throws SQLException {
        String models = "SELECT kind, member, epoch, step, run_key, weights_sha256 FROM model WHERE study = ?"
                + " ORDER BY kind, member, epoch, step";
        List<List<String>> expected = db.rows(models, reference);
        assertFalse(expected.isEmpty(), "the reference study " + reference + " has no models");
        assertFalse(expected.stream().anyMatch(r -> r.get(5) == null), "every model row has a weights hash");
        assertEquals(expected, db.rows(models, crashed), "checkpoints and final weights of " + crashed
                + " against the uninterrupted " + reference);
        String predictions = "SELECT m.member, p.split, p.sha256, p.rows FROM prediction p JOIN model m ON m.id = p.model_id"
                + " WHERE m.study = ? ORDER BY m.member, p.split";
        assertEquals(db.rows(predictions, reference), db.rows(predictions, crashed), "test-set predictions");
    }

    /**
     * No natural key occurs twice, every final model has exactly one prediction row and one set of
     * four metrics, nothing else was evaluated, and the deep ensembles of size 1..members each have
     * their four metrics once.
     */
    static void everyRowOnce(StudyDb db, String study, int members) throws SQLException {
        assertEquals(List.of(), db.rows("SELECT kind, member, epoch, step, count(*) FROM model WHERE study = ?"
                + " GROUP BY run_key, kind, member, epoch, step HAVING count(*) > 1", study), "duplicate models");
        assertEquals(List.of(), db.rows("SELECT member, workflow_run, attempt, count(*) FROM resume WHERE study = ?"
                + " GROUP BY member, workflow_run, attempt HAVING count(*) > 1", study), "duplicate resumes");

        List<List<String>> expected = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            expected.add(List.of(Integer.toString(m), "1", "4"));
        }
        assertEquals(expected, db.rows("""
                SELECT m.member, (SELECT count(*) FROM prediction p WHERE p.model_id = m.id),
                       (SELECT count(*) FROM metric x WHERE x.model_id = m.id)
                  FROM model m WHERE m.study = ? AND m.kind = 'final' ORDER BY m.member
                """, study), "one final model per member, each with one prediction row and four metrics");
        assertEquals(List.of(Integer.toString(members)), db.column(
                "SELECT count(*) FROM prediction p JOIN model m ON m.id = p.model_id WHERE m.study = ?", study),
                "only final models are evaluated");
        assertEquals(List.of(Integer.toString(members * 4)),
                db.column("SELECT count(*) FROM metric WHERE study = ? AND model_id IS NOT NULL", study));

        List<List<String>> ensembles = new ArrayList<>();
        for (int size = 1; size <= members; size++) {
            ensembles.add(List.of(Integer.toString(size), "4"));
        }
        assertEquals(ensembles, db.rows("""
                SELECT e.size, (SELECT count(*) FROM metric x WHERE x.ensemble_id = e.id)
                  FROM ensemble e WHERE e.study = ? ORDER BY e.size
                """, study), "deep ensembles of size 1.." + members + ", four metrics each");
        assertEquals(List.of("completed"), db.column("SELECT status FROM study WHERE name = ?", study));
    }
}
