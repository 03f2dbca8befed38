package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.SyntheticIdx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submitting a study again reuses every stage whose input key is unchanged, on the real stack (see
 * {@link ServedStack}): the same study again computes nothing and writes no result row; one more
 * member trains only that member and recomputes the ensembles; a new seed (a new run key) reuses
 * nothing, and becomes the run the views show. 1,000 synthetic training images, one epoch per member.
 */
@ExtendWith(ServedStack.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubmitCommandTest {
    @TempDir static Path dir;
    static ServedStack stack;
    static Path data;

    @BeforeAll
    static void setUp(ServedStack served) {
        stack = served;
        data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 1000, 300, 11, true);
    }

    @Test
    @Order(1)
    void aNewStudyComputesEveryStage() throws IOException {
        Cli.Output out = submit(2, 1);
        assertTrue(out.out().contains("Stages: 5 done."), out.out());
        assertEquals(List.of("ensembles/deep done", "evaluate/member-000 done", "evaluate/member-001 done",
                "train/member-000 done", "train/member-001 done"), stages());
    }

    @Test
    @Order(2)
    void theSameStudyAgainReusesEveryStageAndWritesNoResultRow() throws IOException {
        String before = results();
        Cli.Output out = submit(2, 1);
        assertTrue(out.out().contains("Stages: 5 reused."), out.out());
        assertEquals(before, results());
        assertEquals(List.of("ensembles/deep reused", "evaluate/member-000 reused", "evaluate/member-001 reused",
                "train/member-000 reused", "train/member-001 reused"), stages());
    }

    @Test
    @Order(3)
    void aThirdMemberIsTheOnlyOneTrainedAndTheEnsemblesAreRecomputed() throws IOException {
        submit(3, 1);
        assertEquals(List.of("ensembles/deep done", "evaluate/member-000 reused", "evaluate/member-001 reused",
                "evaluate/member-002 done", "train/member-000 reused", "train/member-001 reused", "train/member-002 done"),
                stages());
        List<String> ensembleKeys = stack.column("SELECT size || ' ' || e.input_key FROM ensemble e JOIN stage s"
                + " ON s.study = e.study AND s.stage = 'ensembles/deep' AND s.input_key = e.input_key"
                + " WHERE e.study = 'reuse' ORDER BY size");
        assertEquals(3, ensembleKeys.size(), "sizes 1..3, all under the stage's new input key: " + ensembleKeys);
        assertEquals(List.of("3"), stack.column("SELECT count(*) FROM model WHERE study = 'reuse' AND kind = 'final'"));

        Cli.Output status = stack.cli("status", "reuse");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("Stages: 3 done, 4 reused."), status.out());
        assertTrue(status.out().matches("(?s).*train/member-002 *\\| *done.*"), status.out());
    }

    @Test
    @Order(4)
    void aChangedSeedReusesNothing() throws IOException {
        submit(2, 2);
        assertEquals(List.of("ensembles/deep done", "evaluate/member-000 done", "evaluate/member-001 done",
                "train/member-000 done", "train/member-001 done"), stages(), "member 2's stages are no longer planned");
        assertEquals(List.of("2"), stack.column("SELECT count(DISTINCT run_key) FROM model WHERE study = 'reuse'"));
        // The views show the new seed's run, the study's current one; their _all twins show both runs.
        List<String> current = stack.column("SELECT run_key FROM study WHERE name = 'reuse'");
        assertEquals(current, stack.column("SELECT DISTINCT run_key FROM member_metrics WHERE study = 'reuse'"));
        assertEquals(current, stack.column("SELECT DISTINCT run_key FROM ensemble_size WHERE study = 'reuse'"));
        assertEquals(List.of("2"), stack.column("SELECT count(DISTINCT run_key) FROM member_metrics_all WHERE study = 'reuse'"));
        assertEquals(List.of("3 2"), stack.column("SELECT (SELECT count(*) FROM ensemble_size_all WHERE study = 'reuse')"
                + " - (SELECT count(*) FROM ensemble_size WHERE study = 'reuse') || ' ' ||"
                + " (SELECT count(*) FROM ensemble_size WHERE study = 'reuse')"), "sizes 1..3 of seed 1, 1..2 of seed 2");
    }

    private static Cli.Output submit(int members, long seed) throws IOException {
        Path spec = Files.writeString(dir.resolve("reuse.yaml"), """
                study: reuse
                seed: %d
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: %d, epochs: 1, batchSize: 64, lr: 0.05}
                """.formatted(seed, data, members));
        Cli.Output out = stack.cli("submit", spec.toString(), "--wait", "--quiet");
        assertEquals(0, out.code(), out.err());
        return out;
    }

    private static List<String> stages() {
        return stack.column("SELECT stage || ' ' || state FROM stage WHERE study = 'reuse' ORDER BY stage");
    }

    /** Counts and newest ids of every result table: equal before and after iff no row was added or replaced. */
    private static String results() {
        return String.join(" | ", stack.column("""
                SELECT concat_ws(' ',
                    (SELECT count(*) || '/' || max(id) FROM model WHERE study = 'reuse'),
                    (SELECT count(*) || '/' || max(p.created_at) || '/' || string_agg(p.sha256, ',' ORDER BY p.model_id)
                       FROM prediction p JOIN model m ON m.id = p.model_id WHERE m.study = 'reuse'),
                    (SELECT count(*) || '/' || max(id) FROM ensemble WHERE study = 'reuse'),
                    (SELECT count(*) || '/' || max(id) || '/' || sum(value) FROM metric WHERE study = 'reuse'))
                """));
    }
}
