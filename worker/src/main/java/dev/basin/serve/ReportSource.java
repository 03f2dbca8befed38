package dev.basin.serve;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.db.Database;
import dev.basin.report.Report;
import dev.basin.report.StudyContext;
import java.nio.file.Path;

/** Builds a study's report for the dashboard; the real one reads PostgreSQL and S3 as {@code basin report} does. */
@FunctionalInterface
public interface ReportSource {

    /** The report of {@code study} as its stages stand now; may throw when the study's data cannot be read. */
    Report build(String study);

    /**
     * {@code Report.build(StudyContext.open(reader, owner, artifacts, study, dataFolder))}, as {@code basin report}
     * builds it; {@code dataFolder} (may be null) holds the test labels when a spec names no dataset path.
     */
    static ReportSource of(Database reader, Database owner, ArtifactStore artifacts, Path dataFolder) {
        return study -> Report.build(StudyContext.open(reader, owner, artifacts, study, dataFolder));
    }
}
