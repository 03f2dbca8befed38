package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.SyntheticIdx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input at the level of the {@code basin} command line that must fail before anything
 * starts: bad study files, bad options, damaged datasets, unreachable services. Every case asserts
 * the exit code, a message naming what is wrong (and what is allowed, where there is a choice), and
 * that the data folder of the embedded stack was never created, so nothing can have been written.
 * Cases that reach a running stack are in {@link HostileStackTest}.
 */
class HostileInputTest {
    @TempDir static Path dir;
    /** A valid dataset (300 training, 100 test images) that the data cases damage copies of. */
    static Path goodData;

    @BeforeAll
    static void writeData() {
        goodData = dir.resolve("good-data");
        SyntheticIdx.writeFolder(goodData, 300, 100, 3, false);
    }

    // ---- the study file ---------------------------------------------------------------------------------

    static Stream<Arguments> badSpecs() {
        String ok = "study: hostile\ntrain: {members: 2, epochs: 1}\n";
        return Stream.of(
                spec("malformed YAML", "study: x\ntrain: {members: 2, epochs: 1\n", "malformed YAML", "(line"),
                spec("tabs for indentation", "study: x\ntrain:\n\tmembers: 2\n", "malformed YAML", "tab"),
                spec("wrong type", "study: x\ntrain: {members: two, epochs: 1}\n", "train.members:", "two"),
                spec("list where a map belongs", "study: x\ntrain: [2, 1]\n", "train:", "map"),
                spec("unknown key", "study: x\ntrain: {members: 2, epochs: 1, epoch: 3}\n",
                        "train.epoch:", "unknown key", "allowed:", "epochs"),
                spec("unknown top-level key", ok + "colour: red\n", "colour:", "unknown key", "allowed:"),
                spec("duplicate key", ok + "study: again\n", "study:", "duplicate"),
                spec("negative batch size", "study: x\ntrain: {members: 2, epochs: 1, batchSize: -5}\n",
                        "train.batchSize:", "-5"),
                spec("zero epochs", "study: x\ntrain: {members: 2, epochs: 0}\n", "train.epochs:", "0"),
                spec("members above the bound", "study: x\ntrain: {members: 65, epochs: 1}\n", "train.members:", "64"),
                spec("negative learning rate", "study: x\ntrain: {members: 2, epochs: 1, lr: -1}\n", "train.lr:", "-1"),
                spec("unknown model", ok + "model: huge-cnn\n", "model", "huge-cnn", "small-cnn", "medium-cnn"),
                spec("unknown dataset", ok + "data: {dataset: cifar-1000}\n", "data.dataset:", "cifar-1000",
                        "fashion-mnist", "mnist"),
                spec("unknown optimizer", "study: x\ntrain: {members: 2, epochs: 1, optimizer: rmsprop}\n",
                        "train.optimizer:", "rmsprop", "sgd", "nesterov", "adam"),
                spec("subset above the dataset", ok + "data: {trainSubset: 60001}\n", "data.trainSubset:", "60000"),
                spec("study name with path traversal", "study: ../x\ntrain: {members: 2, epochs: 1}\n",
                        "study:", "lower-case"),
                spec("study name with SQL", "study: \"x'; drop table study; --\"\ntrain: {members: 2, epochs: 1}\n",
                        "study:", "lower-case"),
                spec("study name with a slash", "study: a/b\ntrain: {members: 2, epochs: 1}\n", "study:", "lower-case"),
                spec("missing required keys", "study: x\n", "train:"),
                spec("empty file", "", "spec is empty"),
                spec("only a comment", "# nothing here\n", "spec is empty"),
                spec("alias bomb", aliasBomb(), "too many aliases"),
                spec("object construction tag", "study: !!java.io.File /etc/passwd\ntrain: {members: 2, epochs: 1}\n",
                        "YAML tag", "is not allowed"),
                // the analysis keys
                spec("negative plane grid", ok + "plane: [{anchors: [final:0, final:1, origin], grid: -1}]\n",
                        "plane[0].grid:", "between 3 and 101", "-1"),
                spec("unknown corruption", ok + "shift: {corruptions: [blur, fog]}\n", "shift.corruptions[1]:", "fog",
                        "gaussian-noise, blur, rotation, contrast, pixelate"),
                spec("bad anchor text", ok + "plane: [{anchors: [final:0, final:1, finl:1]}]\n",
                        "plane[0].anchors[2]:", "finl:1", "final:M, swa:M, checkpoint:M@E, bend:C, spawn:K@E or origin",
                        "did you mean 'final:1'"),
                spec("anchor that is not text", ok + "plane: [{anchors: [final:0, final:1, {x: 1}]}]\n",
                        "plane[0].anchors[2]:", "got a map"),
                spec("anchor needing a missing key", ok + "plane: [{anchors: [final:0, final:1, swa:1]}]\n",
                        "plane[0].anchors[2]:", "'swa:1' needs the swa key"),
                spec("anchor on a missing member", ok + "interpolation: {pairs: [[final:0, final:2]]}\n",
                        "interpolation.pairs[0][1]:", "member 2 does not exist; train.members is 2"),
                spec("subspace around a missing member", ok + "subspace: {around: 7, random: {}}\n",
                        "subspace.around:", "member 7 does not exist; train.members is 2"),
                spec("SWA after the last epoch", ok + "swa: {start: 3}\n", "swa.start:",
                        "3 is after the last epoch (train.epochs = 1)"),
                spec("analysis without its trajectory", ok + "tsne: {perplexity: 30}\n", "tsne:",
                        "needs the trajectory key"),
                spec("unknown analysis key", ok + "ensembles: {mutliSwag: true}\n", "ensembles.mutliSwag:",
                        "unknown key", "did you mean 'multiSwag'"),
                spec("width out of range", ok + "model: {name: small-cnn, width: 0}\n", "model.width:", "0.25", "16"),
                spec("severity out of range", ok + "shift: {severities: [0, 9]}\n", "shift.severities[0]:",
                        "shift.severities[1]:", "between 1 and 5"),
                spec("huge sample count", ok + "subspace: {samples: 99999999999, random: {}}\n", "subspace.samples:",
                        "99999999999"));
    }

