package dev.basin.cli;

/** The engine's thread count: reproducibility holds per thread count, so it is always explicit in records. */
final class Threads {
    private Threads() {}

    static int resolve(int requested) {
        if (requested < 0) {
            throw new BadInputException("--threads must be >= 0 (0 means all cores), got " + requested);
        }
        return requested == 0 ? Runtime.getRuntime().availableProcessors() : requested;
    }
}
