package dev.basin.activities.basin;

import dev.basin.activities.Subject;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.connectivity.SnapshotTraining;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.SpawnConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.train.Seeds;
import dev.basin.engine.train.StepRate;
import dev.basin.engine.train.TrainPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-basin stages. A spawned child (Frankle et al. 2020's spawning) is the parent's own training continued
 * from its checkpoint at epoch s, optimizer state included, under the parent's schedule to train.epochs; only the
 * data order (and dropout) seed differs, derived from (study seed, parent, s, child). It is stored as model
 * {@code spawn:P es #k} when training ends; its state is saved at every epoch end like a member's.
 */
public final class SingleBasinActivityImpl implements SingleBasinActivity {

    private final WorkerContext context;

    public SingleBasinActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int trainChild(AnalysisRequest r) {
        SpawnConfig s = r.analyses().spawn();
        Subject.Child child = r.task().subject(Subject.Child.class);
        TrainConfig t = r.train();
        StudyModels models = new StudyModels(context, r);
        TrainConfig config = t.withCheckpoints(1, 1, t.checkpointEverySteps());
        return new SnapshotTraining(ModelKind.SPAWN, s.parent(), TrainPosition.START, config,
                Seeds.spawn(r.seed(), s.parent(), child.epoch(), child.child()),
                StepRate.of(t), e -> e == t.epochs(), 1,
                j -> SpawnConfig.childVariant(child.epoch(), child.child()), false, () -> models.restore(models.row(WeightRef.checkpoint(s.parent(), child.epoch()))))
                .run(context, r);
    }

    @Override
    public int evaluateSpawnEnsembles(AnalysisRequest r) {
        SpawnConfig s = r.analyses().spawn();
        Subject.Ensemble e = r.task().subject(Subject.Ensemble.class);
        StudyModels models = new StudyModels(context, r);
        return GroupEnsembles.run(models, e.kind(), e.variant(), spawned(models, s, spawnEpoch(e)));
    }

    @Override
    public int alignMembers(AnalysisRequest r) {
        return new Alignments(context, r).run();
    }

    @Override
    public int prepareTeacher(AnalysisRequest r) {
        return Teachers.prepare(context, r);
    }

    @Override
    public int trainStudent(AnalysisRequest r) {
        return new StudentTraining(context, r).run();
    }

    @Override
    public int evaluateStudentEnsembles(AnalysisRequest r) {
        Subject.Ensemble e = r.task().subject(Subject.Ensemble.class);
        StudyModels models = new StudyModels(context, r);
        int group = Integer.parseInt(e.variant());
        return GroupEnsembles.run(models, e.kind(), e.variant(), StudentTraining.students(models, group));
    }

    @Override
    public int measureBarriers(AnalysisRequest r) {
        return new Barriers(context, r).run();
    }

    /** The ensemble variant of the children spawned at epoch s: {@code es}. */
    public static String spawnVariant(int epoch) {
        return "e" + epoch;
    }

    static int spawnEpoch(Subject.Ensemble e) {
        return Integer.parseInt(e.variant().substring(1));
    }

    /** The children spawned at {@code epoch}, in child order. */
    static List<ModelRow> spawned(StudyModels models, SpawnConfig s, int epoch) {
        List<ModelRow> rows = new ArrayList<>();
        for (int k = 0; k < s.children(); k++) {
            String variant = SpawnConfig.childVariant(epoch, k);
            rows.add(models.analysisRow(ModelKind.SPAWN, s.parent(), variant).orElseThrow(() ->
                    new IllegalStateException("spawn:" + s.parent() + " " + variant + " is not trained; its stage"
                            + " must run first")));
        }
        return rows;
    }
}
