package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema version 4 on a database that a version-3 Basin wrote to: its rows stay and keep working. */
class LandscapeMigrationTest {

    @Test
    void upgradesAVersion3DatabaseWithRowsInIt() throws SQLException {
        Database db = TestPostgres.migratedTo("3");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            // what a version-3 Basin writes (its own statements: no variant column yet)
            st.execute("insert into study (name, spec, spec_hash, seed, status, code_version, threads)"
                    + " values ('old', 'study: old', 'h', 1, 'completed', 'v3', 1)");
            st.execute("insert into model (study, run_key, kind, member, epoch, step, artifact_key, sha256, bytes)"
                    + " values ('old', 'rk', 'final', 0, 2, 20, 'k', 's', 1), ('old', 'rk', 'checkpoint', 0, 1, 10,"
                    + " 'c', 's', 1)");
            st.execute("insert into metric (study, model_id, split, name, value)"
                    + " select 'old', id, 'test', 'accuracy', 0.75 from model where kind = 'final'");
        }
        db.migrate();

        StudyStore store = new StudyStore(db);
        List<ModelRow> models = store.models("old");
        assertEquals(List.of("", ""), models.stream().map(ModelRow::variant).toList(), "old rows get no variant");
        ModelRow fin = store.model("old", "rk", ModelKind.FINAL, 0).orElseThrow();
        // the upsert's conflict target is the new natural key: the old row is found and updated, not duplicated
        assertEquals(fin.id(), store.recordModel(ModelRow.of("old", "rk", ModelKind.FINAL, 0, 2, 20, "k2", "s2", 2)));
        assertEquals(2, store.models("old").size());
        assertEquals(new QueryResult(List.of("label", "accuracy", "variant"), List.of(List.of("final:0", "0.75", ""))),
                new TestSql(db).run("select label, accuracy, variant from member_metrics where study = 'old'"));
        // the old natural key no longer holds alone: a variant tells two samples apart
        store.recordModel(ModelRow.of("old", "rk", ModelKind.SAMPLE, 0, 2, 20, "a", "s", 1).withVariant("dropout p=0.1 #0"));
        store.recordModel(ModelRow.of("old", "rk", ModelKind.SAMPLE, 0, 2, 20, "b", "s", 1).withVariant("dropout p=0.1 #1"));
        assertEquals(4, store.models("old").size());
        assertEquals("4", new TestSql(db).run("select count(*) from model").rows().get(0).get(0));
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute(
                    "insert into model (study, run_key, kind, member, epoch, step, artifact_key, sha256, bytes)"
                            + " values ('old', 'rk', 'plane', 0, 1, 1, 'p', 's', 1)"));
            assertTrue(e.getMessage().contains("model_kind_check"), e.getMessage());
        }
    }

    @Test
    void migratingAnEmptyDatabaseGivesTheNewestVersion() throws SQLException {
        Database db = TestPostgres.migratedDatabase();
        assertEquals("14", new TestSql(db).run("select max(version::int) from flyway_schema_history").rows()
                .get(0).get(0));
        db.migrate();
    }
}
