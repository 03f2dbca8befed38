package dev.basin.activities.connectivity;

import dev.basin.activities.EnsembleSizes;
import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.train.Checkpoint;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.train.Progress;
import dev.basin.engine.train.StepRate;
import dev.basin.engine.train.TrainListener;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.train.Trainer;
import dev.basin.engine.weights.WeightVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training run that takes snapshots (FGE, SSE), run by the member {@link Trainer} under its own learning rate
 * per step, as durably as a member: a heartbeat after every step, the network with its optimizer state saved at
 * every epoch end (and every {@code train.checkpointEverySteps} steps), a retried attempt resumed from the newest
 * saved state. At each snapshot epoch the weights are stored as a model of the run's kind (variant
 * {@code variants(j)}, {@code #j} for FGE and SSE) and evaluated on the test set before the state of that epoch is
 * saved, so a resumed run never lacks an earlier snapshot. At the end, if {@code scoresEnsembles}, the ensembles of
 * the first k snapshots are scored ({@code ensemble_size}, kind = the run's). A spawned child is such a run with one
 * snapshot, its final weights, and no ensemble of its own.
 *
 * @param kind        {@code fge}, {@code sse} or {@code spawn}
 * @param member      the member the snapshots' rows are filed under (FGE: the member it starts from; SSE: 0; a
 *                    child: its parent)
 * @param offset      where the snapshots' epoch and step count from: FGE continues its member's training (a spawned
 *                    child starts at its parent's position instead, so its offset is zero)
 * @param config      epochs, batch size, optimizer (its rate is replaced by {@code rate} at every step)
 * @param seed        the seed of the run's data order and dropout masks
 * @param snapshotAt  whether the end of epoch e (1-based, of this run) is a snapshot
 * @param snapshots   how many snapshots the whole run takes
 * @param variants    the model variant of snapshot j
 * @param scoresEnsembles whether the run scores the ensembles of its snapshots
 * @param start       the network (with its optimizer state) and position the run starts from when no state is saved
 */
public record SnapshotTraining(ModelKind kind, int member, TrainPosition offset, TrainConfig config, long seed,
                               StepRate rate, IntPredicate snapshotAt, int snapshots, IntFunction<String> variants,
                               boolean scoresEnsembles, Supplier<Checkpoints.Restored> start) {
    private static final int REPORT_EVERY = 20;

    /** FGE's and SSE's snapshots: variant {@code #j}, their ensembles scored. */
    SnapshotTraining(ModelKind kind, int member, TrainPosition offset, TrainConfig config, long seed, StepRate rate,
                     IntPredicate snapshotAt, int snapshots, Supplier<Checkpoints.Restored> start) {
        this(kind, member, offset, config, seed, rate, snapshotAt, snapshots, SnapshotTraining::variant, true, start);
    }

    public int run(WorkerContext context, AnalysisRequest r) {
        return StageRun.run(context, r.study(), r.stage(), r.inputKey(), () -> done(context, r), () -> train(context, r));
    }

    /** The run's snapshots and their ensembles, if all are stored under the stage's key. */
    private Optional<Integer> done(WorkerContext context, AnalysisRequest r) {
        StudyModels models = new StudyModels(context, r);
        for (int j = 0; j < snapshots; j++) {
            Optional<ModelRow> row = models.analysisRow(kind, member, variants.apply(j));
            if (row.isEmpty() || !models.evaluated(row.get(), r.inputKey())) {
                return Optional.empty();
            }
        }
        if (!scoresEnsembles) {
            return Optional.of(snapshots);
        }
        return EnsembleSizes.stored(context.store(), r.study(), r.runKey(), kind.text(), snapshots, r.inputKey())
                .map(List::size);
    }

    private int train(WorkerContext context, AnalysisRequest r) {
        StudyModels models = new StudyModels(context, r);
        StageStates states = new StageStates(context, r);
        Checkpoints.Restored from = states.newest().map(Checkpoints::read).orElseGet(start);
        Dataset train = models.data().train();
        ComputationGraph net = from.net();
        Listener listener = new Listener(r, models, states, net);
        new Trainer(config, seed, listener, REPORT_EVERY, rate).augmenting(r.data().augment()).run(net, train, from.position());
        if (!scoresEnsembles) {
            return snapshots;
        }

        List<EnsembleSizes.Group> groups = new ArrayList<>();
        for (int j = 0; j < snapshots; j++) {
            ModelRow row = models.analysisRow(kind, member, variants.apply(j)).orElseThrow(() -> new IllegalStateException(
                    kind + " snapshot " + member + " was not stored"));
            groups.add(new EnsembleSizes.Group(member, List.of(models.requireTestPredictions(row))));
        }
        EnsembleSizes.score(context.store(), r.study(), r.runKey(), kind.text(), groups,
                models.data().test().labels(), r.inputKey(), () -> models.heartbeat("ensembles"));
        return snapshots;
    }

    static String variant(int snapshot) {
        return "#" + snapshot;
    }

    /** Heartbeats, snapshots and saved states. */
    private final class Listener implements TrainListener {
        private final AnalysisRequest request;
        private final StudyModels models;
        private final StageStates states;
        private final ComputationGraph net;

        Listener(AnalysisRequest request, StudyModels models, StageStates states, ComputationGraph net) {
            this.request = request;
            this.models = models;
            this.states = states;
            this.net = net;
        }

        @Override
        public void progress(Progress p) {
            states.progress(p);
        }

        @Override
        public void afterStep(long step) {
            states.afterStep(step);
        }

        @Override
        public void checkpoint(Checkpoint c) {
            TrainPosition at = c.position();
            boolean epochEnd = at.step() == (long) at.epoch() * Trainer.stepsPerEpoch(models.data().train().size(),
                    config.batchSize());
            if (epochEnd && snapshotAt.test(at.epoch())) {
                int j = snapshotIndex(at.epoch());
                INDArray weights = WeightVectors.flat(net);
                ModelRow row = models.storeModel(kind, member, offset.epoch() + at.epoch(), offset.step() + at.step(),
                        variants.apply(j), weights);
                models.storeEvaluation(row, models.predictTrained(weights, models.data().test()), request.inputKey());
            }
            states.save(at.epoch(), at.step(), c.bytes());
        }

        /** The snapshot's index: how many snapshot epochs come before epoch {@code epoch}. */
        private int snapshotIndex(int epoch) {
            int j = 0;
            for (int e = 1; e < epoch; e++) {
                if (snapshotAt.test(e)) {
                    j++;
                }
            }
            return j;
        }
    }
}
