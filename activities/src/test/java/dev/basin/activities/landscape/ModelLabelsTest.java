package dev.basin.activities.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import org.junit.jupiter.api.Test;

class ModelLabelsTest {
    private static final String SHA = "0".repeat(64);
    private static final int STEPS_PER_EPOCH = 30;

    private static ModelRow row(ModelKind kind, int member, int epoch, long step, String variant) {
        return ModelRow.of("s", "run", kind, member, epoch, step, "k", SHA, 1, SHA).withVariant(variant);
    }

    @Test
    void namesModelsAsTheSpecAndTheDatabaseDo() {
        assertEquals("final:2", ModelLabels.of(row(ModelKind.FINAL, 2, 3, 90, ""), STEPS_PER_EPOCH));
        assertEquals("checkpoint:1@3", ModelLabels.of(row(ModelKind.CHECKPOINT, 1, 3, 90, ""), STEPS_PER_EPOCH));
        assertEquals("swa:0", ModelLabels.of(row(ModelKind.SWA, 0, 3, 90, ""), STEPS_PER_EPOCH));
        assertEquals("sample:0 random r=10 #3",
                ModelLabels.of(row(ModelKind.SAMPLE, 0, 3, 90, "random r=10 #3"), STEPS_PER_EPOCH));
    }

    @Test
    void namesAMidEpochCheckpointByItsStep() {
        // step 75 is 15 steps into the third epoch (2 completed): "checkpoint:1@2" would clash with step 60
        assertEquals("checkpoint:1 step 75", ModelLabels.of(row(ModelKind.CHECKPOINT, 1, 2, 75, ""), STEPS_PER_EPOCH));
    }
}
