package dev.basin.report;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.db.Database;

/** The {@link ReportContext} of one study, read from PostgreSQL (as the read-only role) and S3. */
public final class StudyContext {
    private StudyContext() {}

    /**
     * The context of {@code study}; fails with a message naming the study when it does not exist.
     *
     * @param reader    a database connection as the read-only role (as {@code basin sql} uses)
     * @param owner     a connection as the tables' owner, used only where the reader cannot (may be the same)
     * @param artifacts the study's artifact store (predictions)
     */
    public static ReportContext open(Database reader, Database owner, ArtifactStore artifacts, String study) {
        throw new UnsupportedOperationException("report: not yet");
    }
}
