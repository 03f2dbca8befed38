package dev.basin.activities;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityExecutionContextBase;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the longest interval without a heartbeat in each activity attempt, from its start to its end
 * (both count: the heartbeat timeout runs from the start, and a last phase can outlast it), and logs it
 * at INFO when the attempt ends ({@code longest heartbeat gap X s in phase P}; at WARN when it exceeds the
 * heartbeat timeout). Activities without a heartbeat timeout are left out. It counts the heartbeats
 * the activity hands to the SDK, from any thread; the SDK sends at most one per throttle interval (1-2 s,
 * see {@code BasinWorker}), so a sent gap is at most this plus the throttle interval.
 *
 * <p>The longest gap per activity type since {@link #reset} is kept for tests and measurements.
 */
public final class HeartbeatGaps extends WorkerInterceptorBase {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatGaps.class);
    private static final Map<String, Gap> LONGEST = new ConcurrentHashMap<>();

    /** An interval without heartbeats: how long, and the phase it ended in. */
    public record Gap(double seconds, String phase) {}

    /** The longest gap of any attempt of {@code activityType} since {@link #reset}, if one ran. */
    public static Gap longest(String activityType) {
        return LONGEST.get(activityType);
    }

    public static void reset() {
        LONGEST.clear();
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private Attempt attempt;

            @Override
            public void init(ActivityExecutionContext context) {
                attempt = new Attempt(context);
                super.init(attempt);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                try {
                    return super.execute(input);
                } finally {
                    attempt.end();
                }
            }
        };
    }

    /** The context an attempt sees, noting the time of each heartbeat it sends. */
    private static final class Attempt extends ActivityExecutionContextBase {
        private long lastNanos = System.nanoTime();
        private String lastPhase = "start";
        private long longestNanos = -1;
        private String longestPhase = "";

        Attempt(ActivityExecutionContext next) {
            super(next);
        }

        @Override
        public <V> void heartbeat(V details) throws ActivityCompletionException {
            note(phaseOf(details));
            super.heartbeat(details);
        }

        private synchronized void note(String phase) {
            long now = System.nanoTime();
            if (now - lastNanos > longestNanos) {
                longestNanos = now - lastNanos;
                longestPhase = phase;
            }
            lastNanos = now;
            lastPhase = phase;
        }

        /** The phase a beat reports: a keeper's, else the calling thread's keeper's, else the details. */
        private static String phaseOf(Object details) {
            if (details instanceof Heartbeats.KeptAlive kept) {
                return kept.phase();
            }
            String phase = Heartbeats.currentPhaseOrNull();
            if (phase != null) {
                return phase;
            }
            String text = String.valueOf(details);
            return "heartbeat " + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
        }

        void end() {
            Duration timeout = getInfo().getHeartbeatTimeout();
            if (timeout.isZero()) {
                return; // a bookkeeping activity: it need not heartbeat
            }
            note("end of attempt, after " + lastPhase);
            String type = getInfo().getActivityType();
            Gap gap;
            synchronized (this) {
                gap = new Gap(longestNanos / 1e9, longestPhase);
            }
            LONGEST.merge(type, gap, (a, b) -> a.seconds() >= b.seconds() ? a : b);
            String text = String.format("%s attempt %d: longest heartbeat gap %.1f s in phase %s", type,
                    getInfo().getAttempt(), gap.seconds(), gap.phase());
            if (gap.seconds() > timeout.toMillis() / 1000.0) {
                log.warn("{}, longer than the heartbeat timeout of {} s", text, timeout.toSeconds());
            } else {
                log.info(text);
            }
        }
    }
}
