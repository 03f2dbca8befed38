package dev.basin.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader role against a real server: what it may do, what it may not, and that setting it up twice is harmless. */
class ReaderRoleTest {

    @TempDir
    static Path data;
    private static LocalPostgres postgres;
    private static Credentials credentials;

    @BeforeAll
    static void start() {
        credentials = Credentials.loadOrCreate(data);
        postgres = LocalPostgres.start(data, credentials);
        new Database(new DbConfig(postgres.jdbcUrl(), LocalPostgres.USER, credentials.dbPassword())).migrate();
        ReaderRole.ensure(postgres.jdbcUrl(), credentials);
        // A second start of the same folder applies it again.
        ReaderRole.ensure(postgres.jdbcUrl(), credentials);
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Connection as(String user, String password) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), user, password);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @Test
    void theRoleHasNoAttributeButLoginAndReadsOnly() throws SQLException {
        try (Connection c = as("postgres", credentials.postgresPassword())) {
            assertEquals("t f f f f f f", one(c, "select concat_ws(' ', rolcanlogin, rolsuper, rolcreatedb,"
                    + " rolcreaterole, rolinherit, rolreplication, rolbypassrls) from pg_roles where rolname = 'basin_reader'"));
            assertEquals("0", one(c, "select count(*) from pg_auth_members where member = 'basin_reader'::regrole"));
            assertEquals("0", one(c, "select count(*) from pg_class where relowner = 'basin_reader'::regrole"));
        }
        try (Connection c = as(LocalPostgres.READER, credentials.readerPassword())) {
            assertEquals("on", one(c, "show default_transaction_read_only"));
            assertEquals("1min", one(c, "show statement_timeout"));
            assertEquals("0", one(c, "select count(*) from study"));
            assertEquals("0", one(c, "select count(*) from member_metrics"));
            assertEquals("f", one(c, "select has_database_privilege('basin', 'TEMP')"));
            assertEquals("f", one(c, "select has_schema_privilege('public', 'CREATE')"));
            assertEquals("f", one(c, "select has_sequence_privilege('model_id_seq', 'USAGE')"));
            assertEquals("f", one(c, "select has_table_privilege('study', 'INSERT')"));
            for (String f : new String[] {"lo_create(oid)", "lo_from_bytea(oid, bytea)", "lo_import(text)",
                    "pg_terminate_backend(integer, bigint)", "pg_cancel_backend(integer)", "pg_advisory_lock(bigint)",
                    "pg_try_advisory_xact_lock(bigint)"}) {
                assertEquals("f", one(c, "select has_function_privilege('" + f + "', 'EXECUTE')"), f);
            }
            // Even with read-only switched off for its session, the privileges stop a write.
            try (Statement st = c.createStatement()) {
                st.execute("set default_transaction_read_only = off");
                st.execute("set transaction_read_only = off");
                SQLException e = assertThrows(SQLException.class, () -> st.execute("create temp table t (x int)"));
                assertEquals("42501", e.getSQLState(), e.getMessage());
                e = assertThrows(SQLException.class, () -> st.execute("delete from study"));
                assertEquals("42501", e.getSQLState(), e.getMessage());
            }
        }
    }

    @Test
    void basinStillMigratesAndItsNewTablesAreReadable() throws SQLException {
        DbConfig owner = new DbConfig(postgres.jdbcUrl(), LocalPostgres.USER, credentials.dbPassword());
        new Database(owner).migrate(); // Flyway takes an advisory lock as basin
        try (Connection c = new Database(owner).connect(); Statement st = c.createStatement()) {
            st.execute("create table if not exists later_table (x int)");
            st.execute("insert into later_table values (7)");
            assertEquals("t", one(c, "select pg_try_advisory_lock(42)"));
        }
        try (Connection c = as(LocalPostgres.READER, credentials.readerPassword())) {
            assertEquals("7", one(c, "select x from later_table"));
            assertFalse(one(c, "select current_user").isEmpty());
        }
    }
}
