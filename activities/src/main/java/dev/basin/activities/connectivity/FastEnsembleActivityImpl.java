package dev.basin.activities.connectivity;

import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.FgeConfig;
import dev.basin.engine.analysis.SseConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.model.Models;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.train.FgeSchedule;
import dev.basin.engine.train.Seeds;
import dev.basin.engine.train.SseSchedule;
import dev.basin.engine.train.TrainPosition;

/**
 * The stages {@code fge}, {@code sse} and {@code budget}.
 *
 * <p>{@code fge} (Garipov et al. 2018, Sec. 5) continues member M's training from its checkpoint at epoch E, with
 * the optimizer state stored there, for {@code cycles} cycles of {@code cycle} epochs under the cyclic rate
 * ({@link FgeSchedule}), one snapshot where the rate is lowest. Its snapshots are filed as models of kind
 * {@code fge} of member M, at the epoch and step they reached counting the member's own (label {@code fge:M #j}).
 *
 * <p>{@code sse} (Huang et al. 2017) trains a new network from scratch, with its own initialisation and data order
 * (seed derived from the study's), under cosine annealing with restarts ({@link SseSchedule}), the cycle fixed at
 * ⌈train.epochs / snapshots⌉ epochs, one snapshot at each cycle's end (label {@code sse:0 #j}).
 *
 * <p>Both continue the member recipe otherwise: batch size, optimizer (momentum, weight decay), and
 * {@code train.checkpointEverySteps}.
 */
public final class FastEnsembleActivityImpl implements FastEnsembleActivity {
    private static final long FGE_STREAM = 0xF6EL;
    private static final long SSE_STREAM = 0x55EL;

    private final WorkerContext context;

    public FastEnsembleActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int trainFge(AnalysisRequest r) {
        FgeConfig f = r.analyses().fge();
        TrainConfig t = r.train();
        StudyModels models = new StudyModels(context, r);
        ModelRow from = models.row(f.from());
        FgeSchedule schedule = FgeSchedule.of(f, 0);
        TrainConfig config = new TrainConfig(1, f.epochs(), t.batchSize(), t.optimizer(), "constant", 1,
                t.checkpointEverySteps());
        return new SnapshotTraining(ModelKind.FGE, from.member(), new TrainPosition(from.epoch(), from.step()), config,
                Seeds.derive(Seeds.member(r.seed(), from.member()), FGE_STREAM), schedule,
                e -> schedule.isSnapshot(e - 1), f.cycles(),
                () -> new Checkpoints.Restored(models.restore(from).net(), TrainPosition.START)).run(context, r);
    }

    @Override
    public int trainSse(AnalysisRequest r) {
        SseConfig s = r.analyses().sse();
        TrainConfig t = r.train();
        int cycle = s.cycleEpochs(t.epochs());
        OptimizerConfig o = t.optimizer();
        OptimizerConfig optimizer = new OptimizerConfig(o.name(), s.lr(), o.momentum(), o.weightDecay());
        TrainConfig config = new TrainConfig(1, s.epochs(), t.batchSize(), optimizer, "constant", 1,
                t.checkpointEverySteps());
        long seed = Seeds.derive(r.seed(), SSE_STREAM);
        StudyModels models = new StudyModels(context, r);
        return new SnapshotTraining(ModelKind.SSE, 0, TrainPosition.START, config, seed,
                new SseSchedule(s.lr(), cycle), e -> e % cycle == 0, s.epochs() / cycle, () -> {
                    Dataset train = models.data().train();
                    return new Checkpoints.Restored(Models.build(r.model(), optimizer, seed, train.channels(),
                            train.height(), train.width(), train.classes()), TrainPosition.START);
                }).run(context, r);
    }

    @Override
    public int evaluateBudget(AnalysisRequest r) {
        return new BudgetTable(context, r).run();
    }
}
