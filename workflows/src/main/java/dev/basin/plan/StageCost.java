package dev.basin.plan;

import dev.basin.activities.Subject;
import dev.basin.engine.DataConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.BarriersConfig;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.analysis.DistillConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import dev.basin.engine.data.Datasets;
import dev.basin.spec.StudySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ESTIMATE of what each stage of a plan costs, from the spec alone, before anything runs: images through
 * the network, bytes written to S3, rows written to PostgreSQL. Pure. It is for deciding whether to run a
 * study, not an account of one: the counts follow what each activity does to first order and leave out the
 * small things (bookkeeping rows, headers, compression of the checkpoint zips, retries).
 *
 * <p>The counting rules, per stage:
 * <ul>
 *   <li>train: epochs × train images through a training step (backward, each with its forward); one checkpoint
 *       per {@link CheckpointCadence} position plus the final weights, each ≈ 4 bytes × parameters × (1 + the
 *       optimizer's state slots: sgd 0, nesterov 1, adam 2) + {@value #MODEL_OVERHEAD_BYTES} bytes of
 *       configuration; a model row each, a progress row and the stage row.</li>
 *   <li>evaluate: the test images forward; predictions as a .npy of test × classes × 4 bytes; a prediction row
 *       and four metric rows (accuracy, NLL, Brier, ECE).</li>
 *   <li>trajectory: the same for every kept checkpoint. swa: the SWA solution evaluated (and, with batch norm,
 *       one pass over the training set to recompute its statistics), its weights and SWAG's moments (mean,
 *       square, {@code rank} deviations) stored.</li>
 *   <li>subspace, Multi-SWAG: each sample evaluated on the test set (+ the BN pass, except MC dropout);
 *       plane rows and interpolation lines: each point on the analysis' train subset and the test set (+ the
 *       BN pass); shift: every final model and SWA solution on every severity of its corruption.</li>
 *   <li>ensembles, similarity, t-SNE, plane definitions and projections: no network pass (they combine stored
 *       predictions and weights); their rows only (t-SNE: at most {@code tsne.maxPoints}). The time of t-SNE and
 *       similarity, which grows as the square of the models, is {@link WorkBounds}'.</li>
 *   <li>a curve's bend: its epochs of training steps, its state (θ and momentum) saved every epoch; its profile:
 *       every point of the curve and of the line on the train subset and the test set (+ the BN pass); its
 *       ensembles: at most k(k+1)/2 distinct points on the test set. FGE and SSE: their epochs of training, a
 *       checkpoint every epoch, each snapshot evaluated; the budget table: its rows only.</li>
 * </ul>
 */
public final class StageCost {
    /** Classes of the MNISTs and CIFAR-10: what calibration trains on; estimates use {@link #classes}. */
    public static final int CLASSES = 10;
    /** A stored model's configuration JSON and zip entries, roughly. */
    public static final long MODEL_OVERHEAD_BYTES = 16 * 1024;
    /** A .npy header. */
    static final long NPY_HEADER_BYTES = 128;
    /** One prediction row and its four metric rows. */
    static final long EVALUATION_ROWS = 5;

    /**
     * One stage's cost. {@code backwardImages} are images through a training step (forward and backward);
     * {@code forwardImages} are inference-only passes (evaluation, BN statistics).
     */
    public record Cost(long forwardImages, long backwardImages, long s3Bytes, long dbRows) {
        public static final Cost ZERO = new Cost(0, 0, 0, 0);

        public Cost plus(Cost o) {
            return new Cost(forwardImages + o.forwardImages, backwardImages + o.backwardImages, s3Bytes + o.s3Bytes,
                    dbRows + o.dbRows);
        }
    }

    /** The network's size: its parameter count (BN statistics included) and whether it has batch norm. */
    public record ModelSize(long parameters, boolean batchNorm) {}

    /**
     * Measured throughput: seconds = backward images ÷ training rate + forward images ÷ inference rate +
     * a fixed overhead per stage (scheduling, loading, bookkeeping).
     */
    public record Rates(double trainImagesPerSecond, double inferenceImagesPerSecond, double overheadSeconds) {
        public double seconds(Cost c) {
            return c.backwardImages() / trainImagesPerSecond + c.forwardImages() / inferenceImagesPerSecond
                    + overheadSeconds;
        }
    }

    private StageCost() {}

