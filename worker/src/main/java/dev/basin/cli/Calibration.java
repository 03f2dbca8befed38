package dev.basin.cli;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.model.Models;
import dev.basin.engine.model.Predictor;
import dev.basin.engine.train.TrainListener;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.train.Trainer;
import dev.basin.plan.StageCost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How fast this machine trains and infers a model, measured once for a few seconds on synthetic images and
 * saved in {@code <data-dir>/calibration.properties}, so that {@code basin plan} can turn image counts into
 * seconds. Keyed by what the rates depend on: the model and its width, the batch size, the engine thread
 * count and the native build chosen for this CPU (AVX2, AVX-512, generic). Measured like
 * {@code basin bench train} measures, with the real training loop, after a warm-up; the saved rates are what
 * a worker of the same thread count gets, give or take the machine's other load.
 */
final class Calibration {
    static final String FILE = "calibration.properties";
    /** Images per synthetic split: enough for several batches, small enough to build at once. */
    private static final int IMAGES = 2048;
    /** Steps (and predictions) run before timing starts, at least. */
    private static final int WARM_UP_STEPS = 5;
    /** Scheduling, loading inputs, writing results: measured at ~0.5 s per stage on the embedded stack. */
    static final double OVERHEAD_SECONDS = 0.5;

    /** Rates of one model on this machine, and when they were measured. */
    record Measured(double trainImagesPerSecond, double inferenceImagesPerSecond, Instant at) {
        StageCost.Rates rates() {
            return new StageCost.Rates(trainImagesPerSecond, inferenceImagesPerSecond, OVERHEAD_SECONDS);
        }
    }

    private Calibration() {}

    static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /**
     * {@code small-cnn.w1.0.b128.t1.-onednn-avx2}: what the rates depend on; a model with a depth adds it to the
     * name ({@code preresnet-d20}). The init does not change the work, so it is not part of the key.
     */
    static String key(ModelConfig model, int batch, int threads) {
        String name = model.depth() == null ? model.name() : model.name() + "-d" + model.depth();
        return String.format(Locale.ROOT, "%s.w%s.b%d.t%d.%s", name, model.width(), batch, threads,
                Engine.nativeExtension().isEmpty() ? "generic" : Engine.nativeExtension().replaceFirst("^-", ""));
    }

    static Optional<Measured> load(Path file, String key) {
        Properties p = read(file);
        String train = p.getProperty(key + ".train");
        String infer = p.getProperty(key + ".inference");
        String at = p.getProperty(key + ".measured");
        if (train == null || infer == null || at == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Measured(Double.parseDouble(train), Double.parseDouble(infer), Instant.parse(at)));
        } catch (RuntimeException e) {
            return Optional.empty(); // an edited or truncated entry is measured again, not trusted
        }
    }

    /** Adds or replaces {@code key}'s entry, keeping the others; written to a temporary file and moved into place. */
    static void save(Path file, String key, Measured m) {
        Properties p = read(file);
        p.setProperty(key + ".train", String.format(Locale.ROOT, "%.1f", m.trainImagesPerSecond()));
        p.setProperty(key + ".inference", String.format(Locale.ROOT, "%.1f", m.inferenceImagesPerSecond()));
        p.setProperty(key + ".measured", m.at().toString());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE, ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "basin plan --calibrate: img/s per model.width.batch.threads.natives");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Trains {@code model} on random 28×28 images for about {@code seconds}, then predicts for about half as
     * long; a warm-up of half as long again is not timed.
     */
    static Measured measure(ModelConfig model, OptimizerConfig optimizer, int batch, int threads, double seconds) {
        Engine.init(threads);
        ComputationGraph net = Models.build(model, optimizer, 42, 1, 28, 28, StageCost.CLASSES);
        Dataset data = synthetic();
        TrainConfig config = new TrainConfig(1, 1_000_000, batch, optimizer, "constant", Integer.MAX_VALUE, 0);
        Trainer trainer = new Trainer(config, 42, TrainListener.NONE, Integer.MAX_VALUE);
        // Warm-up, untimed: DL4J's first steps size its workspaces, the JIT compiles the loop and oneDNN builds its
        // primitives; in a fresh JVM they run several times slower than the steady state a long stage sees.
        TrainPosition at = TrainPosition.START;
        long w0 = System.nanoTime();
        while (at.step() < WARM_UP_STEPS || System.nanoTime() - w0 < seconds / 2 * 1e9) {
            at = trainer.run(net, data, at, at.step() + 1);
        }
        long images = 0;
        long t0 = System.nanoTime();
        while (images < WARM_UP_STEPS * batch || System.nanoTime() - t0 < seconds * 1e9) {
            at = trainer.run(net, data, at, at.step() + 1);
            images += batch;
        }
        double train = images / ((System.nanoTime() - t0) / 1e9);
        for (int i = 0; i < WARM_UP_STEPS; i++) {
            Predictor.predict(net, data, Predictor.DEFAULT_BATCH);
        }
        images = 0;
        long t1 = System.nanoTime();
        while (System.nanoTime() - t1 < seconds / 2 * 1e9) {
            Predictor.predict(net, data, Predictor.DEFAULT_BATCH);
            images += data.size();
        }
        double infer = images / ((System.nanoTime() - t1) / 1e9);
        return new Measured(train, infer, Instant.now());
    }

    /** Uniform random pixels and labels: the rates do not depend on what the images show. */
    private static Dataset synthetic() {
        Random r = new Random(1);
        float[] pixels = new float[IMAGES * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextFloat();
        }
        int[] labels = new int[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            labels[i] = r.nextInt(StageCost.CLASSES);
        }
        return new Dataset(Nd4j.create(pixels, new long[] {IMAGES, 784}, 'c'), labels, 1, 28, 28, StageCost.CLASSES);
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return p;
    }
}
