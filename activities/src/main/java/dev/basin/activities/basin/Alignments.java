package dev.basin.activities.basin;

import dev.basin.activities.EnsembleSizes;
import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.AlignmentRow;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.SingleBasinStore;
import dev.basin.engine.align.PermutationSpec;
import dev.basin.engine.align.PermutationSpecs;
import dev.basin.engine.align.WeightMatching;
import dev.basin.engine.curve.CurveTrainer;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.train.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stage {@code align}: every other member's final weights permuted to match the reference member's by weight
 * matching ({@link WeightMatching}; running statistics are permuted with their channels but do not count in the
 * objective). Stored per member j: {@code aligned:j} (the same function as final:j, so evaluated with its own,
 * permuted, statistics), {@code merged:j} = (w_ref + aligned_j) / 2 (batch norm recomputed), and the weight
 * distances before and after over the trained coordinates. The ensemble {@code aligned} is the reference's final
 * weights followed by the aligned members, so its barriers are the aligned ones.
 */
final class Alignments {
    private static final long ALIGN_STREAM = 0xA11L;
    static final String KIND = "aligned";

    private final WorkerContext context;
    private final AnalysisRequest request;
    private final StudyModels models;
    private final SingleBasinStore store;
    private final int reference;

    Alignments(WorkerContext context, AnalysisRequest request) {
        this.context = context;
        this.request = request;
        this.models = new StudyModels(context, request);
        this.store = new SingleBasinStore(context.store().database());
        this.reference = request.analyses().align().reference();
    }

    int run() {
        return StageRun.run(context, request.study(), request.stage(), request.inputKey(), this::done, this::align);
    }

    /** The members aligned to the reference, ascending. */
    static List<Integer> others(AnalysisRequest r) {
        List<Integer> out = new ArrayList<>();
        for (int m = 0; m < r.train().members(); m++) {
            if (m != r.analyses().align().reference()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The ensemble {@code aligned}'s models: the reference's final weights, then each aligned member. */
    static List<ModelRow> ensemble(StudyModels models) {
        List<ModelRow> rows = new ArrayList<>();
        rows.add(models.finalRow(models.request().analyses().align().reference()));
        for (int m : others(models.request())) {
            rows.add(models.analysisRow(ModelKind.ALIGNED, m, "").orElseThrow(() -> new IllegalStateException(
                    "aligned:" + m + " is not stored; the stage align must run first")));
        }
        return rows;
    }

    private Optional<Integer> done() {
        String key = request.inputKey();
        List<AlignmentRow> rows = store.alignments(request.study(), request.runKey());
        for (int m : others(request)) {
            boolean ok = rows.stream().anyMatch(a -> a.member() == m && a.inputKey().equals(key))
                    && evaluated(ModelKind.ALIGNED, m) && evaluated(ModelKind.MERGED, m);
            if (!ok) {
                return Optional.empty();
            }
        }
        return EnsembleSizes.stored(context.store(), request.study(), request.runKey(), KIND,
                request.train().members(), key).map(e -> others(request).size());
    }

    private boolean evaluated(ModelKind kind, int member) {
        return models.analysisRow(kind, member, "").filter(r -> models.evaluated(r, request.inputKey())).isPresent();
    }

    private int align() {
        String key = request.inputKey();
        // an earlier spec's reference member was aligned to another: its rows must not linger
        store.deleteStaleAlignments(request.study(), request.runKey(), key);
        for (ModelKind kind : List.of(ModelKind.ALIGNED, ModelKind.MERGED)) {
            context.store().deleteOtherModels(request.study(), request.runKey(), kind, reference, "", -1);
        }
        Dataset test = models.data().test();
        ModelRow refRow = models.finalRow(reference);
        INDArray w0 = models.fullWeights(refRow); // permutations move running statistics too
        ComputationGraph net = models.network();
        PermutationSpec spec = PermutationSpecs.of(net);
        INDArray trained = CurveTrainer.trainableMask(net);
        List<EnsembleSizes.Group> groups = new ArrayList<>();
        groups.add(new EnsembleSizes.Group(reference, List.of(models.requireTestPredictions(refRow))));
        for (int m : others(request)) {
            models.heartbeat("aligning member " + m);
            ModelRow row = models.finalRow(m);
            INDArray w = models.fullWeights(row);
            WeightMatching.Alignment a = WeightMatching.align(spec, w0, w, Seeds.derive(request.seed(), ALIGN_STREAM,
                    m), false);
            ModelRow aligned = models.storeModel(ModelKind.ALIGNED, m, row.epoch(), row.step(), "", a.aligned());
            INDArray probs = models.predictTrained(a.aligned(), test);
            models.storeEvaluation(aligned, probs, key);
            INDArray mid = w0.add(a.aligned()).muli(0.5);
            ModelRow merged = models.storeModel(ModelKind.MERGED, m, row.epoch(), row.step(), "", mid);
            models.storeEvaluation(merged, models.predict(mid, test), key);
            store.recordAlignment(new AlignmentRow(request.study(), request.runKey(), m, reference, a.sweeps(),
                    distance(w0, w, trained), distance(w0, a.aligned(), trained), key));
            groups.add(new EnsembleSizes.Group(m, List.of(probs)));
        }
        EnsembleSizes.score(context.store(), request.study(), request.runKey(), KIND, groups, test.labels(), key,
                () -> models.heartbeat("aligned ensembles"));
        return others(request).size();
    }

    /** ‖a − b‖ over the trained coordinates (running statistics left out). */
    private static double distance(INDArray a, INDArray b, INDArray trained) {
        return a.sub(b).muli(trained).norm2Number().doubleValue();
    }
}
