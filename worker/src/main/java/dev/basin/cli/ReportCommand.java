package dev.basin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code basin report STUDY [STUDY2]}: one self-contained HTML page with every figure the study asked for (the
 * rest marked pending), each figure also as {@code .svg} and its rows as {@code .csv}. Two studies are drawn side
 * by side on the same axes; their files go into one folder per study ({@code A/ID.svg}, {@code B/ID.svg}).
 * It reads as {@code basin sql} does (the read-only role), so it is safe while a study runs.
 */
@Command(name = "report", description = "Write a study's report: one HTML page with every figure, plus SVG and CSV "
        + "files. Two studies: side by side, on the same axes.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY", arity = "1..2", description = "The study; a second one to compare with it.")
    List<String> studies;
    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder of the report (default: $BASIN_REPORTS/STUDY or $BASIN_REPORTS/A-vs-B; "
                    + "BASIN_REPORTS defaults to reports).")
    Path out;
    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding the dataset's files when the spec gives no data.path (for the "
                    + "reliability figures' test labels), as for `basin run --data`.")
    Path data;
    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() {
        if (studies.size() == 2 && studies.get(0).equals(studies.get(1))) {
            throw new BadInputException("basin report compares two different studies; " + studies.get(0) + " was given twice");
        }
        Path dir = out != null ? out : ReportFiles.defaultDir(reportsBase(), studies);
        ReportFiles.checkOut(dir, out != null ? "--out" : "the report folder");
        try (Services services = Services.open(connection, true)) {
            System.out.println(ReportFiles.write(services, connection, studies, dir, data));
            System.out.flush();
            return 0;
        }
    }

    /** The folder reports go into by default: env BASIN_REPORTS, else {@code reports} here. */
    static Path reportsBase() {
        String env = System.getenv("BASIN_REPORTS");
        return Path.of(env == null || env.isBlank() ? "reports" : env);
    }
}