    /** Each stage's estimate, by name, in plan order. */
    public static Map<String, Cost> of(StudySpec spec, StagePlan plan, ModelSize model) {
        Map<String, Cost> out = new LinkedHashMap<>();
        Counts n = new Counts(spec, model);
        for (StageNode node : plan.nodes()) {
            out.put(node.name(), n.cost(node).plus(new Cost(0, 0, 0, 1))); // + the stage row
        }
        return out;
    }

    /** Training images a member sees per epoch: {@code data.trainSubset}, or the whole split. */
    public static int trainImages(DataConfig data) {
        return data.trainSubset() > 0 ? data.trainSubset() : Datasets.shape(data.dataset()).trainImages();
    }

    /** Test images every evaluation runs on: {@code data.testSubset}, or the whole split. */
    public static int testImages(DataConfig data) {
        return data.testSubset() > 0 ? data.testSubset() : Datasets.shape(data.dataset()).testImages();
    }

    /** Classes of the dataset: the width of every stored prediction row. */
    public static int classes(DataConfig data) {
        return Datasets.shape(data.dataset()).classes();
    }

    /** Bytes of one stored model: the weights, the optimizer's state when {@code withUpdater}, the configuration. */
    public static long modelBytes(long parameters, String optimizer, boolean withUpdater) {
        int slots = !withUpdater ? 0 : switch (optimizer) {
            case "adam" -> 2;
            case "nesterov" -> 1;
            default -> 0;
        };
        return 4L * parameters * (1 + slots) + MODEL_OVERHEAD_BYTES;
    }

    /** Checkpoints a member writes under {@code train} (already raised by {@link CheckpointCadence}). */
    public static long checkpoints(TrainConfig train, int images) {
        long perEpoch = (images + train.batchSize() - 1) / train.batchSize();
        return positions(train.epochs(), perEpoch, train.checkpointEvery(), train.checkpointEverySteps());
    }

    /** Checkpoints the trajectory keeps per member: every {@code every} epochs or {@code everySteps} steps, and the last. */
    public static long kept(TrajectoryConfig t, TrainConfig train, int images) {
        if (t == null) {
            return 0;
        }
        long perEpoch = (images + train.batchSize() - 1) / train.batchSize();
        return t.every() > 0 ? positions(train.epochs(), perEpoch, t.every(), 0)
                : positions(train.epochs(), perEpoch, Integer.MAX_VALUE, t.everySteps());
    }

