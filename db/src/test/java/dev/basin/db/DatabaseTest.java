package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    /** Issue 14 part 9: a read waits at most the socket timeout; an override replaces Basin's default. */
    @Test
    void connectionsHaveASocketTimeout() throws SQLException {
        Database db = TestPostgres.freshDatabase();
        try (Connection c = db.connect()) {
            assertEquals(300_000, c.getNetworkTimeout());
        }
        try (Connection c = db.connect(Map.of("socketTimeout", "90"))) {
            assertEquals(90_000, c.getNetworkTimeout());
        }
    }

    @Test
    void migrationCreatesEveryTableAndView() throws SQLException {
        Database db = TestPostgres.migratedDatabase();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "select table_name, table_type from information_schema.tables where table_schema = 'public'"
                        + " and table_name <> 'flyway_schema_history' order by table_name")) {
            List<String> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + ":" + rs.getString(2));
                }
            }
            assertEquals(List.of("alignment:BASE TABLE", "alignment_summary:VIEW", "barrier:BASE TABLE",
                    "barrier_point:BASE TABLE", "barrier_profile:VIEW", "barriers:VIEW",
                    "budget_ensemble:BASE TABLE", "budget_ensembles:VIEW", "curve:BASE TABLE",
                    "curve_point:BASE TABLE", "curve_profile:VIEW", "curve_summary:VIEW", "damaged_artifact:BASE TABLE", "ensemble:BASE TABLE", "ensemble_connectivity:VIEW",
                    "ensemble_member:BASE TABLE", "ensemble_metrics:VIEW",
                    "ensemble_size:VIEW", "ensemble_size_subsets:VIEW", "ensemble_subset:BASE TABLE",
                    "interpolation_curve:VIEW", "interpolation_point:BASE TABLE",
                    "member_metrics:VIEW", "metric:BASE TABLE", "model:BASE TABLE", "plane:BASE TABLE",
                    "plane_point:BASE TABLE", "plane_points_projected:VIEW", "plane_projection:BASE TABLE",
                    "plane_surface:VIEW", "prediction:BASE TABLE", "progress:BASE TABLE", "resume:BASE TABLE",
                    "shift_metric:BASE TABLE", "shift_metrics:VIEW", "similarity:BASE TABLE", "similarity_pairs:VIEW",
                    "stage:BASE TABLE", "stage_checkpoint:BASE TABLE", "study:BASE TABLE", "subspace_diversity:VIEW", "subspace_sample:BASE TABLE",
                    "swa_metrics:VIEW", "swag_moments:BASE TABLE", "teacher:BASE TABLE", "train_epoch:BASE TABLE",
                    "training_curve:VIEW", "trajectory_metrics:VIEW", "tsne_point:BASE TABLE",
                    "tsne_points:VIEW").stream()
                            .flatMap(t -> t.endsWith(":VIEW") ? Stream.of(t, t.replace(":VIEW", "_all:VIEW")) : Stream.of(t))
                            .toList(),
                    found, "every view beside its _all twin");
        }
    }

    @Test
    void migratingTwiceIsHarmless() {
        Database db = TestPostgres.migratedDatabase();
        db.migrate();
    }

    @Test
    void newerSchemaIsRefusedWithAClearMessage() throws SQLException {
        Database db = TestPostgres.migratedDatabase();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("""
                insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,
                    installed_by, execution_time, success)
                values (?, '99', 'from the future', 'SQL', 'V99__future.sql', 0, current_user, 1, true)
                """)) {
            ps.setInt(1, 99);
            ps.executeUpdate();
        }
        DbException e = assertThrows(DbException.class, db::migrate);
        assertEquals("database schema version 99 is newer than this Basin (14); upgrade Basin", e.getMessage());
    }

    @Test
    void connectionFailureNamesTheUrlButNotThePassword() {
        Database db = new Database(new DbConfig("jdbc:postgresql://127.0.0.1:1/basin?password=hunter2", "basin", "s3cret"));
        DbException e = assertThrows(DbException.class, db::connect);
        assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/basin?password=***"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    void configToStringHidesThePassword() {
        DbConfig config = new DbConfig("jdbc:postgresql://h:5432/basin", "basin", "s3cret");
        assertEquals("DbConfig[url=jdbc:postgresql://h:5432/basin, user=basin, password=***]", config.toString());
    }
}
