package dev.basin.plan;

import dev.basin.activities.Subject;
import dev.basin.spec.StudySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code train} stages: each member trained ({@code train/member-NNN}, keyed by the run key, which
 * covers everything that determines its weights), evaluated on the test split ({@code evaluate/member-NNN}),
 * and the deep ensembles of sizes 1..M ({@code ensembles/deep}) unless the spec's {@code ensembles} leaves
 * the deep ensemble out.
 */
final class TrainingNodes {
    private TrainingNodes() {}

    static void add(PlanBuilder plan, StudySpec spec) {
        int members = spec.train().members();
        for (int m = 0; m < members; m++) {
            plan.add(StageNames.train(m), StageActivity.TRAIN, new Subject.Member(m), List.of(), Map.of());
        }
        List<String> evaluated = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            evaluated.add(plan.add(StageNames.evaluate(m), StageActivity.EVALUATE, new Subject.Member(m),
                    List.of(StageNames.train(m)), Map.of()).name());
        }
        if (spec.analyses().ensemblesAsked().deep()) {
            plan.add(StageNames.DEEP_ENSEMBLES, StageActivity.DEEP_ENSEMBLES, new Subject.Study(), evaluated, Map.of());
        }
    }
}
