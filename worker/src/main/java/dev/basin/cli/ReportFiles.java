package dev.basin.cli;

import dev.basin.db.Database;
import dev.basin.db.SqlQuery;
import dev.basin.report.Comparison;
import dev.basin.report.Report;
import dev.basin.report.ReportContext;
import dev.basin.report.ReportWriter;
import dev.basin.report.StudyContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds and writes the report of one study, or of two side by side, for {@code basin report} and {@code basin run}. */
final class ReportFiles {
    private ReportFiles() {}

    /** Where reports go unless {@code --out} says otherwise: {@code reports/STUDY} or {@code reports/A-vs-B}. */
    static Path defaultDir(Path base, List<String> studies) {
        return base.resolve(String.join("-vs-", studies));
    }

    /** Refuses an output folder that is a file, before anything is read or written. */
    static void checkOut(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(option + " " + dir + " is a file; give a folder for the report");
        }
    }

    /**
     * Reads every study (all of them before anything is written, so an unknown one writes nothing), builds the
     * report, on shared axes when there are two, and writes it into {@code dir}; returns the page's path.
     */
    static Path write(Services services, ConnectionOptions connection, List<String> studies, Path dir, Path data) {
        Database reader = new Database(services.reader(connection));
        Database owner = new Database(services.db);
        List<ReportContext> contexts = new ArrayList<>();
        for (String study : studies) {
            try {
                contexts.add(StudyContext.open(reader, owner, services.artifacts, study, data));
            } catch (SqlQuery.RefusedRole e) {
                throw new BadInputException(e.getMessage());
            }
        }
        List<Report> reports = contexts.size() == 1 ? List.of(Report.build(contexts.get(0))) : Comparison.build(contexts);
        return ReportWriter.write(reports, dir);
    }
}
