package dev.basin.cli;

import dev.basin.db.ModelKind;
import dev.basin.db.PlannedStageRow;
import dev.basin.db.StageRow;
import dev.basin.db.StudyRow;
import dev.basin.engine.Engine;
import dev.basin.engine.EngineVersion;
import dev.basin.engine.data.Datasets;
import dev.basin.engine.model.Models;
import dev.basin.infra.Credentials;
import dev.basin.plan.PlanDiff;
import dev.basin.plan.SpecLines;
import dev.basin.plan.StageCost;
import dev.basin.plan.StageNames;
import dev.basin.plan.WorkBounds;
import dev.basin.spec.SpecException;
import dev.basin.spec.SpecParser;
import dev.basin.spec.SpecPrinter;
import dev.basin.spec.StudySpec;
import dev.basin.workflows.PlanActivityImpl;
import dev.basin.workflows.PreparedStudy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A dry run: plans the study with this code and engine and compares every stage with what the study's stored
 * stage rows say, without writing to PostgreSQL or S3 and without starting a workflow. Each stage is
 * {@code reuse}, {@code compute} or {@code recompute} (naming the inputs that changed), with an estimate of its
 * cost, timed by a calibration saved in the data folder.
 */
@Command(name = "plan", description = "Show what running a study would reuse, compute and recompute, and an estimate "
        + "of its cost; writes nothing.")
final class PlanCommand implements Callable<Integer> {
    /** Spec paths outside the run key: they never make a member retrain (see SpecHash.runKey). */
    private static final Set<String> NOT_IN_RUN_KEY = Set.of("study", "train.members", "train.checkpointEvery",
            "train.checkpointEverySteps");
    /** Seconds of training timed by a calibration (after a warm-up half as long; inference gets half as long). */
    private static final double CALIBRATION_SECONDS = 4;

    @Parameters(paramLabel = "STUDY.yaml") Path file;
    @Mixin ConnectionOptions connection;
    @Option(names = "--threads", defaultValue = "${env:BASIN_THREADS:-1}",
            description = "Engine threads per activity the estimate is for (default: ${DEFAULT-VALUE}; 0 = all cores).")
    int threads;
    @Option(names = "--calibrate", description = "Measure this machine's img/s for the spec's model again and save it.")
    boolean calibrate;
    @Option(names = "--no-calibrate", description = "Never measure: times are '?' unless a calibration is saved.")
    boolean noCalibrate;
    @Mixin CostBudget budget;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        SpecFiles.Loaded loaded = SpecFiles.read(file); // a bad spec: exit 2, as `basin validate`, before anything
        if (calibrate && noCalibrate) {
            throw new BadInputException("--calibrate and --no-calibrate exclude each other");
        }
        int engineThreads = Threads.resolve(threads);
        PreparedStudy prepared = PlanActivityImpl.prepare(loaded.text(), EngineVersion.ID);
        StudySpec spec = prepared.spec();
        Stored stored = stored(spec.study(), prepared.runKey(), spec.train().members(), out);
        List<String> runChange = stored.study()
                .map(s -> runChanges(s.spec(), prepared.normalisedSpec())).orElse(List.of());
        PlanDiff diff = PlanDiff.of(prepared.plan(), stored.states(), stored.graph(), runChange, stored.trained());

