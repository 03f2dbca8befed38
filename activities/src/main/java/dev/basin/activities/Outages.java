package dev.basin.activities;

import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * What one worker knows about its dependencies being down, and the failures it turns that into.
 *
 * <p>An activity that cannot reach S3 or PostgreSQL fails with a retryable failure naming the
 * dependency, its address and the cause; Temporal retries it with backoff, and the retry resumes
 * from the newest checkpoint, so a short outage costs at most one checkpoint interval. A dependency
 * that has stayed unreachable for longer than the tolerance makes the activity fail for good, so that
 * the study fails with a message naming it instead of retrying for as long as the retry policy
 * allows. The clock starts at the first failure seen by this worker and stops at the next successful
 * use; each worker keeps its own clock (several workers each give up after their own tolerance).
 */
public final class Outages {
    /** The default tolerance: longer than a database restart or a rolling S3 upgrade, shorter than anyone's patience. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(2);

    /** A dependency the activities use, and the address it is reached at (no secrets). */
    public record Dependency(String name, String address) {
        @Override
        public String toString() {
            return name + " at " + address;
        }
    }

    private final Duration tolerance;
    private final Dependency s3;
    private final Dependency postgres;
    private final LongSupplier clockMillis;
    private final Map<String, Long> downSince = new ConcurrentHashMap<>();

    public Outages(Duration tolerance, String s3Address, String postgresAddress) {
        this(tolerance, s3Address, postgresAddress, System::currentTimeMillis);
    }

    Outages(Duration tolerance, String s3Address, String postgresAddress, LongSupplier clockMillis) {
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("the outage tolerance must be >= 0, got " + tolerance);
        }
        this.tolerance = tolerance;
        this.s3 = new Dependency("S3", s3Address);
        this.postgres = new Dependency("PostgreSQL", postgresAddress);
        this.clockMillis = clockMillis;
    }

    public Duration tolerance() {
        return tolerance;
    }

    /** S3 answered: its outage, if any, is over. */
    public void s3Reachable() {
        downSince.remove(s3.name());
    }

    /** PostgreSQL answered: its outage, if any, is over. */
    public void postgresReachable() {
        downSince.remove(postgres.name());
    }

    /**
     * The failure an activity should end with: {@code e} itself unless it shows a dependency that
     * cannot be reached, else a retryable {@code DependencyUnavailable} failure naming it, or a
     * non-retryable {@code DependencyDown} one once it has been down longer than the tolerance.
     */
    public RuntimeException failure(RuntimeException e) {
        Optional<Dependency> down = unreachable(e);
        if (down.isEmpty()) {
            return e;
        }
        Dependency d = down.get();
        long now = clockMillis.getAsLong();
        long since = downSince.computeIfAbsent(d.name(), k -> now);
        long seconds = (now - since) / 1000;
        String cause = brief(e);
        if (now - since > tolerance.toMillis()) {
            return ApplicationFailure.newNonRetryableFailureWithCause(d + " has been unreachable for " + seconds
                    + " s, longer than this worker's outage tolerance of " + tolerance.toSeconds() + " s; giving up: "
                    + cause, "DependencyDown", e);
        }
        return ApplicationFailure.newFailureWithCause(d + " is unreachable (" + cause + "); the activity retries, for up to "
                + tolerance.toSeconds() + " s of outage", "DependencyUnavailable", e);
    }

    /** Whether a failure from {@link #failure} ends the activity for good. */
    static boolean isFinal(RuntimeException failure) {
        return failure instanceof ApplicationFailure a && a.isNonRetryable();
    }

    /** The dependency {@code e} shows to be unreachable, if any; an error the server itself answered with is not an outage. */
    Optional<Dependency> unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SdkClientException) {
                return Optional.of(s3);
            }
            if (t instanceof SdkServiceException s && s.statusCode() >= 500) {
                return Optional.of(s3);
            }
            if (t instanceof SQLException sql && isConnectionLoss(sql.getSQLState())) {
                return Optional.of(postgres);
            }
        }
        return Optional.empty();
    }

    /**
     * SQLSTATE class 08 is a connection exception (refused, broken, lost); 57P01-57P03 are the
     * server shutting down or not accepting connections yet (a restart in progress).
     */
    static boolean isConnectionLoss(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }

    /** The failure's own message, which says what was being done (Basin's wrappers name the key or the table). */
    private static String brief(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 400 ? message.substring(0, 400) + "…" : message;
    }
}
