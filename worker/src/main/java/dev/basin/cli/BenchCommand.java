package dev.basin.cli;

import picocli.CommandLine.Command;

/** Benchmarks are commands, not tests: timing on a shared machine is a measurement, never an assertion. */
@Command(name = "bench", description = "Measure the engine and the orchestration.",
        subcommands = {BenchTrainCommand.class, BenchStudyCommand.class})
final class BenchCommand {}
