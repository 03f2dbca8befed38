package dev.basin.activities;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.ActivityCanceledException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The keeper alone, beating into a list: it beats while open with the phase and the last progress, stops
 * on close and past the stall limit, and hands a cancellation its thread received to the activity thread.
 * Waits are for events (with generous limits), never for a speed.
 */
class HeartbeatsTest {
    private static final Duration TIMEOUT = Duration.ofMillis(200); // beats every 50 ms
    private static final Heartbeats.Limits NEVER_STALLS = new Heartbeats.Limits(Duration.ofHours(1), Duration.ofHours(1), 1);

    private final List<Object> beats = new CopyOnWriteArrayList<>();

    @Test
    void beatsWhileOpenWithThePhaseAndTheLastProgressThenStopsOnClose() throws Exception {
        int afterClose;
        try (Heartbeats keeper = new Heartbeats(beats::add, TIMEOUT, NEVER_STALLS, "loading")) {
            awaitKeptAlive(1);
            assertEquals(new Heartbeats.KeptAlive("loading", null), lastKeptAlive());
            Heartbeats.progress("step 1");
            assertTrue(beats.contains("step 1"), "progress is sent from the calling thread");
            try (var phase = Heartbeats.phase("upload")) {
                awaitBeat(new Heartbeats.KeptAlive("upload", "step 1"));
            }
            awaitBeat(new Heartbeats.KeptAlive("loading", "step 1"));
        }
        afterClose = beats.size();
        Thread.sleep(TIMEOUT.toMillis() * 3);
        assertEquals(afterClose, beats.size(), "no beat after close");
        assertNull(Heartbeats.currentPhaseOrNull(), "the keeper is no longer the thread's");
    }

    @Test
    void noTimeoutMeansNoThread() {
        try (Heartbeats keeper = new Heartbeats(beats::add, Duration.ZERO, NEVER_STALLS, "x")) {
            Heartbeats.progress(1);
        }
        assertEquals(List.of(1), beats);
    }

    @Test
    void stopsBeatingPastTheStallLimitAndResumesOnProgress() throws Exception {
        var limits = new Heartbeats.Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 1);
        try (Heartbeats keeper = new Heartbeats(beats::add, TIMEOUT, limits, "hung")) {
            long opened = System.nanoTime();
            awaitKeptAlive(1);
            // Past the limit (with a second's slack for a beat already under way), every beat finds the
            // phase quiet for longer than it: none is sent.
            Thread.sleep(Math.max(0, 3000 - (System.nanoTime() - opened) / 1_000_000));
            int stalled = beats.size();
            Thread.sleep(TIMEOUT.toMillis() * 4);
            assertEquals(stalled, beats.size(), "a stalled phase gets no beats");

            Heartbeats.progress("moving again");
            awaitBeat(new Heartbeats.KeptAlive("hung", "moving again"));
        }
    }

    @Test
    void theStallLimitIsTheLongestProgressIntervalTimesTheFactorBetweenFloorAndCap() {
        var limits = new Heartbeats.Limits(Duration.ofMinutes(10), Duration.ofMinutes(60), 20);
        assertEquals(Duration.ofMinutes(10), limits.stallLimit(0));
        assertEquals(Duration.ofMinutes(10), limits.stallLimit(TimeUnit.SECONDS.toNanos(5)));
        assertEquals(Duration.ofMinutes(20), limits.stallLimit(TimeUnit.MINUTES.toNanos(1)));
        assertEquals(Duration.ofMinutes(60), limits.stallLimit(TimeUnit.MINUTES.toNanos(5)));
    }

    @Test
    void aCancellationTheKeeperReceivesReachesTheActivityThread() throws Exception {
        var cancel = new ActivityCanceledException();
        Thread activity = Thread.currentThread();
        // Only the keeper's own beats learn of it, as when the activity thread sends none in a long phase.
        Consumer<Object> send = d -> {
            beats.add(d);
            if (Thread.currentThread() != activity) {
                throw cancel;
            }
        };
        Heartbeats keeper = new Heartbeats(send, TIMEOUT, NEVER_STALLS, "long phase");
        try {
            awaitKeptAlive(1);
            assertSame(cancel, assertThrows(ActivityCanceledException.class, keeper::check));
            assertSame(cancel, assertThrows(ActivityCanceledException.class, () -> Heartbeats.phase("next")));
            assertSame(cancel, assertThrows(ActivityCanceledException.class, () -> Heartbeats.progress("step")));
            awaitKeptAlive(3); // it goes on beating, so a phase finishing its work is not also timed out
        } finally {
            assertDoesNotThrow(keeper::close, "close never throws (try-with-resources would self-suppress)");
        }
    }

    @Test
    void aPhaseOutsideAKeeperIsANoOp() {
        assertNull(Heartbeats.currentPhaseOrNull());
        assertDoesNotThrow(() -> Heartbeats.phase("alone").close());
    }

    private void awaitKeptAlive(int count) throws InterruptedException {
        await(() -> beats.stream().filter(b -> b instanceof Heartbeats.KeptAlive).count() >= count,
                count + " keeper beats");
    }

    private void awaitBeat(Object beat) throws InterruptedException {
        await(() -> beats.contains(beat), "a beat " + beat);
    }

    private Heartbeats.KeptAlive lastKeptAlive() {
        return beats.stream().filter(b -> b instanceof Heartbeats.KeptAlive).map(b -> (Heartbeats.KeptAlive) b)
                .reduce((a, b) -> b).orElseThrow();
    }

    /** Waits for a condition; the limit is only a guard against a broken keeper, far above any load. */
    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "no " + what + " within 30 s");
            Thread.sleep(10);
        }
    }
}
