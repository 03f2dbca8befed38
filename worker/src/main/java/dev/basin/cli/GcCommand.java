package dev.basin.cli;

import dev.basin.artifacts.StoredObject;
import dev.basin.db.QueryResult;
import dev.basin.db.RetentionStore;
import dev.basin.db.StudyRow;
import dev.basin.db.TableFormat;
import dev.basin.engine.EngineVersion;
import dev.basin.spec.SpecException;
import dev.basin.spec.SpecHash;
import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Retention: lists, then with {@code --yes} deletes, what no stage of a study needs (see {@link GcPlan} for the
 * rule). It never runs while the study's workflow runs: which checkpoints a running stage is about to read, or has
 * uploaded without its row yet, only the stage knows. The rows naming an object are deleted first, in one
 * transaction, then the object: a failure in between leaves objects that nothing names, which the next
 * {@code gc} lists as unrecorded; it never leaves a row naming a missing object.
 */
@Command(name = "gc", description = {
        "List what no stage of a study needs (artifacts of superseded runs, unused checkpoints, finished stages'"
                + " saved states, unrecorded objects); delete it with --yes.",
        "Without STUDY: every study that is not running."})
final class GcCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY", arity = "0..1") String study;
    @Mixin ConnectionOptions connection;
    @Option(names = "--yes", description = "Delete what is listed (default: list only, delete nothing).") boolean yes;

    @Override
    public Integer call() {
        try (Services services = Services.open(connection, true)) {
            List<StudyRow> studies = study == null ? services.store.studies()
                    : List.of(services.store.study(study).orElseThrow(() -> new BadInputException("no study named '"
                    + study + "' in " + services.db.safeUrl() + "; `basin status` lists the studies")));
            RetentionStore retention = new RetentionStore(services.store.database());
            List<String> unknown = retention.unknownObjectTables();
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("the tables " + unknown + " name objects in S3, and this gc does not"
                        + " know which of their rows to delete with them; nothing was deleted");
            }
            Storage total = Storage.NONE;
            for (StudyRow s : studies) {
                if (running(services, s.name())) {
                    if (study != null) {
                        throw new BadInputException("study '" + s.name() + "' is running: gc cannot tell which"
                                + " checkpoints its stages are about to read; run it when the study has ended, or"
                                + " after `basin cancel " + s.name() + "`");
                    }
                    System.out.printf("Study %s: running; skipped.%n", s.name());
                    continue;
                }
                if ("running".equals(s.status())) {
                    System.out.printf("Study %s: recorded as running, but no workflow runs it (its run was"
                            + " interrupted); its unfinished stages keep every checkpoint and state.%n", s.name());
                }
                GcPlan plan = plan(services, retention, s);
                print(plan);
                if (yes) {
                    // Also with no object listed: a superseded run's rows may outlive its objects.
                    collect(services, retention, plan);
                }
                total = total.plus(plan.total());
            }
            if (!yes) {
                System.out.printf("Dry run: nothing was deleted (%s would be). `basin gc%s --yes` deletes it.%n",
                        total.text(), study == null ? "" : " " + study);
            }
            return 0;
        }
    }

    /** Whether Temporal runs the study's workflow now. */
    private static boolean running(Services services, String name) {
        try {
            return services.client.newUntypedWorkflowStub(StudyWorkflow.workflowId(name)).describe().getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (WorkflowNotFoundException e) {
            return false;
        }
    }

    private static GcPlan plan(Services services, RetentionStore retention, StudyRow s) {
        Set<String> runs = new LinkedHashSet<>(retention.plannedRunKeys(s.name()));
        if (s.runKey() != null) {
            runs.add(s.runKey()); // the run the views show: never superseded, whatever the engine version
        }
        CheckpointNeeds needs;
        try {
            StudySpec spec = SpecParser.parse(s.spec());
            runs.add(SpecHash.runKey(spec, EngineVersion.ID));
            needs = CheckpointNeeds.of(spec, s.spec());
        } catch (SpecException e) {
            // A spec this Basin cannot read: which checkpoints its stages read is unknown, so all are kept.
            needs = new CheckpointNeeds(1, 1, Map.of());
            if (runs.isEmpty()) {
                throw new IllegalStateException("study '" + s.name() + "': neither its recorded plan nor its spec"
                        + " names its current run (" + e.getMessage() + "); nothing was deleted");
            }
        }
        List<String> kept = List.copyOf(runs);
        List<StoredObject> listed = services.artifacts.list(GcPlan.prefix(s.name()));
        return GcPlan.of(s.name(), kept, listed, retention.namedKeys(s.name()),
                retention.checkpointCandidates(s.name(), kept), needs, retention.finishedStageStates(s.name()));
    }

    private static void print(GcPlan plan) {
        System.out.printf("Study %s: keeping run %s (%s).%n", plan.study(), String.join(", ", plan.keptRuns()),
                plan.kept().text());
        List<List<String>> rows = new ArrayList<>();
        for (GcPlan.Category c : GcPlan.Category.values()) {
            Storage st = plan.storage(c);
            rows.add(List.of(c.text, String.valueOf(st.objects()), Storage.size(st.bytes())));
        }
        Storage total = plan.total();
        rows.add(List.of("total", String.valueOf(total.objects()), Storage.size(total.bytes())));
        System.out.print(TableFormat.aligned(new QueryResult(List.of("to delete", "objects", "bytes"), rows)));
        plan.supersededRuns().forEach((run, st) -> System.out.printf("  superseded run %s: %s%n", run, st.text()));
    }

    private static void collect(Services services, RetentionStore retention, GcPlan plan) {
        // Asked again just before anything is deleted: a submission since the listing would be deleted from under.
        if (running(services, plan.study())) {
            throw new IllegalStateException("study '" + plan.study() + "' started running while gc listed it;"
                    + " nothing was deleted");
        }
        RetentionStore.Collected rows = retention.collect(plan.study(), plan.keptRuns(), plan.checkpointIds(),
                plan.stateKeys());
        List<String> keys = plan.keys().stream().filter(k -> !rows.namedKeys().contains(k)).toList();
        services.artifacts.delete(keys);
        Set<String> deleted = Set.copyOf(keys);
        long bytes = plan.deleted().values().stream().flatMap(List::stream).filter(o -> deleted.contains(o.key()))
                .mapToLong(StoredObject::bytes).sum();
        System.out.printf("Study %s: deleted %s and %d rows (%d of superseded runs, %d checkpoints, %d stage"
                        + " states).%n", plan.study(), new Storage(keys.size(), bytes).text(),
                rows.supersededRows() + rows.checkpointRows() + rows.stateRows(), rows.supersededRows(),
                rows.checkpointRows(), rows.stateRows());
    }
}
