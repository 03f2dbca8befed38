package dev.basin.report.sections;

/** Study specs for section tests: a small training and the analysis keys a test adds. */
final class Specs {
    private Specs() {}

    static String study(String analyses) {
        return """
                study: figs
                seed: 42
                data:
                  dataset: fashion-mnist
                model: small-cnn
                train:
                  members: 3
                  epochs: 3
                  batchSize: 128
                  optimizer: nesterov
                  lr: 0.05
                  momentum: 0.9
                  weightDecay: 5e-4
                  schedule: cosine
                  checkpointEvery: 1
                """ + analyses;
    }
}
