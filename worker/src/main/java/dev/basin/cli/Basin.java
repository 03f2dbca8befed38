package dev.basin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code basin} command line. Exit codes: 0 success, 1 failure, 2 bad input. */
@Command(name = "basin", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Loss-landscape studies of deep ensembles, run as durable Temporal workflows.",
        subcommands = {RunCommand.class, ValidateCommand.class, PlanCommand.class, SubmitCommand.class, WorkerCommand.class,
                StatusCommand.class, CancelCommand.class, SqlCommand.class, ReportCommand.class, GcCommand.class,
                UpCommand.class, ServeCommand.class, BenchCommand.class})
public final class Basin {
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        // Bind SLF4J before the embedded servers start in parallel threads: loggers created during its
        // initialisation are otherwise queued and replayed, with a three-line warning on stderr.
        org.slf4j.LoggerFactory.getILoggerFactory();
        System.exit(commandLine().execute(args));
    }

    /** The command line with Basin's error reporting: one line naming the problem, no stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Basin());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (Services.exiting()) {
                return 130; // interrupted: the shutdown hook has said what happened
            }
            cmd.getErr().println(cmd.getColorScheme().errorText("basin: " + Errors.describe(e)));
            return Errors.exitCode(e);
        });
        return cli;
    }
}
