package dev.basin.spec;

import dev.basin.engine.DataConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** Fingerprints of a study spec. Pure and deterministic: safe in Temporal workflow code. */
public final class SpecHash {

    private SpecHash() {}

    /** Version of the {@link #runKey} text layout; bump it if that layout ever changes. */
    static final String RUN_KEY_LAYOUT = "basin-run-key/1";

    /**
     * SHA-256 (64 lower-case hex characters) of {@link SpecPrinter#print(StudySpec)} in UTF-8: equal for specs
     * that mean the same thing however they were written (key order, comments, defaults given or left out,
     * {@code 5e-4} vs {@code 0.0005}), different for any difference in any value, the study name included.
     */
    public static String of(StudySpec spec) {
        return sha256Hex(SpecPrinter.print(spec));
    }

    /**
     * The key under which trained members can be reused: the first 16 hex characters of a SHA-256 over exactly
     * what determines each member's trained weights, and nothing else.
     *
     * <p>Included: {@code seed}; all of {@code data} (dataset, path, trainSubset, testSubset, and augment when it is
     * true: no line when false, so members trained before the key existed keep their key); {@code model} (name,
     * width unless it is 1, init unless it is he, depth where the model has one); from {@code train}: epochs,
     * batchSize, optimizer name, lr, momentum, weightDecay, schedule and the schedule's parameters (swaLr and B,
     * cycle and minLr, halveEvery; see {@link #scheduleLines}); and {@code engineVersion} (a new engine may train
     * differently).
     *
     * <p>Left out, on purpose: the study name; {@code train.members} (member <i>i</i>'s weights depend on the seed
     * and <i>i</i>, not on how many members there are, so adding members keeps the existing members reusable);
     * {@code train.checkpointEvery} and {@code train.checkpointEverySteps} (checkpoints are snapshots of the same
     * trajectory, not a change to it: the engine resumes bit-identically from any of them); every analysis key,
     * trajectory ... shift (they read the trajectory and the trained weights, they do not change them; their stages
     * are keyed by {@link #fragment}). Any change to seed, data, model, optimizer, lr, momentum, weight decay,
     * schedule, epochs or batch size gives a different key.
     *
     * @param engineVersion the numeric engine's version string, e.g. {@code 0.1.0}; must not be null
     */
    public static String runKey(StudySpec spec, String engineVersion) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(engineVersion, "engineVersion");
        DataConfig data = Objects.requireNonNull(spec.data(), "spec.data");
        TrainConfig train = Objects.requireNonNull(spec.train(), "spec.train");
        OptimizerConfig opt = Objects.requireNonNull(train.optimizer(), "spec.train.optimizer");
        Objects.requireNonNull(spec.model(), "spec.model");
        String text = RUN_KEY_LAYOUT + "\n"
                + "engine: " + Text.yamlQuoted(engineVersion) + "\n"
                + "seed: " + spec.seed() + "\n"
                + "data.dataset: " + SpecPrinter.string(data.dataset()) + "\n"
                + "data.path: " + SpecPrinter.string(data.path()) + "\n"
                + "data.trainSubset: " + data.trainSubset() + "\n"
                + "data.testSubset: " + data.testSubset() + "\n"
                + (data.augment() ? "data.augment: true\n" : "")
                + "model.name: " + SpecPrinter.string(spec.model().name()) + "\n"
                + widthLine(spec.model().width())
                + initLine(spec.model().init())
                + (spec.model().depth() == null ? "" : "model.depth: " + spec.model().depth() + "\n")
                + "train.epochs: " + train.epochs() + "\n"
                + "train.batchSize: " + train.batchSize() + "\n"
                + "train.optimizer: " + SpecPrinter.string(opt.name()) + "\n"
                + "train.lr: " + SpecPrinter.number(opt.lr()) + "\n"
                + "train.momentum: " + SpecPrinter.number(opt.momentum()) + "\n"
                + "train.weightDecay: " + SpecPrinter.number(opt.weightDecay()) + "\n"
                + "train.schedule: " + SpecPrinter.string(train.schedule()) + "\n"
                + scheduleLines(train);
        return sha256Hex(text).substring(0, 16);
    }

    /**
     * The run key's lines for the schedule's parameters: none for constant, step and cosine (so their keys are as
     * before these schedules existed); swa: swaLr and its B (swa.start, or train.epochs without an swa key);
     * cyclic: cycle and minLr; halve-every: halveEvery.
     */
    static String scheduleLines(TrainConfig train) {
        var p = train.scheduleParams();
        return switch (train.schedule()) {
            case "swa" -> "train.swaLr: " + SpecPrinter.number(p.swaLr()) + "\n" + "train.swaB: "
                    + (p.swaStart() > 0 ? p.swaStart() : train.epochs()) + "\n";
            case "cyclic" -> "train.cycle: " + p.cycle() + "\n" + "train.minLr: " + SpecPrinter.number(p.minLr())
                    + "\n";
            case "halve-every" -> "train.halveEvery: " + p.halveEvery() + "\n";
            default -> "";
        };
    }

    /**
     * The run key's width line: none at width 1, the network as it was before the width key existed, so that
     * members trained then keep their key; {@code model.width: 2.0} otherwise.
     */
    private static String widthLine(double width) {
        return Double.compare(width, 1.0) == 0 ? "" : "model.width: " + SpecPrinter.number(width) + "\n";
    }

    /**
     * The run key's init line: none for he, the only initialisation before the init key existed, so that members
     * trained then keep their key; {@code model.init: glorot} otherwise. (A depth line likewise appears only for
     * the model that has a depth, preresnet, which came with it.)
     */
    private static String initLine(String init) {
        return init == null || init.equals("he") ? "" : "model.init: " + SpecPrinter.string(init) + "\n";
    }

    /** Version of the {@link #fragment} text layout; bump it if that layout ever changes. */
    static final String FRAGMENT_LAYOUT = "basin-fragment/1";

    /**
     * SHA-256 (64 lower-case hex characters) of one key's normalised text, {@link SpecPrinter#block(String, Object)}:
     * the spec part of a stage's input key. Equal for values that mean the same however they were written, different
     * for any difference in any value or in {@code key}. Stages combine it with their upstream artifacts' hashes
     * and the engine version; it holds neither.
     *
     * @param key    the spec key, e.g. {@code swa}, {@code plane} (or {@code plane[1]} for one plane)
     * @param config that key's value, e.g. {@code spec.analyses().swa()}; null for a key not asked for
     * @throws IllegalArgumentException when {@code config} is not a spec value
     */
    public static String fragment(String key, Object config) {
        return sha256Hex(FRAGMENT_LAYOUT + "\n" + SpecPrinter.block(key, config));
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
