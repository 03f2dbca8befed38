package dev.basin.plan;

import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.tsne.TsneSample;
import dev.basin.spec.StudySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two stages whose work grows as the square of the kept models, t-SNE and similarity, sized from the spec
 * alone: how many models and pairs, how much memory, how long. Pure. {@link StageCost} counts images, bytes and
 * rows, which a calibration turns into seconds; these two stages pass no image through the network, so their
 * seconds come from constants measured on this project's machine class (2 cores of an AVX2 x86-64, one engine
 * thread; see each constant), good to a factor of two, no better.
 *
 * <p>Hard bounds, refused whatever the time budget (see {@link #refusals}): the similarity stage stores one row
 * per pair and keeps the weights and predicted labels of every model it compares in memory for the attempt;
 * t-SNE's points are capped by {@code tsne.maxPoints}, itself at most {@link TsneSample#MAX_POINTS}, so it
 * needs no bound here.
 */
public final class WorkBounds {
    /** Similarity rows: ~150 bytes each with its index entries, so 20 million take ~3 GB of PostgreSQL. */
    public static final long MAX_SIMILARITY_PAIRS = 20_000_000L;
    /** Weights (4 bytes a parameter) and labels (4 bytes a test image) of the compared models, held at once. */
    public static final long MAX_SIMILARITY_MODEL_BYTES = 4L << 30;
    /** t-SNE's gradient descent: seconds per n² per iteration (measured 2.9–3.6·10⁻⁸, n = 200 and 400). */
    static final double TSNE_DESCENT_SECONDS = 3.5e-8;
    /** t-SNE's distances: seconds per pair of points per value (test × classes; measured 2.1–2.2·10⁻⁹). */
    static final double TSNE_DISTANCE_SECONDS = 2.2e-9;
    /** Similarity: seconds per pair per value compared, parameters + test labels (measured 1.3–1.7·10⁻⁸). */
    static final double SIMILARITY_SECONDS = 1.7e-8;
    /** The t-SNE stage's iterations (its activity's ITERATIONS). */
    static final int TSNE_ITERATIONS = 1000;

    private WorkBounds() {}

    /**
     * What a spec asks of the two stages; zeros for a stage it does not ask for.
     *
     * @param tsneModels        the models t-SNE could embed (kept checkpoints and samples)
     * @param tsneEmbedded      how many it embeds: at most {@code tsne.maxPoints}
     * @param similarityPairs   pairs compared
     * @param similarityModels  distinct models those pairs hold, each loaded once per attempt
     * @param similarityBytes   memory those models take: weights and predicted labels
     */
    public record Work(long tsneModels, long tsneEmbedded, double tsneSeconds, long similarityPairs,
                       long similarityModels, long similarityBytes, double similaritySeconds) {

        /** The sampling notice, when {@code tsne.maxPoints} leaves models out; empty otherwise. */
        public String tsneNotice(StudySpec spec) {
            if (tsneEmbedded >= tsneModels) {
                return "";
            }
            return String.format(Locale.ROOT, "t-SNE: %,d models, more than tsne.maxPoints %,d; a sample of %,d drawn"
                    + " from tsne.seed %d is embedded (tsne.maxPoints may be raised to %,d)", tsneModels,
                    spec.analyses().tsne().maxPoints(), tsneEmbedded, spec.analyses().tsne().seed(),
                    TsneSample.MAX_POINTS);
        }

        /** Each hard bound the spec exceeds, as a sentence with the numbers; empty when it fits. */
        public List<String> refusals() {
            List<String> out = new ArrayList<>();
            if (similarityPairs > MAX_SIMILARITY_PAIRS) {
                out.add(String.format(Locale.ROOT, "similarity would compare %,d pairs, more than the %,d rows it may"
                        + " store; ask for fewer scopes (all has C(n, 2) pairs of the n kept checkpoints) or keep"
                        + " fewer checkpoints (trajectory.every)", similarityPairs, MAX_SIMILARITY_PAIRS));
            }
            if (similarityBytes > MAX_SIMILARITY_MODEL_BYTES) {
                out.add(String.format(Locale.ROOT, "similarity would hold %,d models in memory, %.1f GiB, more than"
                        + " %.0f GiB; keep fewer checkpoints (trajectory.every) or use a smaller model", similarityModels,
                        similarityBytes / (double) (1L << 30), MAX_SIMILARITY_MODEL_BYTES / (double) (1L << 30)));
            }
            return out;
        }
    }

    /** @param parameters the network's parameter count */
    public static Work of(StudySpec spec, long parameters) {
        AnalysesConfig a = spec.analyses();
        long test = StageCost.testImages(spec.data());
        long tsneModels = 0;
        long embedded = 0;
        double tsneSeconds = 0;
        if (a.tsne() != null) {
            tsneModels = StageCost.tsneModels(spec);
            embedded = Math.min(tsneModels, a.tsne().maxPoints());
            double n = embedded;
            tsneSeconds = n * n * TSNE_ITERATIONS * TSNE_DESCENT_SECONDS
                    + n * (n - 1) / 2 * test * StageCost.classes(spec.data()) * TSNE_DISTANCE_SECONDS;
        }
        long pairs = StageCost.similarityPairs(spec);
        long models = 0;
        if (a.similarity() != null) {
            List<String> scopes = a.similarity().scopes();
            int members = spec.train().members();
            long kept = StageCost.kept(a.trajectory(), spec.train(), StageCost.trainImages(spec.data()));
            models = (scopes.contains("trajectory") || scopes.contains("all") ? members * kept : 0)
                    + (scopes.contains("members") ? members : 0);
        }
        long bytes = models * 4 * (parameters + test);
        return new Work(tsneModels, embedded, tsneSeconds, pairs, models, bytes,
                pairs * (double) (parameters + test) * SIMILARITY_SECONDS);
    }
}
