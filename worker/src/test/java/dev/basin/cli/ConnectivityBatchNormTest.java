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
 * A curve between two resnet20 members (batch norm) on a small subset: every point of the curve and of the line
 * is evaluated with its BN statistics recomputed over the training set, so the two paths agree at their shared
 * ends, and the bend keeps the BN running statistics it started with (the midpoint of the ends'): they are no
 * trained coordinates of the curve.
 */
class ConnectivityBatchNormTest {
    @TempDir Path dir;

    @Test
    void aCurveBetweenBatchNormMembersRecomputesItsStatisticsAtEveryPoint() throws SQLException {
        try (StudyStack stack = new StudyStack(dir, 400, 200, 1)) {
            stack.run("curves-bn", """
                    study: curves-bn
                    seed: 9
                    %s
                    model: {name: resnet20, width: 0.25}
                    train: {members: 2, epochs: 1, batchSize: 100, lr: 0.05}
                    curves: [{between: [final:0, final:1], epochs: 1, points: 3, trainSubset: 100, ensemble: 1}]
                    """.formatted(stack.dataLine()), Duration.ofMinutes(6));

            List<List<String>> points = stack.db.rows("select t, test_nll, test_error, line_test_nll, line_test_error,"
                    + " train_loss from curve_profile where study = 'curves-bn' order by i");
            assertEquals(3, points.size(), points.toString());
            for (int end : new int[] {0, 2}) {
                assertEquals(points.get(end).get(1), points.get(end).get(3), "the curve and the line share their ends");
                assertEquals(points.get(end).get(2), points.get(end).get(4));
            }
            for (List<String> p : points) {
                assertTrue(Double.isFinite(Double.parseDouble(p.get(1))) && Double.isFinite(Double.parseDouble(p.get(5))),
                        p.toString());
            }
            assertEquals(List.of("1"), stack.db.column("select size from ensemble_size where study = ?"
                    + " and kind = 'curve'", "curves-bn"));

            Engine.init(1);
            ComputationGraph net = Checkpoints.read(bytes(stack, "bend", 0)).net();
            float[] bend = WeightVectors.flat(net).toFloatVector();
            float[] mask = CurveTrainer.trainableMask(net).toFloatVector();
            float[] w1 = WeightVectors.flat(Checkpoints.read(bytes(stack, "final", 0)).net()).toFloatVector();
            float[] w2 = WeightVectors.flat(Checkpoints.read(bytes(stack, "final", 1)).net()).toFloatVector();
            int statistics = 0;
            for (int k = 0; k < bend.length; k++) {
                if (mask[k] == 0) {
                    statistics++;
                    assertEquals((float) (0.5 * w1[k] + 0.5 * w2[k]), bend[k], "entry " + k);
                }
            }
            assertTrue(statistics > 0, "resnet20 has BN running statistics");
        }
    }

    private static byte[] bytes(StudyStack stack, String kind, int member) throws SQLException {
        List<String> r = stack.db.rows("select artifact_key, sha256, bytes from model where study = 'curves-bn'"
                + " and kind = ? and member = ?", kind, member).get(0);
        return stack.artifacts.get(new ArtifactRef(r.get(0), r.get(1), Long.parseLong(r.get(2))));
    }
}
