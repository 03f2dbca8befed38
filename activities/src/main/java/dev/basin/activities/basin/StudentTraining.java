package dev.basin.activities.basin;

import dev.basin.activities.StageRun;
import dev.basin.activities.Subject;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.connectivity.StageStates;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.SingleBasinStore;
import dev.basin.engine.analysis.DistillConfig;
import dev.basin.engine.curve.CurveState;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.distill.StudentTrainer;
import dev.basin.engine.model.Models;
import dev.basin.engine.train.Seeds;
import dev.basin.engine.train.StepRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The stage {@code distill/G/student-k}: student k of the spec's distill group G, trained by
 * {@link StudentTrainer} from the group's {@code from} weights under the teacher's stored softmax, at the group's
 * rate under {@code train.schedule} over its epochs. Its data order (and t, dropout) come from (study seed, G, k).
 * Durable like a member: its state (θ, momentum, position) is saved after every epoch and every
 * {@code train.checkpointEverySteps} steps, and a retried attempt resumes from the newest that verifies. Stored as
 * model {@code student:G #k}, evaluated with batch norm recomputed (a student's running statistics are not trained).
 */
final class StudentTraining {
    private static final long DISTILL_STREAM = 0xD157L;
    private static final int REPORT_EVERY = 20;

    private final WorkerContext context;
    private final AnalysisRequest request;
    private final int group;
    private final int student;
    private final DistillConfig config;

    StudentTraining(WorkerContext context, AnalysisRequest request) {
        Subject.Student s = request.task().subject(Subject.Student.class);
        this.context = context;
        this.request = request;
        this.group = s.group();
        this.student = s.student();
        this.config = request.analyses().distill().get(group);
    }

    int run() {
        return StageRun.run(context, request.study(), request.stage(), request.inputKey(), this::done, this::train);
    }

    static String variant(int student) {
        return "#" + student;
    }

    /** The students of distill group {@code group}, in order. */
    static List<ModelRow> students(StudyModels models, int group) {
        List<ModelRow> rows = new ArrayList<>();
        for (int k = 0; k < models.request().analyses().distill().get(group).students(); k++) {
            int student = k;
            rows.add(models.analysisRow(ModelKind.STUDENT, group, variant(k)).orElseThrow(() ->
                    new IllegalStateException("student:" + group + " " + variant(student) + " is not trained; its"
                            + " stage must run first")));
        }
        return rows;
    }

    private Optional<Integer> done() {
        StudyModels models = new StudyModels(context, request);
        return models.analysisRow(ModelKind.STUDENT, group, variant(student))
                .filter(r -> models.evaluated(r, request.inputKey())).map(r -> config.epochs());
    }

    private int train() {
        StudyModels models = new StudyModels(context, request);
        INDArray theta0 = models.fullWeights(models.row(config.from()));
        INDArray teacher = Teachers.load(models, new SingleBasinStore(context.store().database()), config.teacher());
        Dataset train = models.data().train();
        ComputationGraph student = StudentTrainer.distilling(build(train), config.alpha(), config.temperature());
        ComputationGraph plain = build(train);
        StageStates states = new StageStates(context, request);
        CurveState from = states.newest().map(CurveState::read).orElseGet(() -> StudentTrainer.start(theta0));
        StudentTrainer trainer = new StudentTrainer(config, Seeds.derive(request.seed(), DISTILL_STREAM, group,
                this.student), StepRate.of(request.train(), config.lr(), config.epochs()),
                states.listener(), REPORT_EVERY, 1, request.train().checkpointEverySteps());
        CurveState end = trainer.run(student, plain, theta0, train, teacher, from, Long.MAX_VALUE);
        INDArray weights = Nd4j.createFromArray(end.theta());
        ModelRow row = models.storeModel(ModelKind.STUDENT, group, end.position().epoch(), end.position().step(),
                variant(this.student), weights);
        models.storeEvaluation(row, models.predict(weights, models.data().test()), request.inputKey());
        return config.epochs();
    }

    private ComputationGraph build(Dataset train) {
        return Models.build(request.model(), request.train().optimizer(), request.seed(), train.channels(),
                train.height(), train.width(), train.classes());
    }
}
