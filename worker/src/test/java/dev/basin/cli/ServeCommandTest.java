package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code basin serve}'s refusals; the server itself is tested in {@code dev.basin.serve}. */
class ServeCommandTest {

    @Test
    void withoutAStackItSaysHowToGetOne(@TempDir Path dir) {
        Cli.Output o = Cli.run("serve", "--port", "0", "--data-dir", dir.toString());
        assertEquals(Basin.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains("no Basin stack is running over " + dir), o.err());
        assertTrue(o.err().contains("basin up"), o.err());
    }

    @Test
    void aPortOutOfRangeIsBadInput(@TempDir Path dir) {
        Cli.Output o = Cli.run("serve", "--port", "70000", "--data-dir", dir.toString());
        assertEquals(Basin.BAD_INPUT, o.code());
        assertTrue(o.err().contains("--port must be 0 to 65535, got 70000"), o.err());
    }
}
