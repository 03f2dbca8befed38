package dev.basin.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an activity attempt alive through phases that report no progress of their own (loading data,
 * restoring a checkpoint, one long training step, an upload, a BN recompute, a t-SNE): while it is open
 * a daemon thread heartbeats every {@value #BEATS_PER_TIMEOUT}th of the heartbeat timeout, with the
 * phase's name and the last progress reported as details.
 *
 * <p>It must not hide a hung phase: the thread beats only while the attempt has made progress (a
 * {@link #progress} report or a phase boundary) within the <em>stall limit</em>, which is
 * {@link Limits#factor} times the longest interval between progress reports seen so far in this attempt
 * (one training step, one prediction batch), but at least {@link Limits#floor} and at most
 * {@link Limits#cap} (10 min and 60 min in a worker, see {@link Limits#WORKER}). Past it the beats stop,
 * Temporal times the attempt out after the heartbeat timeout, and retries it. A killed or SIGSTOPped
 * worker stops this thread with the rest of the JVM, so it is detected as before.
 *
 * <p>A cancellation (or any {@link ActivityCompletionException}) that a beat of this thread receives is
 * kept and thrown on the activity thread at its next {@link #progress}, entry into a phase or
 * {@link #check}. The thread goes on beating after it, so that a phase finishing its work before it
 * stops is not also timed out. Closing never throws: a close that threw what the activity thread is
 * already throwing would make try-with-resources fail on self-suppression.
 *
 * <p>The activity thread reaches its keeper through the static {@link #progress} and {@link #phase},
 * which fall back to a plain heartbeat (and a no-op phase) outside a keeper.
 */
public final class Heartbeats implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    private static final ThreadLocal<Heartbeats> CURRENT = new ThreadLocal<>();

    /** Beats per heartbeat timeout: several, so one delayed or throttled beat costs nothing. */
    static final int BEATS_PER_TIMEOUT = 4;

    /**
     * How long a phase may make no progress before the beats stop: {@code factor} times the longest
     * interval between progress reports so far, clamped to [{@code floor}, {@code cap}].
     */
    public record Limits(Duration floor, Duration cap, int factor) {
        /** A worker's: a first step or a BN recompute of a large model fits the floor, a hang is caught within an hour. */
        public static final Limits WORKER = new Limits(Duration.ofMinutes(10), Duration.ofMinutes(60), 20);

        Duration stallLimit(long longestProgressGapNanos) {
            long derived = Math.multiplyExact(Math.max(0, longestProgressGapNanos), (long) factor);
            return Duration.ofNanos(Math.min(cap.toNanos(), Math.max(floor.toNanos(), derived)));
        }
    }

    /** The details of a keeper's beat: the phase running and the last progress the activity reported. */
    public record KeptAlive(String phase, Object last) {}

    private final Consumer<Object> send;
    private final Limits limits;
    private final ScheduledExecutorService beater;
    private final AtomicReference<ActivityCompletionException> failure = new AtomicReference<>();
    private final Heartbeats previous;
    private volatile String phase;
    private volatile Object lastDetails;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile long longestProgressGapNanos;
    private volatile boolean stalledLogged;

    /**
     * @param send     sends one heartbeat (throws {@link ActivityCompletionException} on cancellation)
     * @param timeout  the attempt's heartbeat timeout; zero or negative: no thread, nothing to keep alive
     */
    Heartbeats(Consumer<Object> send, Duration timeout, Limits limits, String phase) {
        this.send = send;
        this.limits = limits;
        this.phase = phase;
        if (timeout.isZero() || timeout.isNegative()) {
            beater = null;
        } else {
            long every = Math.max(1, timeout.toMillis() / BEATS_PER_TIMEOUT);
            beater = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heartbeats-" + Thread.currentThread().getName());
                t.setDaemon(true);
                return t;
            });
            beater.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        }
        previous = CURRENT.get();
        CURRENT.set(this);
    }

    /** A keeper for the current activity attempt, with the worker's {@link Limits}. */
    public static Heartbeats start(String phase) {
        ActivityExecutionContext activity = Activity.getExecutionContext();
        return new Heartbeats(activity::heartbeat, activity.getInfo().getHeartbeatTimeout(), Limits.WORKER, phase);
    }

    /**
     * Reports progress: a heartbeat from the calling thread with {@code details} (which delivers a
     * cancellation by throwing), and the stall clock restarts.
     */
    public static void progress(Object details) {
        Heartbeats keeper = CURRENT.get();
        if (keeper == null) {
            Activity.getExecutionContext().heartbeat(details);
        } else {
            keeper.report(details);
        }
    }

    /**
     * Names the phase that runs until the returned scope closes (then the enclosing phase is current
     * again); entering and leaving it count as progress. A no-op outside a keeper.
     */
    public static Phase phase(String name) {
        Heartbeats keeper = CURRENT.get();
        if (keeper == null) {
            return () -> {};
        }
        String outer = keeper.phase;
        keeper.enter(name);
        return () -> {
            keeper.phase = outer;
            keeper.advanced();
        };
    }

    /** A named phase's scope; closing it does not throw. */
    public interface Phase extends AutoCloseable {
        @Override
        void close();
    }

    void report(Object details) {
        lastDetails = details;
        advanced();
        rethrow();
        send.accept(details);
    }

    private void enter(String name) {
        phase = name;
        advanced();
        rethrow();
    }

    /** The phase of the calling thread's keeper; null outside one. */
    static String currentPhaseOrNull() {
        Heartbeats keeper = CURRENT.get();
        return keeper == null ? null : keeper.phase;
    }

    private void advanced() {
        long now = System.nanoTime();
        longestProgressGapNanos = Math.max(longestProgressGapNanos, now - lastProgressNanos);
        lastProgressNanos = now;
        stalledLogged = false;
    }

    /** One beat of the keeper thread; never throws, or the executor would stop beating for good. */
    private void beat() {
        long quiet = System.nanoTime() - lastProgressNanos;
        Duration limit = limits.stallLimit(longestProgressGapNanos);
        if (quiet > limit.toNanos()) {
            if (!stalledLogged) {
                stalledLogged = true;
                log.warn("phase '{}' made no progress for {} s (stall limit {} s): heartbeats stop, so Temporal times"
                        + " this attempt out and retries it", phase, quiet / 1_000_000_000L, limit.toSeconds());
            }
            return;
        }
        try {
            send.accept(new KeptAlive(phase, lastDetails));
        } catch (ActivityCompletionException e) {
            failure.compareAndSet(null, e);
        } catch (RuntimeException e) {
            log.warn("heartbeat in phase '{}' failed: {}", phase, e.toString());
        }
    }

    /** Throws a cancellation that one of the keeper's beats received, if any. */
    public void check() {
        rethrow();
    }

    private void rethrow() {
        ActivityCompletionException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** Stops the beats (see {@link #check} for a cancellation they received). */
    @Override
    public void close() {
        if (beater != null) {
            beater.shutdownNow();
            try {
                // a beat under way finishes (a heartbeat call is not interruptible): none comes after close
                beater.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // a stopping worker: its own check sees the flag
            }
        }
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
