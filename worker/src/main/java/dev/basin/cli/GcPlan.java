package dev.basin.cli;

import dev.basin.artifacts.StoredObject;
import dev.basin.db.CheckpointCandidate;
import dev.basin.db.StageCheckpointRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code basin gc} deletes from one study, and why. Pure: built from the bucket's listing and what
 * PostgreSQL records. Every object under {@code studies/<study>/} falls in exactly one of:
 * <ul>
 *   <li>{@link Category#SUPERSEDED}: under a run key that is not one of {@code keptRuns} (the run key of the
 *       study's current spec and its recorded plan); a later study with that older spec trains again;</li>
 *   <li>{@link Category#CHECKPOINTS}: a trained member's checkpoint that no row uses and no stage of the spec reads
 *       ({@link CheckpointNeeds}); never the final weights, never a checkpoint of a member still training;</li>
 *   <li>{@link Category#STAGE_STATES}: a saved state of a stage (a curve's bend, FGE, SSE, a student) that is done
 *       or reused, so no attempt resumes from it; an unfinished stage keeps all of its states;</li>
 *   <li>{@link Category#UNRECORDED}: under a kept run but named by no row (left by a row replaced or discarded
 *       since), so nothing can read it;</li>
 *   <li>kept: everything else.</li>
 * </ul>
 *
 * @param checkpointIds the model rows of the deleted checkpoints
 * @param stateKeys     the object keys of the deleted stage states (their rows go with them)
 */
record GcPlan(String study, List<String> keptRuns, Map<Category, List<StoredObject>> deleted,
              SortedMap<String, Storage> supersededRuns, Storage kept, List<Long> checkpointIds,
              List<String> stateKeys) {

    enum Category {
        SUPERSEDED("superseded runs"), CHECKPOINTS("unused checkpoints"), STAGE_STATES("finished stages' states"),
        UNRECORDED("unrecorded objects");

        final String text;

        Category(String text) {
            this.text = text;
        }
    }

    /** Where a study's objects live: {@code studies/<study>/}. */
    static String prefix(String study) {
        return "studies/" + study + "/";
    }

    /**
     * @param listed     every object under {@link #prefix}
     * @param named      every object key a row of the study names
     * @param candidates checkpoints no row uses, of trained members (the database's part of the rule)
     * @param finished   the saved states of finished stages
     */
    static GcPlan of(String study, List<String> keptRuns, List<StoredObject> listed, Set<String> named,
                     List<CheckpointCandidate> candidates, CheckpointNeeds needs, List<StageCheckpointRow> finished) {
        Set<String> runs = Set.copyOf(keptRuns);
        List<Long> checkpointIds = new ArrayList<>();
        Set<String> checkpointKeys = new HashSet<>();
        for (CheckpointCandidate c : candidates) {
            if (runs.contains(c.runKey()) && !needs.needs(c.member(), c.epoch(), c.step(), c.finalStep())) {
                checkpointIds.add(c.id());
                checkpointKeys.add(c.artifactKey());
            }
        }
        List<String> stateKeys = finished.stream().map(StageCheckpointRow::artifactKey)
                .filter(k -> k.startsWith(prefix(study)) && runs.contains(run(study, k))).toList();
        Set<String> states = Set.copyOf(stateKeys);
        Map<Category, List<StoredObject>> deleted = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            deleted.put(c, new ArrayList<>());
        }
        SortedMap<String, Storage> superseded = new TreeMap<>();
        Storage kept = Storage.NONE;
        for (StoredObject o : listed) {
            String run = run(study, o.key());
            Category category = run == null ? null // not Basin's: no key of Basin's lies outside a run
                    : !runs.contains(run) ? Category.SUPERSEDED
                    : checkpointKeys.contains(o.key()) ? Category.CHECKPOINTS
                    : states.contains(o.key()) ? Category.STAGE_STATES
                    : !named.contains(o.key()) ? Category.UNRECORDED : null;
            if (category == null) {
                kept = kept.plus(new Storage(1, o.bytes()));
            } else {
                deleted.get(category).add(o);
            }
            if (category == Category.SUPERSEDED) {
                superseded.merge(run, new Storage(1, o.bytes()), Storage::plus);
            }
        }
        deleted.replaceAll((c, list) -> List.copyOf(list));
        return new GcPlan(study, List.copyOf(keptRuns), deleted, superseded, kept, List.copyOf(checkpointIds),
                stateKeys);
    }

    /** The run key of an object of the study, the folder after {@code studies/<study>/}; null outside any. */
    static String run(String study, String key) {
        String rest = key.substring(prefix(study).length());
        int slash = rest.indexOf('/');
        return slash <= 0 ? null : rest.substring(0, slash);
    }

    Storage storage(Category c) {
        return Storage.of(deleted.get(c));
    }

    Storage total() {
        Storage sum = Storage.NONE;
        for (Category c : Category.values()) {
            sum = sum.plus(storage(c));
        }
        return sum;
    }

    /** The keys of every object to delete. */
    List<String> keys() {
        return deleted.values().stream().flatMap(List::stream).map(StoredObject::key).toList();
    }
}
