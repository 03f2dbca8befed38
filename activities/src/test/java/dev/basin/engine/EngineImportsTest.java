package dev.basin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine is plain Java + ND4J/DL4J: no orchestration, storage or database code may leak in. */
class EngineImportsTest {

    private static final Path ENGINE = Path.of("src/main/java/dev/basin/engine");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^\\s*import\\s+(static\\s+)?(io\\.temporal|software\\.amazon|java\\.sql|dev\\.basin\\.db)\\b.*", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(io\\.temporal|software\\.amazon|java\\.sql|dev\\.basin\\.db)\\.");

    @Test
    void engineSourcesImportNoTemporalS3OrSql() throws IOException {
        assertTrue(Files.isDirectory(ENGINE), "run from the activities module: " + ENGINE.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(ENGINE)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                String src = Files.readString(p);
                FORBIDDEN.matcher(src).results().forEach(m -> violations.add(p + ": " + m.group().strip()));
                if (QUALIFIED.matcher(src.replaceAll("(?m)^\\s*(//|\\*|/\\*).*$", "")).find()) {
                    violations.add(p + ": fully-qualified forbidden name");
                }
            }
        }
        assertTrue(files > 10, "expected the engine sources, found " + files);
        assertEquals(List.of(), violations);
    }
}
