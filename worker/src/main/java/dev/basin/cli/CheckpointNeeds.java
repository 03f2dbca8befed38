package dev.basin.cli;

import dev.basin.engine.TrainConfig;
import dev.basin.plan.CheckpointCadence;
import dev.basin.spec.StudySpec;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which checkpoints of a trained member the stages of a study's spec read, conservatively: a checkpoint is needed
 * when it holds the member's final weights; when it falls on the cadence the analyses raise training's to
 * ({@link CheckpointCadence} with training's own cadence left out: the trajectory's {@code every} or
 * {@code everySteps}, every epoch from SWA's start, FGE's {@code from} epoch, each spawn epoch, joined by their
 * greatest common divisor, so that every epoch any of them reads is kept); or when the spec names it anywhere as
 * {@code checkpoint:M@E} (plane anchors, interpolation pairs, curve endpoints, FGE {@code from}, ...). A checkpoint
 * written mid-epoch carries the epochs completed before it, so the epoch rules keep some of those too: more than
 * needed, never less. Pure.
 *
 * @param everyEpochs epochs between needed checkpoints; 0 when no analysis reads checkpoints by epoch
 * @param everySteps  global steps between needed checkpoints; 0 when no analysis reads them by step
 * @param named       epochs named as {@code checkpoint:M@E}, by member M
 */
record CheckpointNeeds(int everyEpochs, int everySteps, Map<Integer, Set<Integer>> named) {
    private static final Pattern CHECKPOINT_REF = Pattern.compile("checkpoint:([0-9]{1,9})@([0-9]{1,9})");

    CheckpointNeeds {
        named = Map.copyOf(named);
    }

    /**
     * @param normalisedSpec the spec as the study row stores it, searched for {@code checkpoint:M@E}
     */
    static CheckpointNeeds of(StudySpec spec, String normalisedSpec) {
        TrainConfig t = spec.train();
        TrainConfig none = t.withCheckpoints(t.members(), 0, 0);
        TrainConfig raised = CheckpointCadence.trainConfig(none, spec.analyses());
        Map<Integer, Set<Integer>> named = new TreeMap<>();
        Matcher m = CHECKPOINT_REF.matcher(normalisedSpec);
        while (m.find()) {
            named.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
        }
        return new CheckpointNeeds(raised.checkpointEvery(), raised.checkpointEverySteps(), named);
    }

    /** Whether a stage of the spec reads member {@code member}'s checkpoint at (epoch, step). */
    boolean needs(int member, int epoch, long step, long finalStep) {
        return step == finalStep
                || (everyEpochs > 0 && epoch % everyEpochs == 0)
                || (everySteps > 0 && step % everySteps == 0)
                || named.getOrDefault(member, Set.of()).contains(epoch);
    }
}