    /** The mode-connectivity keys: curves, bends named as anchors, fge, sse and budget. */
    static Stream<Arguments> badConnectivitySpecs() {
        String ok = "study: hostile\ntrain: {members: 2, epochs: 1}\n";
        String three = "study: hostile\ntrain: {members: 3, epochs: 4}\n";
        String curve = three + "curves: [{between: [final:0, final:1]";
        return Stream.of(
                spec("curve to an unknown member", three + "curves: [{between: [final:0, final:9]}]\n",
                        "curves[0].between[1]:", "'final:9': member 9 does not exist; train.members is 3"),
                spec("curve with the same endpoint twice", three + "curves: [{between: [final:1, final:1]}]\n",
                        "curves[0].between:", "the same endpoint twice", "2 different endpoints"),
                spec("bend as a curve endpoint", curve + "}, {between: [bend:0, final:2]}]\n", "curves[1].between[0]:",
                        "'bend:0' cannot be an endpoint", "final:M, swa:M, checkpoint:M@E, spawn:K@E or origin"),
                spec("unknown curve type", curve + ", type: spline}]\n", "curves[0].type:", "spline",
                        "bezier, polychain"),
                spec("zero curve points", curve + ", points: 0}]\n", "curves[0].points:", "between 2 and 1001",
                        "got 0"),
                spec("one curve point", curve + ", points: 1}]\n", "curves[0].points:", "t = 0 and t = 1", "got 1"),
                spec("negative curve rate", curve + ", lr: -0.1}]\n", "curves[0].lr:", "must be > 0", "-0.1"),
                spec("curve momentum 1", curve + ", momentum: 1}]\n", "curves[0].momentum:", ">= 0 and < 1",
                        "got 1"),
                spec("duplicate curve", curve + "}, {between: [final:1, final:0]}]\n", "curves[1]:",
                        "is the same curve as curves[0]"),
                spec("plane anchor on a missing curve", curve + "}]\nplane: [{anchors: [final:0, final:1, bend:2]}]\n",
                        "plane[0].anchors[2]:", "'bend:2': curve 2 does not exist; curves has 1 entry"),
                spec("bend without curves", three + "interpolation: {pairs: [[final:0, bend:0]]}\n",
                        "interpolation.pairs[0][1]:", "'bend:0' needs the curves key"),
                spec("odd FGE cycle", three + "fge: {cycle: 3}\n", "fge.cycle:",
                        "must be even (the rate reaches lr2 after cycle/2 epochs)", "got 3"),
                spec("FGE from the last epoch", three + "fge: {from: checkpoint:0@4}\n", "fge.from:",
                        "at or after the last epoch (train.epochs = 4)", "E between 1 and 3"),
                spec("FGE from final weights", three + "fge: {from: final:0}\n", "fge.from:",
                        "'final:0' is not a checkpoint", "checkpoint:M@E"),
                spec("FGE after one epoch of training", ok + "fge: {}\n", "fge:", "needs train.epochs of 2 or more"),
                spec("FGE lr2 above lr1", three + "fge: {lr1: 0.01, lr2: 0.1}\n", "fge.lr2:",
                        "must be at most fge.lr1 (0.01)", "got 0.1"),
                spec("zero SSE snapshots", three + "sse: {snapshots: 0}\n", "sse.snapshots:",
                        "between 1 and train.epochs (4)", "got 0"),
                spec("more SSE snapshots than epochs", three + "sse: {snapshots: 5}\n", "sse.snapshots:",
                        "between 1 and train.epochs (4)", "got 5"),
                spec("zero budget", three + "budget: {max: 0}\n", "budget.max:", "between 1 and 10", "got 0"),
                spec("budget above the bound", three + "budget: {max: 11}\n", "budget.max:", "between 1 and 10",
                        "got 11"));
    }

