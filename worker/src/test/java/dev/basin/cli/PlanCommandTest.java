package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.SyntheticIdx;
import dev.basin.plan.StageCost;
import dev.basin.plan.StagePlan;
import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code basin plan} on the real stack (see {@link ServedStack}) with a tiny study (2 members, 3 epochs of 512
 * synthetic images, a trajectory and t-SNE): before the study runs every stage computes; after, every stage is
 * reused; a changed {@code tsne.perplexity} recomputes {@code tsne} alone, naming the line. Every call is checked
 * to leave every table's rows and every S3 object as they were. Then {@code basin status} shows the graph.
 */
@ExtendWith(ServedStack.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanCommandTest {
    private static final int STAGES = 8; // 2 train, 2 evaluate, ensembles/deep, 2 trajectory, tsne
    @TempDir static Path dir;
    static ServedStack stack;
    static Path data;

    @BeforeAll
    static void setUp(ServedStack served) {
        stack = served;
        data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 1000, 300, 5, true);
    }

    @Test
    @Order(1)
    void beforeTheStudyRunsEveryStageComputesAndACalibrationIsSaved() throws IOException {
        Cli.Output out = planWritingNothing(spec(10));
        assertEquals(STAGES, actions(out, "compute").size(), out.out());
        assertTrue(out.out().contains("Stages: " + STAGES + " compute."), out.out());
        assertTrue(out.out().matches("(?s).*train/member-000 +\\| compute +\\| new +\\| +1536 \\|.*"),
                "3 epochs x 512 images: " + out.out());
        Path calibration = stack.dataDir.resolve(Calibration.FILE);
        assertTrue(Files.readString(calibration).contains("small-cnn.w1.0.b64.t1."), Files.readString(calibration));
        assertTrue(out.out().contains("Calibration: " + calibration + " (measured "), out.out());
        assertTrue(out.out().matches("(?s).*Would run 8 stages \\(estimate\\): 3,072 training images, .* ~[0-9.]+ (s|min) of worker"
                + " time\\..*"), out.out());
    }

    @Test
    @Order(2)
    void afterTheStudyRanEveryStageIsReused() throws IOException {
        Cli.Output run = stack.cli("submit", spec(10).toString(), "--wait", "--quiet");
        assertEquals(0, run.code(), run.err());
        Cli.Output out = planWritingNothing(spec(10));
        assertEquals(STAGES, actions(out, "reuse").size(), out.out());
        assertTrue(out.out().contains("Would run 0 stages (estimate): 0 training images, 0 inference images, 0 B to S3"),
                out.out());
        // The estimate of what training stored, against what it did store: 3 checkpoints and the final weights.
        long stored = Long.parseLong(stack.column("SELECT sum(bytes) FROM model WHERE study = 'plan-tiny' AND member = 0")
                .get(0));
        StudySpec spec = SpecParser.parse(Files.readString(spec(10)));
        long estimate = StageCost.of(spec, StagePlan.of(spec, "r", "e"), new StageCost.ModelSize(206_922, false))
                .get("train/member-000").s3Bytes();
        assertTrue(Math.abs(estimate - stored) < 0.25 * stored, "estimated " + estimate + " bytes, stored " + stored);
    }

    @Test
    @Order(3)
    void aChangedPerplexityRecomputesTsneAloneNamingTheLine() throws IOException {
        Cli.Output out = planWritingNothing(spec(20));
        assertEquals(List.of("tsne"), actions(out, "recompute"), out.out());
        assertEquals(STAGES - 1, actions(out, "reuse").size(), out.out());
        assertTrue(out.out().matches("(?s).*tsne +\\| recompute +\\| tsne.perplexity: 10.0 -> 20.0 +\\|.*"), out.out());
    }

    @Test
    @Order(4)
    void aBadSpecIsRefusedAsValidateRefusesItWritingNothing() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "study: plan-tiny\ntrain: {members: 0, epochs: 1}\n");
        Cli.Output validate = Cli.run("validate", bad.toString());
        Cli.Output plan = planWritingNothing(bad);
        assertEquals(2, plan.code());
        assertEquals(validate.err(), plan.err());
        assertTrue(plan.err().contains("train.members"), plan.err());
    }

    @Test
    @Order(5)
    void withoutAStackOrACalibrationEveryStageIsNewAndTimesAreUnknown() throws IOException {
        Path empty = dir.resolve("no-stack");
        Cli.Output out = Cli.run("plan", spec(10).toString(), "--no-calibrate", "--data-dir", empty.toString());
        assertEquals(0, out.code(), out.err());
        assertTrue(out.out().contains("No Basin data in " + empty), out.out());
        assertTrue(out.out().contains("time ?"), out.out());
        assertTrue(Files.notExists(empty), "nothing is created");
    }

    @Test
    @Order(6)
    void statusShowsTheRecordedGraph() {
        Cli.Output out = stack.cli("status", "plan-tiny");
        assertEquals(0, out.code(), out.err());
        assertTrue(out.out().contains("Stages: " + STAGES + " done."), out.out());
        assertTrue(out.out().matches("(?s).*evaluate/member-001 +\\| done .*\\| train/member-001\\R.*"), out.out());
        assertTrue(out.out().matches("(?s).*tsne +\\| done .*\\| evaluate/member-000, evaluate/member-001 … \\(4\\)\\R.*"),
                out.out());
        assertTrue(out.out().matches("(?s).*activity +\\| +stages +\\| +done +\\| +reused +\\| +running +\\| +pending.*"), out.out());
        assertTrue(out.out().matches("(?s).*\\R train +\\| +2 \\| +2 \\| +0 \\|.*"), out.out());
    }

    /** Runs {@code basin plan}, checking that no table's rows and no S3 object changed. */
    private static Cli.Output planWritingNothing(Path spec) {
        String before = snapshot();
        Cli.Output out = stack.cli("plan", spec.toString());
        assertEquals(before, snapshot(), "basin plan wrote nothing");
        if (out.code() != 2) {
            assertEquals(0, out.code(), out.err());
        }
        return out;
    }

    /** Every table's row count and content hash, and every object's key and ETag. */
    private static String snapshot() {
        List<String> parts = new ArrayList<>();
        for (String table : stack.column("SELECT quote_ident(table_name) FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            parts.add(table + " " + stack.column("SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, ','"
                    + " ORDER BY t::text)), '') FROM " + table + " t").get(0));
        }
        try (var s3 = stack.s3()) {
            for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(stack.endpoints.bucket()).build()).contents()) {
                parts.add(o.key() + " " + o.eTag());
            }
        }
        return String.join("\n", parts);
    }

    /** The stages the plan table gives {@code action}. */
    private static List<String> actions(Cli.Output out, String action) {
        List<String> stages = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^ (\\S+) +\\| " + action + " ").matcher(out.out());
        while (m.find()) {
            stages.add(m.group(1));
        }
        return stages;
    }

    private static Path spec(int perplexity) throws IOException {
        return Files.writeString(dir.resolve("plan-tiny-" + perplexity + ".yaml"), """
                study: plan-tiny
                data: {dataset: fashion-mnist, path: %s, trainSubset: 512, testSubset: 256}
                model: small-cnn
                train: {members: 2, epochs: 3, batchSize: 64, lr: 0.05}
                trajectory: {every: 1}
                tsne: {perplexity: %d}
                """.formatted(data, perplexity));
    }
}
