package dev.basin.cli;

import picocli.CommandLine.Option;

/** How much of this machine a worker uses. */
final class WorkerOptionsMixin {
  @Option(names = "--threads", defaultValue = "${env:BASIN_THREADS:-0}",
      description = "Engine threads per activity; 0 = all cores. Results are reproducible per thread count.")
  int threads;

  @Option(names = "--slots", defaultValue = "${env:BASIN_SLOTS:-1}",
      description = "Training/evaluation activities run at once by this worker (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder holding the dataset's IDX files when the spec gives no data.path "
          + "(default: the dataset's Debian folder, e.g. /usr/share/datasets/fashion-mnist).")
  java.nio.file.Path data;

  int slots() {
    if (slots < 1) {
      throw new BadInputException("--slots must be >= 1, got " + slots);
    }
    return slots;
  }
}
