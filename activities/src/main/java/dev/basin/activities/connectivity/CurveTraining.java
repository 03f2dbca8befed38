package dev.basin.activities.connectivity;

import dev.basin.activities.StageRun;
import dev.basin.activities.Subject;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.ConnectivityStore;
import dev.basin.db.CurveRow;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.curve.CurveState;
import dev.basin.engine.curve.CurveTrainer;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.model.Models;
import dev.basin.engine.train.Seeds;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The stage {@code curves/A-B/TYPE}: trains the curve's bend θ with its ends fixed ({@link CurveTrainer}), durably
 * like a member: a heartbeat after every step (which also delivers a cancellation), the state (θ, momentum,
 * position) saved at every epoch end and every {@code train.checkpointEverySteps} steps, and a retried attempt
 * resumed from the newest saved state, ending bit-identical to an attempt that never stopped. The bend is then
 * stored as a model of kind {@code bend} (member = the curve's index, so {@code bend:C} names it) and recorded on
 * the curve's row, which marks the stage done under its input key.
 *
 * <p>The minibatch order and each step's t derive from the study seed and the curve's index, so two curves of one
 * study see different draws and the same spec trains the same bend.
 */
final class CurveTraining {
    /** Steps between progress reports. */
    private static final int REPORT_EVERY = 20;
    private static final long CURVE_STREAM = 0xC0C0L;

    private final WorkerContext context;
    private final AnalysisRequest request;
    private final ConnectivityStore store;
    private final CurveConfig config;
    private final int index;

    CurveTraining(WorkerContext context, AnalysisRequest request) {
        this.context = context;
        this.request = request;
        this.store = new ConnectivityStore(context.store().database());
        this.config = Curves.config(request);
        this.index = request.task().subject(Subject.Curve.class).curve();
    }

    int run() {
        String key = request.inputKey();
        return StageRun.run(context, request.study(), request.stage(), key,
                () -> CurveActivityImpl.trained(store, request, config, key).map(c -> config.epochs()),
                this::train);
    }

    private int train() {
        String key = request.inputKey();
        long curveId = store.upsertCurve(new CurveRow(0, request.study(), request.runKey(), config.label(), index,
                config.type().text(), config.between().a().toString(), config.between().b().toString(), null,
                Double.NaN, Double.NaN, key));
        StudyModels models = new StudyModels(context, request);
        // the curve trains the whole network's vector (running statistics masked out of every step)
        INDArray w1 = models.fullWeights(config.between().a());
        INDArray w2 = models.fullWeights(config.between().b());
        Dataset train = models.data().train();
        ComputationGraph net = Models.build(request.model(), request.train().optimizer(), request.seed(),
                train.channels(), train.height(), train.width(), train.classes());
        StageStates states = new StageStates(context, request);
        CurveState from = states.newest().map(CurveState::read)
                .orElseGet(() -> CurveState.start(w1.toFloatVector(), w2.toFloatVector()));
        CurveTrainer trainer = new CurveTrainer(config, Seeds.derive(request.seed(), CURVE_STREAM, index),
                states.listener(), REPORT_EVERY, 1,
                request.train().checkpointEverySteps());
        CurveState end = trainer.run(net, w1, w2, train, from);
        INDArray theta = Nd4j.createFromArray(end.theta());
        ModelRow bend = models.storeModel(ModelKind.BEND, index, end.position().epoch(), end.position().step(), "",
                theta);
        store.recordBend(curveId, bend.id(), w2.sub(w1).muli(CurveTrainer.trainableMask(net)).norm2Number()
                .doubleValue());
        return config.epochs();
    }
}
