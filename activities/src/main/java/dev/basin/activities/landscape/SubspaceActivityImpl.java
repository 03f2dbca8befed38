package dev.basin.activities.landscape;

import dev.basin.activities.Subject;
import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.db.LandscapeStore;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.SubspaceSampleRow;
import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.landscape.Geometry;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code subspace} stages: samples around one member by each method, measured against that member
 * as Fort et al. do for their diversity-versus-accuracy plot (Fig. 6; DESIGN.md "Definitions":
 * disagreement and diversity), and every member's SWAG samples for Multi-SWAG (Fig. 8).
 *
 * <p>Every sample is a model of kind {@code sample} (weights in S3, variant naming method, level and index,
 * see {@link SubspaceSamples}) with its test predictions and metrics stored under the stage's input key.
 * A retried attempt skips the samples already evaluated under that key; a stage whose samples are all
 * there is reused. The baseline is always the member's final weights, also for the diag-gaussian samples
 * drawn around its SWA solution: the plot compares functions near one trained network.
 */
public final class SubspaceActivityImpl implements SubspaceActivity {
    static final String MEMBER = "member";

    private final WorkerContext context;

    public SubspaceActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int sampleSubspace(AnalysisRequest r) {
        SubspaceConfig s = r.analyses().subspace();
        Subject.Method subject = r.task().subject(Subject.Method.class);
        SamplingMethod method = subject.method();
        String stage = r.stage();
        String key = r.inputKey();
        StudyModels models = new StudyModels(context, r);
        // The other members' rows are measured once per study, by the first method's stage.
        boolean withMembers = subject.withMembers();
        return StageRun.run(context, r.study(), stage, key, () -> storedSamples(models, s, method, withMembers, key),
                () -> drawSamples(models, s, method, withMembers, key));
    }

    @Override
    public int sampleMultiSwag(AnalysisRequest r) {
        int member = r.member();
        String stage = r.stage();
        String key = r.inputKey();
        StudyModels models = new StudyModels(context, r);
        int samples = SubspaceSamples.multiSwagSamples(r.analyses().subspace());
        return StageRun.run(context, r.study(), stage, key, () -> storedMultiSwag(models, member, samples, key),
                () -> drawMultiSwag(models, member, samples, key));
    }

    // ---- subspace methods -----------------------------------------------------------------------

    private Optional<Integer> storedSamples(StudyModels models, SubspaceConfig s, SamplingMethod method,
                                            boolean withMembers, String key) {
        ModelRow baseline = models.finalRow(s.around());
        List<SubspaceSampleRow> rows = landscape().subspaceSamples(models.request().study()).stream()
                .filter(x -> x.baselineId() == baseline.id() && key.equals(x.inputKey())).toList();
        long samples = rows.stream().filter(x -> x.method().equals(method.specName()))
                .filter(x -> evaluatedUnder(models, x.modelId(), key)).count();
        long expected = (long) SubspaceSamples.levels(s, method).size() * s.samples();
        long members = rows.stream().filter(x -> x.method().equals(MEMBER)).count();
        boolean membersDone = !withMembers || members == models.request().train().members() - 1;
        return samples == expected && membersDone ? Optional.of((int) samples) : Optional.empty();
    }

    private int drawSamples(StudyModels models, SubspaceConfig s, SamplingMethod method, boolean withMembers,
                            String key) {
        String study = models.request().study();
        if (withMembers) {
            forgetOtherSpecs(models);
        }
        ModelRow baseline = models.finalRow(s.around());
        Baseline base = Baseline.of(models, baseline);
        Map<Long, SubspaceSampleRow> done = landscape().subspaceSamples(study).stream()
                .filter(x -> x.baselineId() == baseline.id() && key.equals(x.inputKey()))
                .collect(Collectors.toMap(SubspaceSampleRow::modelId, Function.identity()));
        Samplers.Sampler sampler = null; // built on first use: a fully resumed stage loads no weights
        List<Double> levels = SubspaceSamples.levels(s, method);
        int count = 0;
        for (int l = 0; l < levels.size(); l++) {
            double level = levels.get(l);
            for (int i = 0; i < s.samples(); i++) {
                String variant = SubspaceSamples.variant(method, level, i);
                models.heartbeat(variant);
                Optional<ModelRow> existing = models.analysisRow(ModelKind.SAMPLE, s.around(), variant);
                if (existing.isPresent() && done.containsKey(existing.get().id())
                        && models.evaluated(existing.get(), key)) {
                    count++;
                    continue;
                }
                if (sampler == null) {
                    sampler = Samplers.of(models, s, method, baseline);
                }
                long seed = method == SamplingMethod.MC_DROPOUT
                        ? SubspaceSamples.mcDropoutSeed(models.request().seed(), s.around(), i)
                        : SubspaceSamples.seed(models.request().seed(), method, l, i);
                INDArray weights = sampler.draw(level, seed);
                ModelRow row = models.storeModel(ModelKind.SAMPLE, s.around(), baseline.epoch(), baseline.step(),
                        variant, weights);
                INDArray probs = sampler.predict(models, weights, seed);
                Scores scores = models.storeEvaluation(row, probs, key);
                boolean kept = method != SamplingMethod.RANDOM || scores.accuracy() >= s.random().accuracyFloor();
                landscape().recordSubspaceSamples(List.of(base.row(study, row.id(), method.specName(), level, i, probs,
                        scores.accuracy(), kept, key)));
                count++;
            }
        }
        if (withMembers) {
            measureMembers(models, s.around(), base, key);
        }
        return count;
    }

