package dev.basin.activities.landscape;

import dev.basin.db.ModelRow;
import java.util.Locale;

/**
 * The names a researcher reads for stored models, the same as the database's {@code model_label} and the
 * spec's anchor syntax ({@code final:0}, {@code checkpoint:1@3}, {@code swa:2}, {@code sample:0 random r=10 #3}),
 * so a plane's projections join to the other views by label. A checkpoint written in the middle of an
 * epoch ({@code trajectory.everySteps}) is named by its step instead, {@code checkpoint:1 step 120}: two
 * checkpoints of one epoch must not share a label within a plane. Pure.
 */
public final class ModelLabels {
    private ModelLabels() {}

    public static String of(ModelRow row, int stepsPerEpoch) {
        return switch (row.kind()) {
            case FINAL -> "final:" + row.member();
            case CHECKPOINT -> Trajectories.endOfEpoch(row, stepsPerEpoch)
                    ? "checkpoint:" + row.member() + "@" + row.epoch()
                    : String.format(Locale.ROOT, "checkpoint:%d step %d", row.member(), row.step());
            default -> row.kind().text() + ":" + row.member() + (row.variant().isEmpty() ? "" : " " + row.variant());
        };
    }
}
