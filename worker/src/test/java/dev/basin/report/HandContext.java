package dev.basin.report;

import dev.basin.db.QueryResult;
import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ReportContext} written by hand, for section tests that need no database: the spec is parsed from YAML,
 * stages are set one by one, and each query is answered by the first registered result whose key (a view name or
 * any fragment of the SQL) the query contains. A query nobody answered fails the test, so a section cannot read a
 * view its test forgot.
 */
public final class HandContext implements ReportContext {
    private final StudySpec spec;
    private final Map<String, String> stages = new LinkedHashMap<>();
    private final Map<String, QueryResult> answers = new LinkedHashMap<>();
    private final Map<Long, float[][]> predictions = new LinkedHashMap<>();
    private final List<String> asked = new ArrayList<>();
    private int[] labels = new int[0];

    private HandContext(StudySpec spec) {
        this.spec = spec;
    }

    /** A context for the study of {@code yaml}, with no stages. */
    public static HandContext of(String yaml) {
        return new HandContext(SpecParser.parse(yaml));
    }

    public HandContext stage(String name, String state) {
        stages.put(name, state);
        return this;
    }

    /** Answers every query containing {@code key} with these rows; each row's values as PostgreSQL prints them. */
    public HandContext answer(String key, List<String> columns, List<List<String>> rows) {
        answers.put(key, new QueryResult(columns, rows));
        return this;
    }

    /** Same, with rows given as arrays. */
    public HandContext answer(String key, List<String> columns, String[]... rows) {
        return answer(key, columns, Arrays.stream(rows).map(r -> Arrays.asList(r)).toList());
    }

    public HandContext predictions(long modelId, float[][] probabilities) {
        predictions.put(modelId, probabilities);
        return this;
    }

    public HandContext labels(int... labels) {
        this.labels = labels.clone();
        return this;
    }

    /** Every query a section ran, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public String study() {
        return spec.study();
    }

    @Override
    public StudySpec spec() {
        return spec;
    }

    @Override
    public Map<String, String> stages() {
        return java.util.Collections.unmodifiableMap(stages);
    }

    @Override
    public QueryResult query(String sql) {
        asked.add(sql);
        for (Map.Entry<String, QueryResult> e : answers.entrySet()) {
            if (sql.contains(e.getKey())) {
                return e.getValue();
            }
        }
        throw new AssertionError("no answer registered for the query: " + sql);
    }

    @Override
    public float[][] testPredictions(long modelId) {
        return predictions.get(modelId);
    }

    @Override
    public int[] testLabels() {
        return labels.clone();
    }
}