        Engine.init(engineThreads);
        Datasets.Shape shape = Datasets.shape(spec.data().dataset());
        StageCost.ModelSize size = new StageCost.ModelSize(Models.build(spec.model(), spec.train().optimizer(), 0,
                shape.channels(), shape.height(), shape.width(), shape.classes()).numParams(),
                Models.hasBatchNorm(spec.model()));
        WorkBounds.Work work = WorkBounds.of(spec, size.parameters());
        CostBudget.checkBounds(work); // before calibrating: no time on a spec that cannot run
        double hours = budget.hours();
        Optional<Calibration.Measured> measured = calibration(spec, engineThreads, out);
        out.printf("Plan of study %s (%s): %d stages, %s with %,d parameters%s.%n", spec.study(), file,
                prepared.plan().nodes().size(), spec.model().name(), size.parameters(), size.batchNorm() ? ", batch norm" : "");
        Map<String, StageCost.Cost> costs = StageCost.of(spec, prepared.plan(), size);
        StageCost.Rates rates = measured.map(Calibration.Measured::rates).orElse(null);
        PlanView.print(out, diff, costs, rates);
        out.println(measured.map(m -> String.format("Calibration: %s (measured %s: %.0f training, %.0f inference img/s"
                        + " with %d thread%s).", Calibration.file(connection.dataDir),
                        m.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), m.trainImagesPerSecond(),
                        m.inferenceImagesPerSecond(), engineThreads, engineThreads == 1 ? "" : "s"))
                .orElse("Calibration: none for this model and thread count; `basin plan --calibrate` measures one."));
        Set<String> running = diff.decisions().stream().filter(d -> d.action() != PlanDiff.Action.REUSE)
                .map(d -> d.node().name()).collect(Collectors.toSet());
        CostBudget.Estimate estimate = CostBudget.estimate(costs, running::contains, rates, work);
        out.printf("Estimated cost: ~%s of worker time on this machine (%s); the budget is %s h (--max-cost-hours).%n",
                PlanView.duration(estimate.seconds()), estimate.breakdown(), CostBudget.hoursText(hours));
        if (!work.tsneNotice(spec).isEmpty() && running.contains(StageNames.TSNE)) {
            out.println("Note: " + work.tsneNotice(spec) + ".");
        }
        out.println("Estimates only: counts follow each activity to first order; times are worker time, "
                + "before running members side by side.");
        out.flush();
        budget.checkBudget(estimate);
        return 0;
    }

    /** What the database holds of the study; nothing when no stack has ever run over the data folder. */
    private record Stored(Optional<StudyRow> study, List<StageRow> states, List<PlannedStageRow> graph,
                          Set<Integer> trained) {}

    private Stored stored(String study, String runKey, int members, PrintStream out) {
        // A data folder without the embedded stack's credentials has never held a study: say so rather than
        // start a stack (and create a database) only to find it empty.
        if (!connection.external() && !Files.isRegularFile(connection.dataDir.resolve(Credentials.FILE))) {
            out.println("No Basin data in " + connection.dataDir + ": every stage is new.");
            return new Stored(Optional.empty(), List.of(), List.of(), Set.of());
        }
        try (Services services = Services.open(connection, true)) {
            // Reads only: the study row, its stage rows, its recorded graph.
            Optional<StudyRow> row = services.store.study(study);
            out.println("Stored: " + row.map(r -> "study " + study + " (" + r.status() + ")")
                    .orElse("no study " + study) + " in " + services.where + ".");
            // Members with final weights under this run key: training reuses them by run key and member.
            Set<Integer> trained = new TreeSet<>();
            for (int m = 0; m < members; m++) {
                if (services.store.model(study, runKey, ModelKind.FINAL, m).isPresent()) {
                    trained.add(m);
                }
            }
            return new Stored(row, services.store.stages().stages(study), services.store.stages().graph(study), trained);
        }
    }

    /** The run-key lines that differ between the stored study's spec and this one: {@code seed: 1 -> 2}. */
    static List<String> runChanges(String storedSpec, String normalisedSpec) {
        try {
            return SpecLines.changes(runPart(SpecParser.parse(storedSpec)), runPart(SpecParser.parse(normalisedSpec)))
                    .stream().filter(line -> !NOT_IN_RUN_KEY.contains(line.substring(0, line.indexOf(':')))).toList();
        } catch (SpecException e) {
            return List.of(); // a spec stored by an older Basin that this one no longer reads: keys only
        }
    }

    private static String runPart(StudySpec s) {
        return "seed: " + s.seed() + "\n" + SpecPrinter.block("data", s.data()) + SpecPrinter.block("model", s.model())
                + SpecPrinter.block("train", s.train());
    }

    private Optional<Calibration.Measured> calibration(StudySpec spec, int engineThreads, PrintStream out) {
        Path file = Calibration.file(connection.dataDir);
        String key = Calibration.key(spec.model(), spec.train().batchSize(), engineThreads);
        Optional<Calibration.Measured> saved = calibrate ? Optional.empty() : Calibration.load(file, key);
        if (saved.isPresent() || noCalibrate) {
            return saved;
        }
        out.printf("Calibrating %s (batch %d, %d engine thread%s) for ~%.0f s...%n", spec.model().name(),
                spec.train().batchSize(), engineThreads, engineThreads == 1 ? "" : "s", CALIBRATION_SECONDS * 2);
        Calibration.Measured m = Calibration.measure(spec.model(), spec.train().optimizer(), spec.train().batchSize(),
                engineThreads, CALIBRATION_SECONDS);
        Calibration.save(file, key, m);
        return Optional.of(m);
    }
}
