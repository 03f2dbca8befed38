package dev.basin.serve;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.db.ModelRow;
import dev.basin.db.PlannedStageRow;
import dev.basin.db.PredictionRow;
import dev.basin.db.ProgressRow;
import dev.basin.db.StageRow;
import dev.basin.db.StoredPredictionRow;
import dev.basin.db.StudyRow;
import dev.basin.db.StudyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the dashboard reads: studies, stages and progress from PostgreSQL, stored predictions from S3. */
final class DashboardData {
    private final StudyStore store;
    private final ArtifactStore artifacts;

    DashboardData(StudyStore store, ArtifactStore artifacts) {
        this.store = store;
        this.artifacts = artifacts;
    }

    /** Every study, newest first, with its stage counts. */
    List<StudySummary> studies() {
        List<StudySummary> out = new ArrayList<>();
        for (StudyRow s : store.studies()) {
            List<StageRow> stages = store.stages().stages(s.name());
            int done = (int) stages.stream().filter(g -> g.state().finished()).count();
            Instant last = latest(s.finishedAt(), s.startedAt());
            for (StageRow g : stages) {
                last = latest(last, g.updatedAt());
            }
            for (ProgressRow p : store.progress().of(s.name())) {
                last = latest(last, p.updatedAt());
            }
            out.add(new StudySummary(s.name(), s.status(), done, stages.size(), last));
        }
        return out;
    }

    Optional<StudyRow> study(String name) {
        return store.study(name);
    }

    /** The study's stages in plan order, each with its parents and its layer in the graph. */
    List<StageView> stages(String study) {
        Map<String, PlannedStageRow> planned = store.stages().graph(study).stream()
                .collect(Collectors.toMap(PlannedStageRow::stage, Function.identity()));
        Map<String, Integer> depth = new HashMap<>();
        List<StageView> out = new ArrayList<>();
        // Plan order puts parents first, so one pass finds every depth; a parent not (yet) seen counts as layer 0.
        for (StageRow g : store.stages().stages(study)) {
            PlannedStageRow p = planned.get(g.stage());
            List<String> parents = p == null ? List.of() : p.parents();
            int d = parents.stream().mapToInt(n -> depth.getOrDefault(n, 0) + 1).max().orElse(0);
            depth.put(g.stage(), d);
            String activity = p != null && p.activity() != null ? p.activity() : g.stage().split("/")[0];
            out.add(new StageView(g.stage(), g.state().text(), activity, parents, d));
        }
        return out;
    }

    /** The stored prediction files of the study's current run, for the download list. */
    List<StoredPredictionRow> storedPredictions(String study) {
        return store.predictions().stored(study);
    }

    List<ProgressRow> progress(String study) {
        return store.progress().of(study);
    }

    /**
     * The stored {@code .npy} of a model's predictions on {@code split}, as S3 holds it (checked against its recorded
     * SHA-256); empty when the model is not the study's or has no predictions on that split.
     */
    Optional<byte[]> predictions(String study, long modelId, String split) {
        Optional<ModelRow> model = store.model(modelId);
        if (model.isEmpty() || !model.get().study().equals(study)) {
            return Optional.empty();
        }
        Optional<PredictionRow> row = store.predictions().of(modelId, split);
        return row.map(r -> artifacts.get(new ArtifactRef(r.artifactKey(), r.sha256(), r.bytes())));
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
