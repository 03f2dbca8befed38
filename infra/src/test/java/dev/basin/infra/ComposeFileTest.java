package dev.basin.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/compose.yaml cannot be started here (no docker); this reads it as YAML and checks that Basin's own
 * roles are not PostgreSQL's superuser and that the script creating them is mounted and makes them.
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
        assertTrue(script.contains("CREATE ROLE basin LOGIN NOSUPERUSER"), script);
        assertTrue(script.contains("CREATE DATABASE basin OWNER basin;"), script);
        assertTrue(script.contains("CREATE ROLE basin_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT"), script);
        assertTrue(script.contains("ALTER ROLE basin_reader SET default_transaction_read_only = on;"), script);
        assertTrue(script.contains("GRANT SELECT ON TABLES TO basin_reader"), script);
        assertFalse(Pattern.compile("(?<![A-Z])SUPERUSER").matcher(script).find(), "no role made a superuser");
        assertTrue(Files.isExecutable(DEPLOY.resolve("initdb").resolve("basin-roles.sh")), "the entrypoint runs it");
    }
}
