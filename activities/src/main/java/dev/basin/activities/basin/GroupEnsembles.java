package dev.basin.activities.basin;

import dev.basin.activities.EnsembleSizes;
import dev.basin.activities.StageRun;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.ModelRow;
import java.util.ArrayList;
import java.util.List;

/** The ensembles of sizes 1..n of n evaluated models taken in order (children of one spawn, students of a group). */
final class GroupEnsembles {
    private GroupEnsembles() {}

    static int run(StudyModels models, String kind, String variant, List<ModelRow> rows) {
        AnalysisRequest r = models.request();
        return StageRun.run(models.context(), r.study(), r.stage(), r.inputKey(),
                () -> EnsembleSizes.stored(models.context().store(), r.study(), r.runKey(), kind, variant,
                        rows.size(), r.inputKey()).map(List::size),
                () -> {
                    List<EnsembleSizes.Group> groups = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        groups.add(new EnsembleSizes.Group(i, List.of(models.requireTestPredictions(rows.get(i)))));
                    }
                    return EnsembleSizes.score(models.context().store(), r.study(), r.runKey(), kind, variant,
                            groups, models.data().test().labels(), r.inputKey(), () -> models.heartbeat(kind))
                            .size();
                });
    }
}
