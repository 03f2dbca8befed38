package dev.basin.report.sections;

import dev.basin.report.HandContext;

/** Study specs for section tests: a small study and the analysis keys a test adds to it. */
final class Specs {
    private Specs() {}

    static final String BASE = """
            study: s1
            seed: 1
            data:
              dataset: fashion-mnist
            model: small-cnn
            train:
              members: 3
              epochs: 4
              batchSize: 128
              optimizer: nesterov
              lr: 0.05
              momentum: 0.9
              weightDecay: 5e-4
              schedule: cosine
              checkpointEvery: 1
            """;

    /** The small study with {@code keys} (top-level YAML) added. */
    static HandContext with(String keys) {
        return HandContext.of(BASE + keys);
    }

    /** A 3-member, 3-epoch study named "figs" with {@code analyses} (top-level YAML) added, as YAML. */
    static String study(String analyses) {
        return BASE.replace("study: s1", "study: figs").replace("seed: 1", "seed: 42")
                .replace("epochs: 4", "epochs: 3") + analyses;
    }

    /** A row of values as PostgreSQL prints them. */
    static String[] row(String... values) {
        return values;
    }
}
