package dev.basin.plan;

import static dev.basin.plan.PlanBuilder.spec;

import dev.basin.activities.Subject;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.BarriersConfig;
import dev.basin.engine.analysis.DistillConfig;
import dev.basin.engine.analysis.SpawnConfig;
import dev.basin.engine.analysis.WeightRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stages of the single-basin keys (after Lion et al. 2024), one builder per spec key:
 * <ul>
 *   <li>{@code spawn}: per spawn epoch s and child k, {@code spawn/es/child-k} after the parent's training (it reads
 *       the parent's checkpoint at s); {@code spawn/es/ensembles} after that epoch's children;</li>
 *   <li>{@code align}: after every member's evaluation (it ensembles their stored predictions);</li>
 *   <li>{@code distill}: one {@code distill/teacher/T} per distinct teacher, after the teaching members'
 *       evaluations; each student after its teacher and the stages of the weights it starts from; each group's
 *       ensembles after its students;</li>
 *   <li>{@code barriers}: one stage per measured ensemble, after the stage that scores it (and its anchor's). Without
 *       the key, spawn, align and distill get their ensembles' barriers with every default
 *       ({@link BarriersConfig#defaults}).</li>
 * </ul>
 */
final class SingleBasinNodes {
    private SingleBasinNodes() {}

    static void add(PlanBuilder plan, AnalysesConfig a, int members) {
        List<String> evaluated = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            evaluated.add(StageNames.evaluate(m));
        }
        if (a.align() != null) {
            plan.add(StageNames.ALIGN, StageActivity.ALIGN, new Subject.Study(), evaluated, spec("align", a.align()));
        }
        distill(plan, a, members);
        if (a.barriers() != null || a.singleBasin()) {
            barriers(plan, a, members, evaluated);
        }
    }

    /** Before the curves and planes, which may name a child ({@code spawn:K@E}). */
    static void spawn(PlanBuilder plan, SpawnConfig s) {
        if (s == null) {
            return;
        }
        Map<String, String> inputs = spec("spawn", s);
        // a child depends on its parent, epoch and index alone (its subject), not on its siblings
        Map<String, String> child = Map.of("spawn.parent", String.valueOf(s.parent()));
        for (int epoch : s.at()) {
            List<String> children = new ArrayList<>();
            for (int k = 0; k < s.children(); k++) {
                children.add(plan.add(StageNames.spawnChild(epoch, k), StageActivity.SPAWN, new Subject.Child(epoch, k),
                        List.of(StageNames.train(s.parent())), child).name());
            }
            plan.add(StageNames.spawnEnsembles(epoch), StageActivity.SPAWN_ENSEMBLES,
                    new Subject.Ensemble("spawn", spawnVariant(epoch)), children, inputs);
        }
    }

    private static void distill(PlanBuilder plan, AnalysesConfig a, int members) {
        if (a.distill() == null) {
            return;
        }
        for (int g = 0; g < a.distill().size(); g++) {
            DistillConfig d = a.distill().get(g);
            String teacher = StageNames.teacher(d.teacher());
            if (!plan.has(teacher)) {
                List<String> teaching = new ArrayList<>();
                for (int m = 0; m < members; m++) {
                    if (d.deepTeacher() || d.teacherMember() == m) {
                        teaching.add(StageNames.evaluate(m));
                    }
                }
                plan.add(teacher, StageActivity.TEACHER, new Subject.Teacher(d.teacher()), teaching, Map.of());
            }
            List<String> parents = new ArrayList<>(List.of(teacher));
            parents.addAll(AnalysisNodes.producers(d.from(), a));
            Map<String, String> inputs = spec("distill", d);
            List<String> students = new ArrayList<>();
            for (int k = 0; k < d.students(); k++) {
                students.add(plan.add(StageNames.student(g, k), StageActivity.STUDENT, new Subject.Student(g, k),
                        parents, spec("distill", d.oneStudent())).name());
            }
            plan.add(StageNames.studentEnsembles(g), StageActivity.STUDENT_ENSEMBLES,
                    new Subject.Ensemble("student", String.valueOf(g)), students, inputs);
        }
    }

    private static void barriers(PlanBuilder plan, AnalysesConfig a, int members, List<String> evaluated) {
        BarriersConfig b = a.barriers() != null ? a.barriers() : BarriersConfig.defaults(a);
        // which ensembles are measured does not change any one ensemble's barriers
        Map<String, String> inputs = Map.of("barriers.points", String.valueOf(b.points()), "barriers.trainSubset",
                String.valueOf(b.trainSubset()));
        if (b.measures("deep") && members >= 2) {
            plan.add(StageNames.barriers("deep"), StageActivity.BARRIERS, new Subject.Ensemble("deep", ""), evaluated,
                    inputs);
        }
        if (b.measures("swa") && a.swa() != null) {
            List<String> swas = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                swas.add(StageNames.swa(m));
            }
            plan.add(StageNames.barriers("swa"), StageActivity.BARRIERS, new Subject.Ensemble("swa", ""), swas,
                    inputs);
        }
        if (b.measures("fge") && a.fge() != null) {
            plan.add(StageNames.barriers("fge"), StageActivity.BARRIERS, new Subject.Ensemble("fge", ""),
                    List.of(StageNames.FGE), inputs);
        }
        if (b.measures("sse") && a.sse() != null) {
            plan.add(StageNames.barriers("sse"), StageActivity.BARRIERS, new Subject.Ensemble("sse", ""),
                    List.of(StageNames.SSE), inputs);
        }
        if (b.measures("spawn") && a.spawn() != null) {
            for (int epoch : a.spawn().at()) {
                List<String> parents = new ArrayList<>(List.of(StageNames.spawnEnsembles(epoch)));
                parents.addAll(AnalysisNodes.producers(WeightRef.finalOf(a.spawn().parent()), a));
                plan.add(StageNames.barriers("spawn/" + spawnVariant(epoch)), StageActivity.BARRIERS,
                        new Subject.Ensemble("spawn", spawnVariant(epoch)), parents, inputs);
            }
        }
        if (b.measures("aligned") && a.align() != null) {
            plan.add(StageNames.barriers("aligned"), StageActivity.BARRIERS, new Subject.Ensemble("aligned", ""),
                    List.of(StageNames.ALIGN), inputs);
        }
        if (b.measures("distill") && a.distill() != null) {
            for (int g = 0; g < a.distill().size(); g++) {
                List<String> parents = new ArrayList<>(List.of(StageNames.studentEnsembles(g)));
                parents.addAll(AnalysisNodes.producers(a.distill().get(g).from(), a));
                plan.add(StageNames.barriers("distill/" + g), StageActivity.BARRIERS,
                        new Subject.Ensemble("student", String.valueOf(g)), parents, inputs);
            }
        }
    }

    /** The ensemble variant of the children spawned at epoch s (as the activity names it). */
    private static String spawnVariant(int epoch) {
        return dev.basin.activities.basin.SingleBasinActivityImpl.spawnVariant(epoch);
    }
}