    /**
     * Positions with a checkpoint: epoch ends that are multiples of {@code every} or the last one, and global
     * steps that are multiples of {@code everySteps} (0 = none) not already at one of those epoch ends.
     */
    static long positions(int epochs, long perEpoch, int every, int everySteps) {
        long count = epochs / every + (epochs % every == 0 ? 0 : 1);
        if (everySteps > 0) {
            long total = epochs * perEpoch;
            for (long s = everySteps; s <= total; s += everySteps) {
                boolean epochEnd = s % perEpoch == 0;
                long epoch = s / perEpoch;
                if (!(epochEnd && (epoch % every == 0 || epoch == epochs))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The models the t-SNE stage could embed: every kept checkpoint and sample, before {@code tsne.maxPoints}. */
    public static long tsneModels(StudySpec spec) {
        Counts n = new Counts(spec, new ModelSize(0, false));
        return n.members * n.kept + n.allSamples();
    }

    /** The pairs the similarity stage compares; 0 without {@code similarity}. */
    public static long similarityPairs(StudySpec spec) {
        return spec.analyses().similarity() == null ? 0 : new Counts(spec, new ModelSize(0, false)).pairs();
    }

    /** What the rules need, computed once per spec. */
    private static final class Counts {
        final StudySpec spec;
        final AnalysesConfig a;
        final ModelSize model;
        final int members;
        final long train;
        final long test;
        final long npy;
        final long weights;
        final long kept;
        final long bnPass;

        Counts(StudySpec spec, ModelSize model) {
            this.spec = spec;
            this.a = spec.analyses();
            this.model = model;
            this.members = spec.train().members();
            this.train = trainImages(spec.data());
            this.test = testImages(spec.data());
            this.npy = test * classes(spec.data()) * 4 + NPY_HEADER_BYTES;
            this.weights = modelBytes(model.parameters(), spec.train().optimizer().name(), false);
            this.kept = kept(a.trajectory(), spec.train(), (int) train);
            this.bnPass = model.batchNorm() ? train : 0;
        }

        Cost cost(StageNode node) {
            return switch (node.activity()) {
                case TRAIN -> {
                    TrainConfig cadenced = CheckpointCadence.trainConfig(spec.train(), a);
                    long checkpoints = checkpoints(cadenced, (int) train);
                    long bytes = checkpoints * modelBytes(model.parameters(), spec.train().optimizer().name(), true)
                            + weights;
                    yield new Cost(0, spec.train().epochs() * train, bytes, checkpoints + 2);
                }
                case EVALUATE -> evaluations(1, test);
                case DEEP_ENSEMBLES, SWA_ENSEMBLES, MULTI_SWAG_ENSEMBLES -> new Cost(0, 0, 0, members * EVALUATION_ROWS);
                case TRAJECTORY -> evaluations(kept, test);
                case SWA -> {
                    long moments = (2L + a.swa().rank()) * 4 * model.parameters();
                    yield evaluations(1, test + bnPass).plus(new Cost(0, 0, weights + moments, 2));
                }
                case SUBSPACE -> {
                    Subject.Method m = (Subject.Method) node.subject();
                    long samples = samples(m.method());
                    // MC dropout evaluates the member's own weights with its own statistics; every other sample is built
                    long bn = m.method() == SamplingMethod.MC_DROPOUT ? 0 : bnPass;
                    yield evaluations(samples, test + bn).plus(new Cost(0, 0, 0, m.withMembers() ? members : 0));
                }
                case MULTI_SWAG -> evaluations(samplesPerMethod(), test + bnPass);
                case SUBSPACE_ENSEMBLES -> new Cost(0, 0, 0, SamplingMethod.asked(a.subspace()).size()
                        * samplesPerMethod() * EVALUATION_ROWS);
                case SIMILARITY -> new Cost(0, 0, 0, pairs());
                case TSNE -> new Cost(0, 0, 0, Math.min(members * kept + allSamples(), a.tsne().maxPoints()));
                case PLANE_PROJECTIONS -> new Cost(0, 0, 0, members * kept + allSamples());
                case PLANE -> new Cost(0, 0, 2 * weights, 4); // u and v; the plane and its anchors' projections
                case PLANE_ROW -> {
                    PlaneConfig p = a.planes().get(((Subject.PlaneRow) node.subject()).plane());
                    yield new Cost(p.grid() * (subset(p.trainSubset()) + test + bnPass), 0, 0, p.grid());
                }
                case INTERPOLATION -> new Cost(a.interpolation().points()
                        * (subset(a.interpolation().trainSubset()) + test + bnPass), 0, 0, a.interpolation().points());
                case CURVE -> {
                    CurveConfig c = curve(node);
                    long states = c.epochs() * (2L * 4 * model.parameters() + NPY_HEADER_BYTES); // θ and momentum
                    yield new Cost(0, c.epochs() * train, states + weights, c.epochs() + 2L);
                }
                case CURVE_PROFILE -> {
                    CurveConfig c = curve(node);
                    yield new Cost(2L * c.points() * (subset(c.trainSubset()) + test + bnPass), 0, 0, 2L * c.points());
                }
                case CURVE_ENSEMBLES -> {
                    long k = curve(node).ensemble();
                    yield new Cost(k * (k + 1) / 2 * (test + bnPass), 0, 0, k * EVALUATION_ROWS);
                }
                case FGE -> snapshotRun(a.fge().epochs(), a.fge().cycles());
                case SSE -> snapshotRun(a.sse().epochs(), a.sse().epochs() / a.sse().cycleEpochs(spec.train().epochs()));
                case BUDGET -> new Cost(0, 0, 0, 3L * a.budget().max());
                case SPAWN -> {
                    int left = spec.train().epochs() - ((Subject.Child) node.subject()).epoch();
                    yield snapshotRun(left, 1);
                }
                case SPAWN_ENSEMBLES -> new Cost(0, 0, 0, a.spawn().children() * EVALUATION_ROWS);
                case ALIGN -> evaluations(2L * (members - 1), test + bnPass)
                        .plus(new Cost(0, 0, 2L * (members - 1) * weights, members * EVALUATION_ROWS));
                case TEACHER -> {
                    long teaching = "deep".equals(((Subject.Teacher) node.subject()).teacher()) ? members : 1;
                    yield new Cost(teaching * train, 0, train * classes(spec.data()) * 4 + NPY_HEADER_BYTES, 1);
                }
                case STUDENT -> {
                    DistillConfig d = a.distill().get(((Subject.Student) node.subject()).group());
                    long passes = d.penalty() > 0 ? 2 : 1; // the penalty evaluates a second point per step
                    long states = d.epochs() * (2L * 4 * model.parameters() + NPY_HEADER_BYTES);
                    yield evaluations(1, test + bnPass).plus(new Cost(0, passes * d.epochs() * train,
                            states + weights, d.epochs() + 2L));
                }
                case STUDENT_ENSEMBLES -> {
                    int group = Integer.parseInt(((Subject.Ensemble) node.subject()).variant());
                    yield new Cost(0, 0, 0, a.distill().get(group).students() * EVALUATION_ROWS);
                }
                case BARRIERS -> {
                    BarriersConfig b = a.barriers() != null ? a.barriers() : BarriersConfig.defaults(a);
                    long pairs = barrierPairs((Subject.Ensemble) node.subject());
                    yield new Cost(pairs * b.points() * (subset(b.trainSubset()) + test + bnPass), 0, 0,
                            pairs * (b.points() + 1));
                }
                case SHIFT -> {
                    long models = members * (a.swa() != null ? 2L : 1L);
                    long severities = a.shift().severities().size();
                    long ensembles = a.ensemblesAsked().swa() ? 2 : 1;
                    yield new Cost(models * severities * test + (a.swa() != null ? members * bnPass : 0), 0, 0,
                            (models + ensembles) * severities * 4);
                }
            };
        }

        /** The pairs a barrier stage measures: every pair of the ensemble's models, and its anchor with each. */
        long barrierPairs(Subject.Ensemble e) {
            long n;
            boolean anchor = false;
            switch (e.kind()) {
                case "fge" -> n = a.fge().cycles();
                case "sse" -> n = a.sse().epochs() / a.sse().cycleEpochs(spec.train().epochs());
                case "spawn" -> {
                    n = a.spawn().children();
                    anchor = true;
                }
                case "student" -> {
                    n = a.distill().get(Integer.parseInt(e.variant())).students();
                    anchor = true;
                }
                default -> n = members;
            }
            return n * (n - 1) / 2 + (anchor ? n : 0);
        }

        CurveConfig curve(StageNode node) {
            return a.curves().get(((Subject.Curve) node.subject()).curve());
        }

        /** FGE or SSE: {@code epochs} of training with a checkpoint at every epoch end, {@code snapshots} evaluated. */
        Cost snapshotRun(int epochs, long snapshots) {
            long states = epochs * modelBytes(model.parameters(), spec.train().optimizer().name(), true);
            return evaluations(snapshots, test).plus(new Cost(0, epochs * train, states + snapshots * weights,
                    epochs + snapshots + 1));
        }

        /** {@code n} models each run forward over {@code images}, with their predictions stored. */
        Cost evaluations(long n, long images) {
            return new Cost(n * images, 0, n * npy, n * EVALUATION_ROWS);
        }

        long subset(int n) {
            return n > 0 ? Math.min(n, train) : train;
        }

        int samplesPerMethod() {
            return a.subspace() != null ? a.subspace().samples() : SubspaceConfig.DEFAULT_SAMPLES;
        }

        /** Samples of one method: {@code samples} per radius, rate or scale. */
        long samples(SamplingMethod method) {
            return (long) a.subspace().samples() * method.levels(a.subspace()).size();
        }

        long allSamples() {
            long n = 0;
            if (a.subspace() != null) {
                for (SamplingMethod m : SamplingMethod.asked(a.subspace())) {
                    n += samples(m);
                }
            }
            if (a.ensemblesAsked().multiSwag()) {
                n += (long) members * samplesPerMethod();
            }
            return n;
        }

        /** Similarity pairs: within each trajectory, between finals, across all kept checkpoints, as asked. */
        long pairs() {
            long n = 0;
            for (String scope : a.similarity().scopes()) {
                n += switch (scope) {
                    case "trajectory" -> members * kept * (kept - 1) / 2;
                    case "members" -> (long) members * (members - 1) / 2;
                    default -> members * kept * (members * kept - 1) / 2;
                };
            }
            return n;
        }
    }
}
