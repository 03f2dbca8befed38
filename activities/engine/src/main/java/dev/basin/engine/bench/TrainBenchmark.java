package dev.basin.engine.bench;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.Natives;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.Datasets;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.model.Models;
import dev.basin.engine.model.Predictor;
import dev.basin.engine.train.TrainListener;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures small-cnn training and inference throughput with the real training loop.
 *
 * <p>The FP32 ceiling is threads × clock × FLOPs/cycle/core. The default FLOPs/cycle assume one
 * FMA unit per core of the widest vector the CPU has: 32 with AVX-512 (16 float32 lanes × 2 for
 * multiply-add), 16 with AVX2/FMA, 8 otherwise. Cores with two FMA units (Zen 2+, Xeon Gold)
 * peak at twice that, so there the fraction reported is twice the true one. The clock is
 * the first "cpu MHz" of /proc/cpuinfo (the current, not the boost, frequency), else the option's
 * fallback.
 */
public final class TrainBenchmark {

    /** @param fallbackClockMHz used when /proc/cpuinfo has no "cpu MHz" */
    public record Options(int threads, int batch, int epochs, OptimizerConfig optimizer, long seed,
                          double fallbackClockMHz, int flopsPerCycle) {

        /** Nesterov lr 0.05, momentum 0.9, weight decay 5e-4; FLOPs/cycle from the CPU's flags. */
        public static Options defaults(int threads, int batch, int epochs) {
            return new Options(threads, batch, epochs, new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4),
                    42, 2000, defaultFlopsPerCycle(Natives.cpuFlags()));
        }
    }

    /** One epoch: {@code *Fraction} = achieved FLOP/s over the ceiling. */
    public record Epoch(int epoch, double trainSeconds, double trainImagesPerSecond, double inferenceImagesPerSecond,
                        double testAccuracy, double trainFraction, double inferenceFraction) {}

    public record Result(String model, int threads, int batch, int trainImages, int testImages, long parameters,
                         boolean oneDnnHelpers, double trainFlopsPerImage, double inferenceFlopsPerImage,
                         double clockMHz, boolean clockFromCpuinfo, int flopsPerCycle, double ceilingGflops,
                         List<Epoch> epochs) {}

    private TrainBenchmark() {}

    public static Result run(Options o, Datasets.TrainTest data) {
        Engine.init(o.threads());
        Dataset train = data.train();
        Dataset test = data.test();
        ComputationGraph net = Models.build(new ModelConfig("small-cnn"), o.optimizer(), o.seed(),
                train.channels(), train.height(), train.width(), train.classes());
        InputType input = InputType.convolutionalFlat(train.height(), train.width(), train.channels());
        double trainFlops = Flops.trainPerExample(net.getConfiguration(), input);
        double inferFlops = Flops.forwardPerExample(net.getConfiguration(), input);
        OptionalDouble cpuMHz = cpuMHz();
        double clockMHz = cpuMHz.orElse(o.fallbackClockMHz());
        double ceiling = o.threads() * clockMHz * 1e6 * o.flopsPerCycle();

        // One epoch more than measured and no checkpoint interval: the Trainer never reaches its
        // "last epoch" and so never serialises a checkpoint inside the timed loop.
        TrainConfig config = new TrainConfig(1, o.epochs() + 1, o.batch(), o.optimizer(), "constant", Integer.MAX_VALUE, 0);
        Trainer trainer = new Trainer(config, o.seed(), TrainListener.NONE, Integer.MAX_VALUE);
        int perEpoch = Trainer.stepsPerEpoch(train.size(), o.batch());
        List<Epoch> epochs = new ArrayList<>();
        TrainPosition at = TrainPosition.START;
        for (int e = 1; e <= o.epochs(); e++) {
            long t0 = System.nanoTime();
            at = trainer.run(net, train, at, (long) e * perEpoch);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            INDArray probs = Predictor.predict(net, test, Predictor.DEFAULT_BATCH);
            double inferSeconds = (System.nanoTime() - t1) / 1e9;
            double trainRate = train.size() / trainSeconds;
            double inferRate = test.size() / inferSeconds;
            epochs.add(new Epoch(e, trainSeconds, trainRate, inferRate, Metrics.score(probs, test.labels()).accuracy(),
                    trainRate * trainFlops / ceiling, inferRate * inferFlops / ceiling));
        }
        return new Result("small-cnn", o.threads(), o.batch(), train.size(), test.size(), net.numParams(),
                Engine.oneDnnHelpersActive(), trainFlops, inferFlops, clockMHz, cpuMHz.isPresent(),
                o.flopsPerCycle(), ceiling / 1e9, List.copyOf(epochs));
    }

    /** One FMA unit of the widest vector width in {@code flags}, in float32 FLOPs per cycle. */
    public static int defaultFlopsPerCycle(java.util.Set<String> flags) {
        return flags.contains("avx512f") ? 32 : flags.contains("avx2") && flags.contains("fma") ? 16 : 8;
    }

    /** The first "cpu MHz" value of /proc/cpuinfo, if readable. */
    public static OptionalDouble cpuMHz() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    return OptionalDouble.of(Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.empty();
    }
}
