package dev.basin.activities.connectivity;

import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.BudgetRow;
import dev.basin.db.ConnectivityStore;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.engine.analysis.FgeConfig;
import dev.basin.engine.analysis.SseConfig;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stage {@code budget}: Garipov et al.'s Table 1, each method's ensemble at training budgets of b·B for
 * b = 1..{@code budget.max}, where B = train.epochs is what one network costs. With explicit accounting:
 * <ul>
 *   <li>{@code ind} at bB is the deep ensemble of the first b members (b·B epochs); only while b ≤ train.members;</li>
 *   <li>{@code sse} at bB ensembles the snapshots taken within the first b·B epochs of its run;</li>
 *   <li>{@code fge} at bB counts the E epochs of the member it starts from: the snapshots taken by epoch b·B − E of
 *       its own run.</li>
 * </ul>
 * A run that ends before b·B is listed at b only if it went past (b − 1)·B, with the epochs it actually used
 * ({@code epochs} column), so a row never claims more training than was done.
 */
final class BudgetTable {
    private final WorkerContext context;
    private final AnalysisRequest request;
    private final ConnectivityStore store;

    BudgetTable(WorkerContext context, AnalysisRequest request) {
        this.context = context;
        this.request = request;
        this.store = new ConnectivityStore(context.store().database());
    }

    int run() {
        return StageRun.run(context, request.study(), request.stage(), request.inputKey(), this::stored, this::compute);
    }

    private Optional<Integer> stored() {
        List<BudgetRow> rows = store.budget(request.study(), request.runKey());
        return rows.isEmpty() || rows.stream().anyMatch(b -> !request.inputKey().equals(b.inputKey()))
                ? Optional.empty() : Optional.of(rows.size());
    }

    private int compute() {
        StudyModels models = new StudyModels(context, request);
        int budgetEpochs = request.train().epochs();
        int max = request.analyses().budget().max();
        int[] labels = models.data().test().labels();
        List<BudgetRow> rows = new ArrayList<>();
        for (int b = 1; b <= max && b <= request.train().members(); b++) {
            List<INDArray> members = new ArrayList<>();
            for (int m = 0; m < b; m++) {
                members.add(models.requireTestPredictions(models.finalRow(m)));
            }
            rows.add(row("ind", b, members.size(), b * (double) budgetEpochs, Metrics.score(Metrics.ensembleMean(members),
                    labels)));
        }
        SseConfig sse = request.analyses().sse();
        if (sse != null) {
            int cycle = sse.cycleEpochs(budgetEpochs);
            snapshotRows(rows, models, ModelKind.SSE, 0, 0, sse.epochs(), j -> (j + 1) * cycle, sse.epochs() / cycle);
        }
        FgeConfig fge = request.analyses().fge();
        if (fge != null) {
            int start = fge.from().epoch();
            snapshotRows(rows, models, ModelKind.FGE, fge.from().member(), start, fge.epochs(),
                    j -> j * fge.cycle() + fge.cycle() / 2, fge.cycles());
        }
        store.replaceBudget(request.study(), request.runKey(), rows);
        return rows.size();
    }

    /**
     * The rows of one snapshot run: {@code paid} epochs before it started, {@code epochs} of its own, snapshot j
     * taken at the end of its own epoch {@code at(j)}.
     */
    private void snapshotRows(List<BudgetRow> rows, StudyModels models, ModelKind kind, int member, int paid,
                              int epochs, java.util.function.IntUnaryOperator at, int snapshots) {
        int budgetEpochs = request.train().epochs();
        List<INDArray> taken = new ArrayList<>();
        int next = 0;
        for (int b = 1; b <= request.analyses().budget().max(); b++) {
            long limit = (long) b * budgetEpochs;
            if (paid + epochs <= limit - budgetEpochs) {
                break; // the run ended within an earlier budget
            }
            while (next < snapshots && paid + at.applyAsInt(next) <= limit) {
                ModelRow row = models.analysisRow(kind, member, SnapshotTraining.variant(next)).orElseThrow(
                        () -> new IllegalStateException(kind + " snapshot is missing; its stage must run first"));
                taken.add(models.requireTestPredictions(row));
                next++;
            }
            if (!taken.isEmpty()) {
                rows.add(row(kind.text(), b, taken.size(), Math.min(limit, paid + epochs),
                        Metrics.score(Metrics.ensembleMean(taken), models.data().test().labels())));
            }
        }
    }

    private BudgetRow row(String method, int budget, int models, double epochs, Scores s) {
        return new BudgetRow(request.study(), request.runKey(), method, budget, models, epochs, s.accuracy(), s.nll(),
                s.brier(), s.ece(), request.inputKey());
    }
}
