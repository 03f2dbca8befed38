package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** V6 renames the checksum-failure table of a version-5 database: its rows stay, no name says "corruption". */
class DamagedArtifactMigrationTest {

    @Test
    void aVersion5CorruptionRowBecomesADamagedArtifact() throws SQLException {
        Database db = TestPostgres.migratedTo("5");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("insert into study (name, spec, spec_hash, seed, status, code_version, threads)"
                    + " values ('old', 'study: old', 'h', 1, 'completed', 'v', 1)");
            st.execute("insert into corruption (study, run_key, kind, member, artifact_key, recorded_sha256,"
                    + " actual_sha256, action) values ('old', 'rk', 'final', 2, 'k', 'aa', 'bb', 'retrained')");
        }
        db.migrate();
        TestSql sql = new TestSql(db);
        assertEquals(List.of(List.of("old", "final", "2", "k", "retrained")), sql.run("select study, kind, member,"
                + " artifact_key, action from damaged_artifact").rows());
        assertEquals(List.of(List.of("0")), sql.run("select count(*) from pg_class c join pg_namespace n"
                + " on n.oid = c.relnamespace where n.nspname = current_schema() and c.relname like 'corruption%'")
                .rows(), "no table, index or sequence keeps the old name");
        assertEquals(List.of(List.of("0")), sql.run("select count(*) from pg_constraint"
                + " where conname like 'corruption%'").rows(), "nor any constraint");
        assertEquals(1, new StageStore(db).damagedArtifacts("old").size());
    }
}
