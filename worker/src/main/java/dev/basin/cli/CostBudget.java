package dev.basin.cli;

import dev.basin.engine.Engine;
import dev.basin.engine.data.Datasets;
import dev.basin.engine.model.Models;
import dev.basin.plan.StageCost;
import dev.basin.plan.StageNames;
import dev.basin.plan.StagePlan;
import dev.basin.plan.WorkBounds;
import dev.basin.spec.StudySpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/**
 * {@code --max-cost-hours}: {@code run}, {@code submit}, {@code plan} and {@code validate} refuse, as bad input
 * (exit 2) and before anything starts, a spec whose estimated worker time exceeds it, naming the estimate and its
 * dominant terms; and, whatever the budget, a spec over one of {@link WorkBounds}' hard bounds.
 *
 * <p>The estimate: the stages' images, timed by the calibration saved in the data folder for this model, batch
 * and thread count ({@link Calibration}; without one the network stages are not timed, and the estimate says so),
 * plus t-SNE and similarity, timed by {@link WorkBounds}. {@code plan} counts the stages it would run;
 * the other commands, which do not read the database first, count every stage.
 */
final class CostBudget {
    @Option(names = "--max-cost-hours", paramLabel = "H", defaultValue = "${env:BASIN_MAX_COST_HOURS:-48}",
            description = "Refuse a study whose estimated worker time exceeds H hours (default: ${DEFAULT-VALUE}; "
                    + "env BASIN_MAX_COST_HOURS).")
    double maxCostHours;

    /** One part of the estimate: a label and its seconds (NaN when it cannot be timed). */
    record Term(String label, double seconds) {}

    /** The estimate of a study's worker time, by term, largest first. */
    record Estimate(List<Term> terms) {
        double seconds() {
            return terms.stream().mapToDouble(Term::seconds).filter(Double::isFinite).sum();
        }

        /** {@code training and evaluation ~3.0 h, t-SNE of 2,000 models ~12 min}. */
        String breakdown() {
            return String.join(", ", terms.stream()
                    .map(t -> t.label() + (Double.isFinite(t.seconds()) ? " ~" + PlanView.duration(t.seconds())
                            : " not timed: no calibration of this model here (basin plan --calibrate)"))
                    .toList());
        }
    }

    /**
     * @param costs   each stage's counts ({@link StageCost#of})
     * @param runs    which stages would run
     * @param rates   the saved calibration's, or null
     */
    static Estimate estimate(Map<String, StageCost.Cost> costs, Predicate<String> runs, StageCost.Rates rates,
                             WorkBounds.Work work) {
        double network = 0;
        for (Map.Entry<String, StageCost.Cost> e : costs.entrySet()) {
            network += runs.test(e.getKey()) && rates != null ? rates.seconds(e.getValue()) : 0;
        }
        List<Term> terms = new ArrayList<>();
        terms.add(new Term("training and evaluation", rates == null ? Double.NaN : network));
        if (costs.containsKey(StageNames.TSNE) && runs.test(StageNames.TSNE)) {
            terms.add(new Term(String.format(Locale.ROOT, "t-SNE of %,d models", work.tsneEmbedded()),
                    work.tsneSeconds()));
        }
        if (costs.containsKey(StageNames.SIMILARITY) && runs.test(StageNames.SIMILARITY)) {
            terms.add(new Term(String.format(Locale.ROOT, "similarity of %,d pairs", work.similarityPairs()),
                    work.similaritySeconds()));
        }
        terms.sort(Comparator.comparingDouble((Term t) -> Double.isFinite(t.seconds()) ? t.seconds() : -1).reversed());
        return new Estimate(terms);
    }

    /** Refuses a spec over a hard bound, with the numbers; whatever the budget. */
    static void checkBounds(WorkBounds.Work work) {
        List<String> refusals = work.refusals();
        if (!refusals.isEmpty()) {
            throw new BadInputException("the study is too large to run: " + String.join("; ", refusals));
        }
    }

    /** Refuses an estimate over the budget, naming it and its terms. */
    void checkBudget(Estimate estimate) {
        double hours = hours();
        if (estimate.seconds() > hours * 3600) {
            throw new BadInputException(String.format(Locale.ROOT, "estimated %.1f h exceeds the budget of %s h (%s);"
                    + " raise --max-cost-hours (env BASIN_MAX_COST_HOURS) or shrink the study (members, epochs, kept"
                    + " checkpoints, similarity scopes, tsne.maxPoints)", estimate.seconds() / 3600, hoursText(hours),
                    estimate.breakdown()));
        }
    }

    double hours() {
        if (!(maxCostHours > 0) || Double.isInfinite(maxCostHours)) {
            throw new BadInputException("--max-cost-hours must be a positive number of hours, got "
                    + maxCostHours + " (env BASIN_MAX_COST_HOURS; default 48)");
        }
        return maxCostHours;
    }

    static String hoursText(double hours) {
        return hours == Math.rint(hours) ? String.valueOf((long) hours) : String.valueOf(hours);
    }

    /**
     * The whole check for a command that runs every stage ({@code run}, {@code submit}, {@code validate}): the
     * hard bounds, then the budget over every stage. Builds the network only when similarity needs its size.
     *
     * @return the estimate and the t-SNE sampling notice (empty when every model is embedded), for printing
     */
    Checked check(StudySpec spec, Path dataDir, int threads) {
        hours();
        long parameters = spec.analyses().similarity() == null ? 0 : parameters(spec, threads);
        WorkBounds.Work work = WorkBounds.of(spec, parameters);
        checkBounds(work);
        StagePlan plan = StagePlan.of(spec, "estimate", "estimate");
        Map<String, StageCost.Cost> costs = StageCost.of(spec, plan, new StageCost.ModelSize(parameters,
                Models.hasBatchNorm(spec.model())));
        Engine.selectNatives(); // the calibration is keyed by the natives this CPU gets
        Optional<Calibration.Measured> m = Calibration.load(Calibration.file(dataDir),
                Calibration.key(spec.model(), spec.train().batchSize(), threads));
        Estimate estimate = estimate(costs, name -> true, m.map(Calibration.Measured::rates).orElse(null), work);
        checkBudget(estimate);
        return new Checked(estimate, work.tsneNotice(spec));
    }

    record Checked(Estimate estimate, String tsneNotice) {}

    /** The network's parameter count: the engine is started (with {@code threads}) to build it. */
    static long parameters(StudySpec spec, int threads) {
        Engine.init(threads);
        Datasets.Shape shape = Datasets.shape(spec.data().dataset());
        return Models.build(spec.model(), spec.train().optimizer(), 0,
                shape.channels(), shape.height(), shape.width(), shape.classes()).numParams();
    }
}
