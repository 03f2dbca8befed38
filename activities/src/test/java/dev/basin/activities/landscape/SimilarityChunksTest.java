package dev.basin.activities.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.LandscapeStore;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.SimilarityRow;
import dev.basin.db.StudyRow;
import dev.basin.db.StudyStore;
import dev.basin.infra.Credentials;
import dev.basin.infra.LocalPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SimilarityChunks} on a real PostgreSQL: an attempt that dies part-way leaves whole chunks stored, and
 * the retry computes only the pairs after them and ends with exactly the rows of an uninterrupted attempt.
 */
class SimilarityChunksTest {
    private static final String STUDY = "sim-chunks";
    private static final List<String> SCOPES = List.of("trajectory", "members", "all");
    private static final int CHUNK = 50;
    @TempDir static Path dir;
    static LocalPostgres postgres;
    static LandscapeStore landscape;
    static List<List<ModelRow>> kept = new ArrayList<>();
    static List<ModelRow> finals = new ArrayList<>();

    @BeforeAll
    static void start() {
        Credentials credentials = Credentials.loadOrCreate(dir);
        postgres = LocalPostgres.start(dir, credentials);
        Database db = new Database(new DbConfig(postgres.jdbcUrl(), LocalPostgres.USER, credentials.dbPassword()));
        db.migrate();
        StudyStore store = new StudyStore(db);
        landscape = new LandscapeStore(db);
        store.upsertStudy(StudyRow.running(STUDY, "study: " + STUDY + "\n", "h", 1, "test", 1));
        // 3 members keeping 10 checkpoints each: 3·45 + 3 + C(30, 2) = 573 pairs, 12 chunks (the last of 23)
        for (int m = 0; m < 3; m++) {
            List<ModelRow> member = new ArrayList<>();
            for (int e = 1; e <= 10; e++) {
                member.add(model(ModelKind.CHECKPOINT, m, e, store));
            }
            kept.add(member);
            finals.add(model(ModelKind.FINAL, m, 10, store));
        }
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    private static ModelRow model(ModelKind kind, int member, int epoch, StudyStore store) {
        ModelRow row = ModelRow.of(STUDY, "rk", kind, member, epoch, epoch * 10L, kind.text() + member + "-" + epoch,
                "x", 1);
        return row.withId(store.recordModel(row));
    }

    /** A pair's numbers from its models alone, as the stage's are from their weights and predictions. */
    private static SimilarityRow measure(SimilarityPairs.Pair p, String key) {
        double cosine = Math.cos(p.a().member() * 0.7 + p.a().epoch() * 0.11 - p.b().epoch() * 0.13 + p.b().member());
        double disagreement = ((p.a().epoch() * 31 + p.b().epoch() * 17 + p.b().member()) % 100) / 100.0;
        return new SimilarityRow(STUDY, p.scope(), p.a().id(), p.b().id(), cosine, disagreement, key);
    }

    private static long write(String key, Function<SimilarityPairs.Pair, SimilarityRow> measure) {
        return SimilarityChunks.write(landscape, STUDY, key, SimilarityPairs.iterate(SCOPES, kept, finals), CHUNK,
                measure, done -> {});
    }

    /** The stored rows without their input key: what the views show. */
    private static List<String> rows() {
        return landscape.similarities(STUDY).stream().map(r -> r.scope() + " " + r.modelA() + " " + r.modelB() + " "
                + r.cosine() + " " + r.disagreement()).toList();
    }

    @Test
    void aRetriedAttemptContinuesFromTheFirstMissingChunkAndEndsWithTheSameRows() {
        long pairs = SimilarityPairs.count(SCOPES, kept, finals);
        assertEquals(573, pairs);
        AtomicInteger measured = new AtomicInteger();
        assertEquals(pairs, write("whole", p -> {
            measured.incrementAndGet();
            return measure(p, "whole");
        }));
        assertEquals(pairs, measured.get());
        List<String> uninterrupted = rows();
        assertEquals(pairs, uninterrupted.size());
        landscape.retainSimilarities(STUDY, List.of("none"));

        // the first attempt dies measuring its 263rd pair: 5 whole chunks are stored, the 6th's 12 rows are not
        measured.set(0);
        assertThrows(IllegalStateException.class, () -> write("resumed", p -> {
            if (measured.incrementAndGet() == 263) {
                throw new IllegalStateException("worker killed");
            }
            return measure(p, "resumed");
        }));
        assertEquals(5 * CHUNK, landscape.countSimilarities(STUDY, "resumed"));

        measured.set(0);
        assertEquals(pairs, write("resumed", p -> {
            measured.incrementAndGet();
            return measure(p, "resumed");
        }));
        assertEquals(pairs - 5 * CHUNK, measured.get(), "the retry measures only the pairs after the stored chunks");
        assertEquals(uninterrupted, rows());
        assertEquals(pairs, landscape.countSimilarities(STUDY, "resumed"));

        // a third attempt finds every chunk stored but the last, partial one, which it writes again
        measured.set(0);
        assertEquals(pairs, write("resumed", p -> {
            measured.incrementAndGet();
            return measure(p, "resumed");
        }));
        assertEquals(pairs % CHUNK, measured.get());
        assertEquals(uninterrupted, rows());
    }

    @Test
    void aChunkOfNoPairsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SimilarityChunks.write(landscape, STUDY, "k",
                SimilarityPairs.iterate(SCOPES, kept, finals), 0, p -> measure(p, "k"), done -> {}));
    }
}
