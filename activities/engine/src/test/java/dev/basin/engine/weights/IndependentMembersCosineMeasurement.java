package dev.basin.engine.weights;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a check (off unless {@code -Dbasin.measure=true}): mean |cos| between independent finals
 * (3 members of one study seed, 2 epochs on the first N Fashion-MNIST images, Nesterov 0.05, cosine schedule) over the
 * whole DL4J vector, the trainable parameters and the kernels alone, for small-cnn and resnet20. Run with
 * {@code mvn -B -o -q -pl activities/engine -am test -Dtest=IndependentMembersCosineMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbasin.measure=true}; {@code -Dbasin.measure.width} sets resnet20's
 * width (default 1), {@code -Dbasin.measure.images} the training subset (default 5000) and
 * {@code -Dbasin.measure.models} the models (default {@code small-cnn,resnet20}).
 */
@EnabledIfSystemProperty(named = "basin.measure", matches = "true")
class IndependentMembersCosineMeasurement {
    private static final long STUDY = 20261204L;
    private static final OptimizerConfig NESTEROV = new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4);

    @Test
    void measure() {
        Engine.init(2);
        int images = Integer.parseInt(System.getProperty("basin.measure.images", "5000"));
        Datasets.TrainTest data = Datasets.load(new DataConfig("fashion-mnist", null, images, 10));
        double width = Double.parseDouble(System.getProperty("basin.measure.width", "1"));
        for (String name : System.getProperty("basin.measure.models", "small-cnn,resnet20").split(",")) {
            ModelConfig model = new ModelConfig(name, name.equals("resnet20") ? width : 1.0);
            long t0 = System.nanoTime();
            TrainConfig config = new TrainConfig(3, 2, 128, NESTEROV, "cosine", 1, 0);
            List<ComputationGraph> members = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                long seed = Seeds.member(STUDY, m);
                ComputationGraph net = Models.build(model, NESTEROV, seed, 1, 28, 28, 10);
                new Trainer(config, seed, TrainListener.NONE, 10).run(net, data.train(), TrainPosition.START);
                members.add(net);
            }
            double[] mean = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int j = i + 1; j < 3; j++) {
                    ComputationGraph a = members.get(i);
                    ComputationGraph b = members.get(j);
                    mean[0] += Math.abs(Geometry.cosine(WeightVectors.flat(a), WeightVectors.flat(b))) / 3;
                    mean[1] += Math.abs(Geometry.cosine(WeightVectors.trainable(a), WeightVectors.trainable(b))) / 3;
                    mean[2] += Math.abs(Geometry.cosine(WeightVectors.kernels(a), WeightVectors.kernels(b))) / 3;
                }
            }
            System.out.printf(Locale.ROOT, "MEASURE %s width %s, 3 members, 2 epochs on %d images: mean |cos| whole"
                    + " vector %.4f, trainable %.4f, kernels %.4f (%.0f s)%n", model.name(), model.width(), images, mean[0],
                    mean[1], mean[2], (System.nanoTime() - t0) / 1e9);
        }
    }
}
