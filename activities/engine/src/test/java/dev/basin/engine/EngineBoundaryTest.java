package dev.basin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine is plain Java + ND4J/DL4J. Its module's classpath is what keeps orchestration, storage and database
 * code out: code that used them would not compile. This test fails when a dependency added to the engine's pom
 * (directly or transitively) brings one of them back.
 */
class EngineBoundaryTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "io.temporal.activity.Activity",                    // Temporal SDK
        "io.temporal.workflow.Workflow",
        "software.amazon.awssdk.services.s3.S3Client",      // AWS SDK
        "org.postgresql.Driver",                            // JDBC driver
        "org.flywaydb.core.Flyway",                         // schema migrations
        "dev.basin.db.Database",                            // Basin's db module
        "dev.basin.activities.WorkerContext",               // Basin's activities module
        "dev.basin.artifacts.ArtifactStore",
    })
    void orchestrationStorageAndDatabaseClassesAreNotOnTheClasspath(String name) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, getClass().getClassLoader()),
                name + " is on the engine's classpath: a dependency of activities/engine/pom.xml brings it in");
    }

    /** The probe above would pass vacuously if class loading itself were broken. */
    @Test
    void theProbeSeesTheEngineDependencies() throws ClassNotFoundException {
        Class.forName("org.nd4j.linalg.factory.Nd4j", false, getClass().getClassLoader());
        Class.forName("org.deeplearning4j.nn.graph.ComputationGraph", false, getClass().getClassLoader());
    }

    private static final Path SOURCES = Path.of("src/main/java");
    /** java.sql is in the JDK, so no classpath keeps it out: the engine leaves JDBC to the db module. */
    private static final Pattern SQL_IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?java\\.sql\\b.*", Pattern.MULTILINE);
    private static final Pattern SQL_QUALIFIED = Pattern.compile("\\bjava\\.sql\\.");

    @Test
    void engineSourcesUseNoJdbc() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the engine module: " + SOURCES.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                String src = Files.readString(p);
                SQL_IMPORT.matcher(src).results().forEach(m -> violations.add(p + ": " + m.group().strip()));
                if (SQL_QUALIFIED.matcher(src.replaceAll("(?m)^\\s*(//|\\*|/\\*|import\\s).*$", "")).find()) {
                    violations.add(p + ": fully-qualified java.sql name");
                }
            }
        }
        assertTrue(files > 10, "expected the engine sources, found " + files);
        assertEquals(List.of(), violations);
    }
}
