package dev.basin.activities.basin;

import dev.basin.activities.DamagedArtifacts;
import dev.basin.activities.StageRun;
import dev.basin.activities.Subject;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.artifacts.ArtifactKeys;
import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.DamagedArtifactException;
import dev.basin.db.ModelRow;
import dev.basin.db.SingleBasinStore;
import dev.basin.db.TeacherRow;
import dev.basin.engine.analysis.DistillConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.io.Npy;
import dev.basin.engine.train.DistillationLoss;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A distillation teacher's softmax on the whole training set, computed once per teacher ({@code distill/teacher/T})
 * and stored in S3 as {@code .npy} under a key derived from the teaching models' weight hashes, so every student
 * of every group with that teacher reads the same bytes. {@code deep} is the mean of the members' softmax; each
 * member is evaluated with its own batch-norm statistics, as trained.
 */
final class Teachers {
    private Teachers() {}

    static int prepare(WorkerContext context, AnalysisRequest r) {
        String teacher = r.task().subject(Subject.Teacher.class).teacher();
        StudyModels models = new StudyModels(context, r);
        SingleBasinStore store = new SingleBasinStore(context.store().database());
        List<ModelRow> rows = teaching(models, teacher);
        String hashes = rows.stream().map(ModelRow::weightsSha256).collect(Collectors.joining(","));
        return StageRun.run(context, r.study(), r.stage(), r.inputKey(),
                () -> store.teacher(r.study(), r.runKey(), teacher)
                        .filter(t -> t.models().equals(hashes) && t.inputKey().equals(r.inputKey()) && intact(context,
                                r, t))
                        .map(t -> rows.size()),
                () -> {
                    List<INDArray> probs = new ArrayList<>();
                    for (ModelRow row : rows) {
                        models.heartbeat("teacher " + teacher + ": " + row.kind() + ":" + row.member());
                        probs.add(models.predictTrained(row, models.data().train()));
                    }
                    byte[] npy = Npy.write(DistillationLoss.ensembleTeacher(probs));
                    ArtifactRef ref = context.artifacts().put(ArtifactKeys.analysis(r.study(), r.runKey(),
                            "teachers/" + ArtifactStore.sha256(hashes.getBytes(StandardCharsets.UTF_8)) + ".npy"), npy);
                    store.recordTeacher(new TeacherRow(r.study(), r.runKey(), teacher, hashes, ref.key(),
                            ref.sha256(), ref.bytes(), r.inputKey()));
                    return rows.size();
                });
    }

    /** Whether the stored softmax still verifies; a damaged object is reported and computed again. */
    private static boolean intact(WorkerContext context, AnalysisRequest r, TeacherRow t) {
        try {
            context.artifacts().get(new ArtifactRef(t.artifactKey(), t.sha256(), t.bytes()));
            return true;
        } catch (DamagedArtifactException e) {
            DamagedArtifacts.report(context, r.study(), r.runKey(), "teacher", 0, e,
                    "the teacher's softmax is computed again from its models");
            return false;
        }
    }

    /** The teacher's stored softmax on the training set, [N, C]. */
    static INDArray load(StudyModels models, SingleBasinStore store, String teacher) {
        AnalysisRequest r = models.request();
        TeacherRow t = store.teacher(r.study(), r.runKey(), teacher).orElseThrow(() -> new IllegalStateException(
                "the teacher " + teacher + " has no stored predictions; its stage distill/teacher/" + teacher
                        + " must run first"));
        return Npy.read(models.bytes("teacher", 0, new ArtifactRef(t.artifactKey(), t.sha256(), t.bytes())));
    }

    /** The models that teach: every member's final weights for {@code deep}, else member J's. */
    static List<ModelRow> teaching(StudyModels models, String teacher) {
        if (DistillConfig.DEEP.equals(teacher)) {
            List<ModelRow> rows = new ArrayList<>();
            for (int m = 0; m < models.request().train().members(); m++) {
                rows.add(models.finalRow(m));
            }
            return rows;
        }
        return List.of(models.finalRow(WeightRef.parse(teacher).member()));
    }
}