    /** The single-basin keys, a sample of each (every case: the spec module's SingleBasinHostileInputTest). */
    static Stream<Arguments> badSingleBasinSpecs() {
        String three = "study: hostile\ntrain: {members: 3, epochs: 4}\n";
        return Stream.of(
                spec("spawn without epochs", three + "spawn: {}\n", "spawn.at:", "required", "train.epochs - 1"),
                spec("spawn at the last epoch", three + "spawn: {at: [4]}\n", "spawn.at[0]:",
                        "a spawn at the last epoch leaves its children nothing to train", "got 4"),
                spec("spawn from a missing member", three + "spawn: {parent: 3, at: [1]}\n", "spawn.parent:",
                        "member 3 does not exist; train.members is 3"),
                spec("too many children", three + "spawn: {at: [1], children: 1000}\n", "spawn.children:",
                        "between 1 and 16", "got 1000"),
                spec("align with one member", "study: hostile\ntrain: {members: 1, epochs: 2}\nalign: {}\n",
                        "align:", "needs train.members of 2 or more"),
                spec("distill from a checkpoint", three + "trajectory: {}\ndistill: [{from: checkpoint:0@2}]\n",
                        "distill[0].from:", "students start from a member's final weights, final:M, or a spawned child, spawn:K@E"),
                spec("unknown teacher", three + "distill: [{teacher: ensemble}]\n", "distill[0].teacher:",
                        "deep or final:J"),
                spec("alpha above 1", three + "distill: [{alpha: 1.5}]\n", "distill[0].alpha:", "between 0 and 1",
                        "1.5"),
                spec("infinite temperature", three + "distill: [{temperature: .inf}]\n", "distill[0].temperature:",
                        "finite"),
                spec("duplicate distillation", three + "distill: [{students: 2}, {students: 2}]\n", "distill[1]:",
                        "is the same distillation as distill[0]"),
                spec("unknown barrier ensemble", three + "barriers: {ensembles: [bagging]}\n",
                        "barriers.ensembles[0]:", "bagging", "deep, swa, fge, sse, spawn, aligned, distill"),
                spec("barrier ensemble without its key", three + "barriers: {ensembles: [deep, spawn]}\n",
                        "barriers.ensembles[1]:", "needs the spawn key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"badSpecs", "badConnectivitySpecs", "badSingleBasinSpecs"})
    void badStudyFileIsRefusedBeforeAnythingStarts(String name, String yaml, String[] expected) throws IOException {
        Path file = Files.writeString(dir.resolve(slug(name) + ".yaml"), yaml);
        refusedBeforeStart(2, List.of(expected), "run", file.toString());
    }

    @Test
    void missingStudyFile() {
        refusedBeforeStart(2, List.of("no such study file"), "run", dir.resolve("nope.yaml").toString());
    }

    @Test
    void directoryGivenAsTheStudyFile() {
        refusedBeforeStart(2, List.of(dir + " is a directory, not a study file"), "run", dir.toString());
    }

    @Test
    void endlessStudyFileIsNotReadIntoMemory() {
        // /dev/zero never ends: the reader must stop at the size limit instead of filling the heap.
        refusedBeforeStart(2, List.of("/dev/zero is too large for a study file", "256 KiB"), "run", "/dev/zero");
    }

    @Test
    void binaryStudyFile() throws IOException {
        Path file = Files.write(dir.resolve("binary.yaml"), new byte[] {'s', ':', ' ', (byte) 0xff, (byte) 0xfe, 0, 1});
        refusedBeforeStart(2, List.of("is not UTF-8 text"), "run", file.toString());
    }

    // ---- options ----------------------------------------------------------------------------------------

    static Stream<Arguments> badOptions() {
        return Stream.of(
                options("negative slots", List.of("--slots must be >= 0", "got -1"), "--slots", "-1"),
                options("negative threads", List.of("--threads must be >= 0", "got -2"), "--threads", "-2"),
                options("threads not a number", List.of("--threads", "'two' is not an int"), "--threads", "two"),
                options("unknown option", List.of("Unknown option", "--colour"), "--colour", "red"),
                options("half-given endpoints", List.of("external mode needs all of --temporal, --db-url and --bucket",
                        "got --db-url"), "--db-url", "jdbc:postgresql://127.0.0.1:1/x"),
                options("endpoints without a bucket", List.of("external mode needs all of", "got --temporal --db-url"),
                        "--temporal", "127.0.0.1:1", "--db-url", "jdbc:postgresql://127.0.0.1:1/x"),
                options("a database URL that is not PostgreSQL", List.of("--db-url", "not a PostgreSQL JDBC URL",
                        "password=***"), "--temporal", "127.0.0.1:1", "--bucket", "b",
                        "--db-url", "jdbc:mysql://127.0.0.1:1/x?password=hunter2"),
                options("a missing password file", List.of("--db-password-file", "no such file"),
                        "--temporal", "127.0.0.1:1", "--db-url", "jdbc:postgresql://127.0.0.1:1/x", "--bucket", "b",
                        "--db-password-file", "/nonexistent/password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionIsRefusedBeforeAnythingStarts(String name, List<String> expected, List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", validSpec(goodData).toString()));
        args.addAll(options);
        String err = refusedBeforeStart(2, expected, args.toArray(String[]::new));
        assertFalse(err.contains("hunter2"), "a password in the URL is never printed: " + err);
    }

    // ---- the dataset: `basin run` reads it before it starts anything ---------------------------------------

    static Stream<Arguments> badData() {
        return Stream.of(
                data("missing data folder", d -> deleteFolder(d), "dataset folder " + "%s" + " does not exist"),
                data("missing images file", d -> delete(d.resolve("train-images-idx3-ubyte")), "missing", "train-images-idx3-ubyte"),
                data("truncated images", d -> truncate(d.resolve("train-images-idx3-ubyte"), 5000), "train-images-idx3-ubyte",
                        "truncated"),
                data("truncated header", d -> truncate(d.resolve("t10k-labels-idx1-ubyte"), 6), "t10k-labels-idx1-ubyte",
                        "truncated IDX header"),
                data("wrong magic", d -> patch(d.resolve("train-labels-idx1-ubyte"), 3, (byte) 0x02), "train-labels-idx1-ubyte",
                        "wrong magic number", "2049"),
                data("images and labels disagree", d -> write(d.resolve("train-labels-idx1-ubyte"),
                        SyntheticIdx.labelsIdx(SyntheticIdx.generate(299, 3))), "300 images", "299 labels"),
                data("label out of range", d -> patch(d.resolve("t10k-labels-idx1-ubyte"), 8 + 7, (byte) 12), "t10k-labels-idx1-ubyte",
                        "label 12 at index 7", "10 classes"),
                data("corrupt gzip", d -> writeGzipGarbage(d.resolve("train-images-idx3-ubyte")), "corrupt gzip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badData")
    void damagedDatasetIsRefusedBeforeAnythingStarts(String name, Consumer<Path> damage, String[] expected) {
        Path data = dir.resolve("data-" + slug(name));
        SyntheticIdx.writeFolder(data, 300, 100, 3, false);
        damage.accept(data);
        List<String> fragments = Arrays.stream(expected).map(s -> s.replace("%s", data.toString())).toList();
        refusedBeforeStart(2, fragments, "run", validSpec(data).toString());
    }

    @Test
    void subsetLargerThanTheDataset() throws IOException {
        Path spec = Files.writeString(dir.resolve("subset.yaml"), """
                study: hostile
                data: {dataset: fashion-mnist, path: %s, trainSubset: 500}
                train: {members: 1, epochs: 1}
                """.formatted(goodData));
        refusedBeforeStart(2, List.of("subset of 500 images requested", "holds 300"), "run", spec.toString());
    }

    // ---- unreachable services ---------------------------------------------------------------------------

    /** Every command that talks to the services fails fast, naming the one it could not reach. */
    @ParameterizedTest(name = "basin {0}")
    @MethodSource("commands")
    void unreachableEndpointsFailFastNamingTheService(String command) {
        List<String> args = new ArrayList<>(List.of(command));
        if (command.equals("run") || command.equals("submit")) {
            args.add(validSpec(goodData).toString());
        }
        if (command.equals("sql")) {
            args.add("SELECT 1");
        }
        args.addAll(List.of("--temporal", "127.0.0.1:1", "--db-url", "jdbc:postgresql://127.0.0.1:1/x", "--bucket", "b"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            refusedBeforeStart(1, List.of("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/x"),
                    args.toArray(String[]::new));
        });
    }

    static Stream<String> commands() {
        return Stream.of("run", "submit", "worker", "status", "sql");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** Runs the CLI with a fresh {@code --data-dir}; checks the exit code, the message, and that nothing started. */
    static String refusedBeforeStart(int code, List<String> expected, String... args) {
        Path state = dir.resolve("state-" + System.nanoTime());
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", state.toString()));
        Cli.Output out = Cli.run(all.toArray(String[]::new));
        assertEquals(code, out.code(), "exit code; stderr: " + out.err());
        for (String fragment : expected) {
            assertTrue(out.err().contains(fragment), "stderr lacks '" + fragment + "': " + out.err());
        }
        assertFalse(out.err().contains("\tat "), "one message, no stack trace: " + out.err());
        assertFalse(Files.exists(state), "nothing may be started or written: " + state + " exists");
        return out.err();
    }

    static Path validSpec(Path data) {
        try {
            return Files.writeString(Files.createTempFile(dir, "valid-", ".yaml"), """
                    study: hostile
                    data: {dataset: fashion-mnist, path: %s}
                    train: {members: 1, epochs: 1, batchSize: 50}
                    """.formatted(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arguments spec(String name, String yaml, String... expected) {
        return Arguments.of(name, yaml, expected);
    }

    private static Arguments options(String name, List<String> expected, String... options) {
        return Arguments.of(name, expected, List.of(options));
    }

    private static Arguments data(String name, Consumer<Path> damage, String... expected) {
        return Arguments.of(name, damage, expected);
    }

    private static String slug(String name) {
        return name.replaceAll("[^a-z0-9]+", "-");
    }

    /** Eleven levels of ten aliases each: 10^11 nodes if expanded. */
    private static String aliasBomb() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 10; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        return y.append("study: x\ntrain: {members: 2, epochs: 1}\n").toString();
    }

    private static void deleteFolder(Path d) {
        try (Stream<Path> files = Files.list(d)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
            Files.delete(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path f) {
        try {
            Files.delete(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void truncate(Path f, int bytes) {
        try {
            write(f, Arrays.copyOf(Files.readAllBytes(f), bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void patch(Path f, int offset, byte value) {
        try {
            byte[] b = Files.readAllBytes(f);
            b[offset] = value;
            write(f, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gzip magic bytes followed by garbage. */
    private static void writeGzipGarbage(Path f) {
        write(f, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7});
    }

    private static void write(Path f, byte[] bytes) {
        try {
            Files.write(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
