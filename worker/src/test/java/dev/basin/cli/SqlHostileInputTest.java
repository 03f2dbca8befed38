package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile options of {@code basin sql} and of the database connection (issue 14, parts 1 and 9): each is
 * refused with exit code 2 and a message naming what is wrong and what is allowed, before any server is
 * started or reached (the data folder is never created; the external endpoints answer nothing).
 */
class SqlHostileInputTest {
    @TempDir static Path dir;

    private static final String URL = "jdbc:postgresql://127.0.0.1:1/basin";
    private static final String ALLOWED = "disable|allow|prefer|require|verify-ca|verify-full";

    static Stream<Arguments> cases() {
        return Stream.of(
                of("no rows", List.of("--max-rows must be 1 or more, got 0"), "--max-rows", "0"),
                of("negative rows", List.of("--max-rows must be 1 or more, got -5"), "--max-rows", "-5"),
                of("rows not a number", List.of("--max-rows", "'many' is not an int"), "--max-rows", "many"),
                of("no timeout", List.of("--timeout must be 1 to 3600 seconds, got 0"), "--timeout", "0"),
                of("a timeout over an hour", List.of("--timeout must be 1 to 3600 seconds, got 3601"), "--timeout", "3601"),
                of("an unknown sslmode", List.of("--db-sslmode (or BASIN_DB_SSLMODE) must be one of " + ALLOWED,
                        "got 'on'"), external("--db-sslmode", "on")),
                of("an sslmode in capitals", List.of("must be one of " + ALLOWED, "got 'REQUIRE'"),
                        external("--db-sslmode", "REQUIRE")),
                of("an empty sslmode", List.of("must be one of " + ALLOWED, "got ''"), external("--db-sslmode", "")),
                of("an sslmode that disagrees with the URL", List.of("--db-sslmode verify-full disagrees with"
                        + " sslmode=disable in --db-url; give it once"), externalTo(URL + "?sslmode=disable",
                        "--db-sslmode", "verify-full")),
                of("an sslmode for the embedded stack", List.of("--db-sslmode (or BASIN_DB_SSLMODE) applies to an"
                        + " external database (--db-url)"), "--db-sslmode", "require"));
    }

    private static Arguments of(String name, List<String> expected, String... options) {
        return Arguments.of(name, expected, List.of(options));
    }

    private static String[] external(String... more) {
        return externalTo(URL, more);
    }

    private static String[] externalTo(String url, String... more) {
        List<String> all = new ArrayList<>(List.of("--temporal", "127.0.0.1:1", "--db-url", url, "--bucket", "b"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedBeforeAnythingStarts(String name, List<String> expected, List<String> options) {
        Path state = dir.resolve("state-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("sql", "select 1"));
        args.addAll(options);
        args.addAll(List.of("--data-dir", state.toString()));
        Cli.Output out = Cli.run(args.toArray(String[]::new));
        assertEquals(2, out.code(), "exit code; stderr: " + out.err());
        for (String fragment : expected) {
            assertTrue(out.err().contains(fragment), "stderr lacks '" + fragment + "': " + out.err());
        }
        assertFalse(out.err().contains("\tat "), "one message, no stack trace: " + out.err());
        assertFalse(Files.exists(state), "nothing may be started or written: " + state + " exists");
        assertEquals("", out.out());
    }
}
