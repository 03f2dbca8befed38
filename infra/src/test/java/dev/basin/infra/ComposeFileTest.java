package dev.basin.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/compose.yaml cannot be started here (no docker); this reads it as YAML and checks that Basin's own
 * roles are not PostgreSQL's superuser and that the script creating them is mounted, makes them, and works.
 */
class ComposeFileTest {
    private static final Path DEPLOY = Path.of("deploy");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    @Test
    void basinsRolesAreNotTheSuperuser() throws IOException {
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(DEPLOY.resolve("compose.yaml")));
        Map<String, Object> postgres = service(compose, "postgres");
        String superuser = (String) environment(postgres).get("POSTGRES_USER");
        assertEquals("postgres", superuser);
        @SuppressWarnings("unchecked")
        Map<String, Object> basinEnv = (Map<String, Object>) compose.get("x-basin-env");
        assertNotEquals(superuser, basinEnv.get("BASIN_DB_USER"), "Basin's role must not be POSTGRES_USER");
        for (String role : List.of(LocalPostgres.USER, LocalPostgres.READER)) {
            assertNotEquals(role, superuser);
        }
        assertFalse(environment(postgres).containsKey("POSTGRES_DB"), "database basin is made by the script, owned by basin");
        assertEquals(superuser, environment(service(compose, "temporal")).get("POSTGRES_USER"),
                "Temporal creates its own databases as the superuser");
        @SuppressWarnings("unchecked")
        List<String> volumes = (List<String>) postgres.get("volumes");
        assertTrue(volumes.contains("./initdb:/docker-entrypoint-initdb.d:ro"), volumes.toString());
    }

    @Test
    void theInitScriptMakesBothRolesWithoutSuperuser() throws IOException {
        String script = Files.readString(DEPLOY.resolve("initdb").resolve("basin-roles.sh"));
        assertTrue(script.contains("ALTER ROLE basin LOGIN NOSUPERUSER"), script);
        assertTrue(script.contains("CREATE DATABASE basin OWNER basin;"), script);
        assertTrue(script.contains("ALTER ROLE basin_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT"), script);
        assertTrue(script.contains("ALTER ROLE basin_reader SET default_transaction_read_only = on;"), script);
        assertTrue(script.contains("GRANT SELECT ON TABLES TO basin_reader"), script);
        assertFalse(Pattern.compile("(?<![A-Z])SUPERUSER").matcher(script).find(), "no role made a superuser");
        assertTrue(Files.isExecutable(DEPLOY.resolve("initdb").resolve("basin-roles.sh")), "the entrypoint runs it");
    }

    /**
     * The script's SQL on a real server (a plain zonky one, trust authentication), psql's variables replaced
     * by literals: both roles and the database are made, Basin migrates as basin, and basin_reader reads
     * what it created but can write nothing.
     */
    @Test
    void theInitScriptsSqlWorksOnARealServer(@TempDir Path pgData) throws Exception {
        String script = Files.readString(DEPLOY.resolve("initdb").resolve("basin-roles.sh"));
        String sql = script.substring(script.indexOf("<<'SQL'\n") + "<<'SQL'\n".length(), script.lastIndexOf("\nSQL"))
                .replace(":'basin_password'", "'basinbasinbasin1'").replace(":'reader_password'", "'readerreader1234'")
                .replaceAll("(?m)^\\\\set [^\n]*\n", ""); // psql's own settings, not SQL
        String[] parts = sql.split("\\\\connect basin\n");
        assertEquals(2, parts.length, sql);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(true)
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                // One by one: CREATE DATABASE cannot run in the implicit transaction of a multi-statement text.
                for (String statement : parts[0].split(";\n")) {
                    if (!statement.isBlank()) {
                        st.execute(statement);
                    }
                }
            }
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/basin";
            try (Connection c = DriverManager.getConnection(url, "postgres", "trust"); Statement st = c.createStatement()) {
                st.execute(parts[1]);
            }
            // Run again (by hand, on a volume that has it all): the roles and grants are made idempotently.
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                for (String statement : parts[0].split(";\n")) {
                    if (!statement.isBlank() && !statement.startsWith("CREATE DATABASE")) {
                        st.execute(statement);
                    }
                }
            }
            try (Connection c = DriverManager.getConnection(url, "postgres", "trust"); Statement st = c.createStatement()) {
                st.execute(parts[1]);
            }
            new Database(new DbConfig(url, "basin", "basinbasinbasin1")).migrate();
            try (Connection c = DriverManager.getConnection(url, "basin_reader", "readerreader1234");
                 Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("select count(*), current_setting('default_transaction_read_only'),"
                        + " has_table_privilege('study', 'INSERT'), has_function_privilege('lo_create(oid)', 'EXECUTE'),"
                        + " has_database_privilege('basin', 'TEMP'), (select rolsuper from pg_roles where rolname = 'basin')"
                        + " from study")) {
                    assertTrue(rs.next());
                    assertEquals("0 on f f f f", rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                            + rs.getString(4) + " " + rs.getString(5) + " " + rs.getString(6));
                }
                // Read-only switched off for its session: its privileges still stop the write.
                st.execute("set default_transaction_read_only = off");
                SQLException e = assertThrows(SQLException.class, () -> st.execute("delete from study"));
                assertEquals("42501", e.getSQLState(), e.getMessage());
            }
        }
    }
}
