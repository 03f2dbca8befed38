package dev.basin.activities.landscape;

import dev.basin.db.LandscapeStore;
import dev.basin.db.SimilarityRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Writes the {@code similarity} stage's rows a chunk at a time, so that neither the pairs nor their rows are
 * ever all in memory (the {@code all} scope has C(n, 2) pairs of n kept checkpoints), and so that a retried
 * attempt continues where the last stopped instead of starting over.
 *
 * <p>Resuming rests on two facts. Each chunk is written in one transaction ({@link LandscapeStore}'s batch
 * upsert), so the rows stored under the stage's input key are whole chunks. And the same input key gives the
 * same pairs in the same order ({@link SimilarityPairs} walks the same models the same way), so those chunks
 * are the first ones. An attempt therefore counts the rows stored under its key, skips that many whole chunks
 * and computes from the first missing one; a partial count (which the two facts rule out) only makes it redo
 * the chunk the count falls in, and the upsert leaves one row per pair either way.
 */
final class SimilarityChunks {
    /** Pairs per transaction: a few hundred KB of rows, a fraction of a second of work at tens of thousands of parameters. */
    static final int CHUNK = 1_000;

    private SimilarityChunks() {}

    /**
     * @param measure   one pair's row
     * @param progress  told how many pairs are done before each pair is measured (the activity heartbeats)
     * @return how many pairs there are, stored before this call or by it
     */
    static long write(LandscapeStore landscape, String study, String key, Iterator<SimilarityPairs.Pair> pairs,
                      int chunk, Function<SimilarityPairs.Pair, SimilarityRow> measure, LongConsumer progress) {
        if (chunk < 1) {
            throw new IllegalArgumentException("a chunk holds at least one pair, got " + chunk);
        }
        long skip = landscape.countSimilarities(study, key) / chunk * chunk;
        long done = 0;
        List<SimilarityRow> rows = new ArrayList<>(chunk);
        while (pairs.hasNext()) {
            SimilarityPairs.Pair p = pairs.next();
            if (done < skip) {
                done++;
                continue;
            }
            progress.accept(done);
            rows.add(measure.apply(p));
            done++;
            if (rows.size() == chunk) {
                landscape.recordSimilarities(rows);
                rows.clear();
            }
        }
        landscape.recordSimilarities(rows);
        return done;
    }
}
