package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.engine.Engine;
import dev.basin.engine.curve.CurveTrainer;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.weights.WeightVectors;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spawn, align, distill and barriers on two resnet20 members (batch norm) on a small subset. Alignment permutes each
 * residual stage's channels together with their BN statistics, so an aligned member computes its member's function
 * with its own (permuted) statistics; a student's running statistics are not trained (they stay member 0's) and
 * every point of a barrier's line, its ends included, is evaluated with statistics recomputed.
 */
class SingleBasinBatchNormTest {
    @TempDir Path dir;

    @Test
    void singleBasinStagesOnBatchNormMembers() throws SQLException {
        try (StudyStack stack = new StudyStack(dir, 400, 200, 1)) {
            stack.run("basin-bn", """
                    study: basin-bn
                    seed: 9
                    %s
                    model: {name: resnet20, width: 0.25}
                    train: {members: 2, epochs: 2, batchSize: 100, lr: 0.05}
                    spawn: {at: [1], children: 1}
                    align: {}
                    distill: [{students: 1, epochs: 1, penalty: 0.5}]
                    barriers: {points: 3, trainSubset: 100}
                    """.formatted(stack.dataLine()), Duration.ofMinutes(8));

            for (String metric : List.of("accuracy", "nll")) {
                assertEquals(metric(stack, "final", metric), metric(stack, "aligned", metric), 1e-5, metric);
            }
            assertEquals(List.of("aligned 1", "deep 1", "spawn 1", "student 1"), stack.db.column("select kind || ' '"
                    + " || count(*) from barrier where study = ? group by kind order by kind", "basin-bn"));
            for (List<String> b : stack.db.rows("select train_loss_barrier, test_error_barrier from barrier"
                    + " where study = 'basin-bn'")) {
                for (String v : b) {
                    double x = Double.parseDouble(v);
                    assertTrue(Double.isFinite(x) && x >= 0, b.toString());
                }
            }
            assertTrue(Double.isFinite(Double.parseDouble(stack.db.one("select merged_nll from alignment_summary"
                    + " where study = 'basin-bn'").orElseThrow())));

            Engine.init(1);
            ComputationGraph student = Checkpoints.read(bytes(stack, "student", 0)).net();
            float[] s = WeightVectors.flat(student).toFloatVector();
            float[] mask = CurveTrainer.trainableMask(student).toFloatVector();
            float[] start = WeightVectors.flat(Checkpoints.read(bytes(stack, "final", 0)).net()).toFloatVector();
            int statistics = 0;
            boolean moved = false;
            for (int k = 0; k < s.length; k++) {
                if (mask[k] == 0) {
                    statistics++;
                    assertEquals(start[k], s[k], "running statistic " + k);
                } else {
                    moved |= start[k] != s[k];
                }
            }
            assertTrue(statistics > 0 && moved, "resnet20 has BN statistics, and the student was trained");
        }
    }

    private static double metric(StudyStack stack, String kind, String metric) throws SQLException {
        return Double.parseDouble(stack.db.one("select " + metric + " from member_metrics where study = 'basin-bn'"
                + " and kind = ? and member = 1 and split = 'test'", kind).orElseThrow());
    }

    private static byte[] bytes(StudyStack stack, String kind, int member) throws SQLException {
        List<String> r = stack.db.rows("select artifact_key, sha256, bytes from model where study = 'basin-bn'"
                + " and kind = ? and member = ?", kind, member).get(0);
        return stack.artifacts.get(new ArtifactRef(r.get(0), r.get(1), Long.parseLong(r.get(2))));
    }
}
