package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.spec.SpecParser;
import dev.basin.spec.SpecPrinter;
import dev.basin.spec.StudySpec;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which checkpoints a spec's stages read: 3 members, 6 epochs of 10 steps, a checkpoint written every epoch. */
class CheckpointNeedsTest {
    private static final long FINAL = 60;

    private static CheckpointNeeds needs(String analyses) {
        StudySpec spec = SpecParser.parse("""
                study: needs
                seed: 1
                data: {dataset: fashion-mnist}
                model: small-cnn
                train: {members: 3, epochs: 6, batchSize: 64, lr: 0.05, checkpointEvery: 1}
                """ + analyses);
        return CheckpointNeeds.of(spec, SpecPrinter.print(spec));
    }

    @Test
    void withoutAnalysesOnlyTheFinalWeightsAreNeeded() {
        CheckpointNeeds n = needs("");
        assertEquals(new CheckpointNeeds(0, 0, Map.of()), n);
        assertTrue(n.needs(0, 6, FINAL, FINAL));
        assertFalse(n.needs(0, 5, 50, FINAL));
        assertFalse(n.needs(2, 1, 10, FINAL));
    }

    @Test
    void theTrajectoryAndFgeKeepTheirEpochsAndFgesSourceByName() {
        CheckpointNeeds n = needs("trajectory: {every: 2}\nfge: {from: checkpoint:1@4, cycle: 2, cycles: 2}\n");
        assertEquals(2, n.everyEpochs());
        assertEquals(Map.of(1, Set.of(4)), n.named());
        assertTrue(n.needs(0, 2, 20, FINAL));
        assertFalse(n.needs(0, 3, 30, FINAL));
        assertFalse(n.needs(1, 5, 50, FINAL));
    }

    @Test
    void swaReadsEveryEpochAndStepCadencesKeepTheirSteps() {
        assertEquals(1, needs("swa: {start: 5}\n").everyEpochs());
        CheckpointNeeds steps = needs("trajectory: {everySteps: 15}\n");
        assertEquals(15, steps.everySteps());
        assertTrue(steps.needs(0, 1, 15, FINAL));
        assertFalse(steps.needs(0, 1, 12, FINAL));
    }

    @Test
    void aCheckpointNamedAnywhereInTheSpecIsKeptForItsMemberOnly() {
        CheckpointNeeds n = needs("trajectory: {every: 3}\nplane:\n  - {anchors: [checkpoint:1@3, final:0, final:2]}\n");
        assertEquals(new CheckpointNeeds(3, 0, Map.of(1, Set.of(3))), n);
        assertTrue(n.needs(1, 3, 30, FINAL));
        assertFalse(n.needs(1, 4, 40, FINAL));
        CheckpointNeeds named = new CheckpointNeeds(0, 0, n.named());
        assertTrue(named.needs(1, 3, 30, FINAL));
        assertFalse(named.needs(0, 3, 30, FINAL));
    }
}
