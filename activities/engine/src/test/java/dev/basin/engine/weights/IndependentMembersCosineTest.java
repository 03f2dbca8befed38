package dev.basin.engine.weights;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basin.engine.DataConfig;
import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.data.Datasets;
import dev.basin.engine.landscape.Geometry;
import dev.basin.engine.model.Models;
import dev.basin.engine.train.Seeds;
import dev.basin.engine.train.TrainListener;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.train.Trainer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/**
 * Fort et al.'s observation that independently initialised members are nearly orthogonal in weight space
 * holds for a batch-norm ResNet once the shared parts are left out: three resnet20 members (width 0.25, seeds
 * of one study) trained one epoch on 400 Fashion-MNIST images. Over conv/dense kernels alone their mean
 * |cos| is near 0; over all trainable parameters BN's γ (1 at the start in every member) lifts it; over the
 * whole DL4J vector the running variances lift it further.
 */
class IndependentMembersCosineTest {
    private static final long STUDY = 20261204L;
    private static final OptimizerConfig NESTEROV = new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4);

    @Test
    void independentResnet20KernelsAreNearlyOrthogonal() {
        assumeTrue(Files.isDirectory(Datasets.defaultPath("fashion-mnist")), "Fashion-MNIST is not installed");
        Engine.init(2);
        Datasets.TrainTest data = Datasets.load(new DataConfig("fashion-mnist", null, 400, 10));
        TrainConfig config = new TrainConfig(3, 1, 50, NESTEROV, "cosine", 1, 0);
        List<ComputationGraph> members = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            long seed = Seeds.member(STUDY, m);
            ComputationGraph net = Models.build(new ModelConfig("resnet20", 0.25), NESTEROV, seed, 1, 28, 28, 10);
            new Trainer(config, seed, TrainListener.NONE, 5).run(net, data.train(), TrainPosition.START);
            members.add(net);
        }
        double kernels = 0;
        double trainable = 0;
        double all = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                ComputationGraph a = members.get(i);
                ComputationGraph b = members.get(j);
                kernels += Math.abs(Geometry.cosine(WeightVectors.kernels(a), WeightVectors.kernels(b))) / 3;
                trainable += Math.abs(Geometry.cosine(WeightVectors.trainable(a), WeightVectors.trainable(b))) / 3;
                all += Math.abs(Geometry.cosine(WeightVectors.flat(a), WeightVectors.flat(b))) / 3;
            }
        }
        System.out.printf(Locale.ROOT, "resnet20 x0.25, 3 members, 1 epoch on 400 images: mean |cos| kernels %.4f,"
                + " trainable %.4f, whole vector %.4f%n", kernels, trainable, all);
        assertTrue(kernels < 0.1, "mean |cos| over kernels " + kernels);
        assertTrue(trainable > kernels, "γ (1 in every member) is shared: trainable " + trainable + " vs kernels "
                + kernels);
    }
}
