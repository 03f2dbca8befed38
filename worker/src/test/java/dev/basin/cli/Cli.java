package dev.basin.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the real command line in this JVM and captures what it prints. */
final class Cli {
    record Output(int code, String out, String err) {}

    private Cli() {}

    static synchronized Output run(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            var cli = Basin.commandLine();
            cli.setOut(new PrintWriter(System.out, true));
            cli.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
            int code = cli.execute(args);
            return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            stdout.print(out.toString(StandardCharsets.UTF_8));
        }
    }
}