    /** Every other member's final model against the same baseline: method {@code member}, index = member. */
    private void measureMembers(StudyModels models, int around, Baseline base, String key) {
        int[] labels = models.data().test().labels();
        for (int m = 0; m < models.request().train().members(); m++) {
            if (m == around) {
                continue;
            }
            models.heartbeat("member " + m);
            ModelRow row = models.finalRow(m);
            INDArray probs = models.requireTestPredictions(row);
            double accuracy = Metrics.score(probs, labels).accuracy();
            landscape().recordSubspaceSamples(List.of(base.row(models.request().study(), row.id(), MEMBER, null, m,
                    probs, accuracy, true, key)));
        }
    }

    /**
     * Deletes the study's sample rows measured under a spec that no longer applies (another run key, a level
     * or method since removed), which the upserts alone would leave in {@code subspace_diversity}. Done once,
     * by the first method's stage; the other methods' stages write only under keys kept here.
     */
    private void forgetOtherSpecs(StudyModels models) {
        AnalysisRequest r = models.request();
        landscape().retainSubspaceSamples(r.study(), r.task().siblingKeys());
    }

    // ---- Multi-SWAG -----------------------------------------------------------------------------

    private Optional<Integer> storedMultiSwag(StudyModels models, int member, int samples, String key) {
        for (int i = 0; i < samples; i++) {
            Optional<ModelRow> row = models.analysisRow(ModelKind.SAMPLE, member, SubspaceSamples.multiSwagVariant(i));
            if (row.isEmpty() || !models.evaluated(row.get(), key)) {
                return Optional.empty();
            }
        }
        return Optional.of(samples);
    }

    private int drawMultiSwag(StudyModels models, int member, int samples, String key) {
        ModelRow finalRow = models.finalRow(member);
        Samplers.Sampler sampler = null;
        for (int i = 0; i < samples; i++) {
            String variant = SubspaceSamples.multiSwagVariant(i);
            models.heartbeat(variant);
            Optional<ModelRow> existing = models.analysisRow(ModelKind.SAMPLE, member, variant);
            if (existing.isPresent() && models.evaluated(existing.get(), key)) {
                continue;
            }
            if (sampler == null) {
                sampler = Samplers.multiSwag(models, member);
            }
            // Scale 1: SWAG's own posterior approximation, as Multi-SWAG samples it.
            INDArray weights = sampler.draw(1.0, SubspaceSamples.multiSwagSeed(models.request().seed(), member, i));
            ModelRow row = models.storeModel(ModelKind.SAMPLE, member, finalRow.epoch(), finalRow.step(), variant,
                    weights);
            models.storeEvaluation(row, models.predict(weights, models.data().test()), key);
        }
        return samples;
    }

    // ---- shared ---------------------------------------------------------------------------------

    /**
     * Whether a model's test predictions (still verifying) and its four metrics were stored under {@code key}:
     * a sample whose prediction object went corrupt is drawn and evaluated again.
     */
    static boolean evaluatedUnder(StudyModels models, long modelId, String key) {
        return models.context().store().model(modelId).map(row -> models.evaluated(row, key)).orElse(false);
    }

    private LandscapeStore landscape() {
        return new LandscapeStore(context.store().database());
    }

    /** The model samples are measured against: its predicted labels and test accuracy. */
    private record Baseline(long id, int[] labels, double accuracy) {
        static Baseline of(StudyModels models, ModelRow row) {
            INDArray probs = models.requireTestPredictions(row);
            return new Baseline(row.id(), Geometry.predictedLabels(probs),
                    Metrics.score(probs, models.data().test().labels()).accuracy());
        }

        /** Disagreement with this baseline and diversity = disagreement / (1 − baseline accuracy). */
        SubspaceSampleRow row(String study, long modelId, String method, Double level, int index, INDArray probs,
                              double accuracy, boolean kept, String key) {
            double disagreement = Geometry.disagreement(labels, Geometry.predictedLabels(probs));
            double diversity = Geometry.diversity(disagreement, this.accuracy);
            return new SubspaceSampleRow(study, modelId, id, method, level, index, accuracy, disagreement,
                    Double.isNaN(diversity) ? null : diversity, kept, key);
        }
    }
}
