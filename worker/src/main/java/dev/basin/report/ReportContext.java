package dev.basin.report;

import dev.basin.db.QueryResult;
import dev.basin.spec.StudySpec;
import java.util.Map;

/** What a {@link Section} may read: the study's spec, its stages' states, and read-only SQL. */
public interface ReportContext {

    /** The study's name. */
    String study();

    /** The study's spec, as its current run was submitted. */
    StudySpec spec();

    /**
     * State of every stage of the current run's plan, by stage name ({@code "done"}, {@code "reused"},
     * {@code "running"}, {@code "pending"}, {@code "failed"}, {@code "cancelled"}); a planned stage that has no row
     * yet is {@code "pending"}.
     */
    Map<String, String> stages();

    /** Whether every stage whose name starts with {@code prefix} is done or reused (false if there is none). */
    default boolean finished(String prefix) {
        boolean any = false;
        for (Map.Entry<String, String> e : stages().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                any = true;
                if (!e.getValue().equals("done") && !e.getValue().equals("reused")) {
                    return false;
                }
            }
        }
        return any;
    }

    /** Runs one read-only query, as {@code basin sql} runs it, with no row cap worth noticing. */
    QueryResult query(String sql);

    /**
     * Class probabilities a model predicted for the test split (rows × classes), read from its stored {@code .npy}
     * (table {@code prediction}); null when the model has none.
     */
    float[][] testPredictions(long modelId);

    /** Labels of the test split, in the order predictions are stored (the study's dataset, as evaluation loads it). */
    int[] testLabels();

    /**
     * For a comparison report ({@code basin report A B}): the range {lo, hi} that {@code axis} ({@code "x"},
     * {@code "y"} or {@code "value"}, the colour scale) of figure {@code figureId} must span, so that every compared
     * study is drawn on the same axes; null when the study is drawn alone. A section that draws figure {@code id}
     * applies it when not null ({@code Plot.xRange}, {@code yRange}; {@code HeatMap.range}; a contour plot's axes).
     * The ranges come from a first drawing of each study: the {@code data-x-min}, {@code data-x-max},
     * {@code data-y-min}, {@code data-y-max}, {@code data-value-min} and {@code data-value-max} attributes of each
     * figure's root {@code <svg>} element.
     */
    default double[] sharedRange(String figureId, String axis) {
        return null;
    }

    /** {@code value} as a SQL string literal ({@code 'it''s'}), for queries that are shown to the reader. */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a SQL literal cannot hold a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
