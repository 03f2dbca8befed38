package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Bounded waiting: tests that watch another process ask again until a deadline, then fail saying what was awaited. */
final class Poll {
    private Poll() {}

    /** A check that may throw; an exception counts as "not yet" (a server still starting refuses connections). */
    @FunctionalInterface
    interface Check<T> {
        Optional<T> get() throws Exception;
    }

    /**
     * Asks {@code check} every {@code every} until it yields a value and returns it.
     *
     * @param what    what is awaited, for the failure message
     * @param context more to say on failure (e.g. the tail of a child's log); asked only then
     */
    static <T> T until(Duration limit, Duration every, String what, Supplier<String> context, Check<T> check) {
        long deadline = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> value = check.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                fail("waited " + limit.toSeconds() + " s for " + what
                        + (last == null ? "" : " (last error: " + last + ")") + "\n" + context.get());
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
