package dev.basin.activities;

import dev.basin.artifacts.CorruptArtifactException;
import dev.basin.db.CorruptionRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an activity does with an artifact whose bytes do not match their checksum: it never loads
 * it, says so in a WARN naming the key, records a {@code corruption} row and deletes the rows that
 * name the object, so that it is never chosen again. The caller then recomputes from the newest
 * good state.
 */
public final class Corruption {
    private static final Logger log = LoggerFactory.getLogger(Corruption.class);

    private Corruption() {}

    /**
     * @param kind   {@code checkpoint}, {@code final} or {@code prediction}
     * @param action what happens next, in words, for the log and the row
     */
    public static void report(WorkerContext context, String study, String runKey, String kind, int member,
                       CorruptArtifactException e, String action) {
        int discarded = context.store().stages().reportCorruption(CorruptionRow.of(study, runKey, kind, member, e.key(),
                e.recordedSha256(), e.actualSha256(), action));
        log.warn("corrupt {} of study {} member {}: {}; discarded {} row(s) naming it; {}", kind, study, member,
                e.getMessage(), discarded, action);
    }
}
