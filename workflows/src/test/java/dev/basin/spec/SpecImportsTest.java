package dev.basin.spec;

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

/**
 * The spec package is pure (parse, validate, print; no I/O) and shares its rules with the activities only through
 * the engine ({@code dev.basin.engine.analysis}). The workflows module has the activities on its classpath, so only
 * a source scan can keep the spec from reaching into them.
 */
class SpecImportsTest {

    private static final Path SPEC = Path.of("src/main/java/dev/basin/spec");
    private static final Pattern ACTIVITIES_IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?dev\\.basin\\.activities\\b.*", Pattern.MULTILINE);
    private static final Pattern ACTIVITIES_QUALIFIED = Pattern.compile("\\bdev\\.basin\\.activities\\.");

    @Test
    void specSourcesDoNotUseTheActivities() throws IOException {
        assertTrue(Files.isDirectory(SPEC), "run from the workflows module: " + SPEC.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(SPEC)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                files++;
                String src = Files.readString(p);
                ACTIVITIES_IMPORT.matcher(src).results().forEach(m -> violations.add(p + ": " + m.group().strip()));
                // a fully-qualified use outside imports and comments needs no import
                String code = src.replaceAll("(?m)^\\s*(//|\\*|/\\*|import\\s).*$", "");
                if (ACTIVITIES_QUALIFIED.matcher(code).find()) {
                    violations.add(p + ": fully-qualified dev.basin.activities name");
                }
            }
        }
        assertTrue(files > 5, "expected the spec sources, found " + files);
        assertEquals(List.of(), violations);
    }
}
