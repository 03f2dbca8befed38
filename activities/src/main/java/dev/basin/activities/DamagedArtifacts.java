package dev.basin.activities;

import dev.basin.artifacts.DamagedArtifactException;
import dev.basin.db.DamagedArtifactRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an activity does with an artifact whose bytes do not match their checksum: it never loads
 * it, says so in a WARN naming the key, records a {@code damaged_artifact} row and deletes the rows that
 * name the object, so that it is never chosen again. The caller then recomputes from the newest
 * good state.
 */
public final class DamagedArtifacts {
    private static final Logger log = LoggerFactory.getLogger(DamagedArtifacts.class);

    private DamagedArtifacts() {}

    /**
     * @param kind   {@code checkpoint}, {@code final} or {@code prediction}
     * @param action what happens next, in words, for the log and the row
     */
    public static void report(WorkerContext context, String study, String runKey, String kind, int member,
                       DamagedArtifactException e, String action) {
        int discarded = context.store().stages().reportDamage(DamagedArtifactRow.of(study, runKey, kind, member, e.key(),
                e.recordedSha256(), e.actualSha256(), action));
        log.warn("damaged {} of study {} member {}: {}; discarded {} row(s) naming it; {}", kind, study, member,
                e.getMessage(), discarded, action);
    }
}
