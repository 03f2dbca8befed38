package dev.basin.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactException;
import dev.basin.db.DbException;
import io.temporal.failure.ApplicationFailure;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class OutagesTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Outages outages = new Outages(Duration.ofSeconds(30), "http://127.0.0.1:9000",
            "jdbc:postgresql://127.0.0.1:5432/basin", now::get);

    private static RuntimeException s3Down() {
        return new ArtifactException("cannot store s3://basin/k at http://127.0.0.1:9000: refused",
                SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused")));
    }

    private static RuntimeException postgresDown() {
        return new DbException("cannot connect to PostgreSQL", new SQLException("Connection refused", "08001"));
    }

    @Test
    void anUnreachableDependencyIsRetryableAndNamedUntilTheToleranceIsSpent() {
        ApplicationFailure first = assertInstanceOf(ApplicationFailure.class, outages.failure(s3Down()));
        assertFalse(first.isNonRetryable());
        assertEquals("DependencyUnavailable", first.getType());
        assertTrue(first.getOriginalMessage().startsWith("S3 at http://127.0.0.1:9000 is unreachable (cannot store"),
                first.getOriginalMessage());

        now.addAndGet(30_000);
        assertFalse(((ApplicationFailure) outages.failure(s3Down())).isNonRetryable(), "exactly the tolerance is tolerated");
        now.addAndGet(1_000);
        ApplicationFailure last = (ApplicationFailure) outages.failure(s3Down());
        assertTrue(last.isNonRetryable());
        assertEquals("DependencyDown", last.getType());
        assertTrue(last.getOriginalMessage().startsWith("S3 at http://127.0.0.1:9000 has been unreachable for 31 s"),
                last.getOriginalMessage());
    }

    @Test
    void aSuccessfulUseRestartsTheClockOfThatDependencyOnly() {
        outages.failure(s3Down());
        outages.failure(postgresDown());
        now.addAndGet(60_000);
        outages.s3Reachable();
        assertFalse(Outages.isFinal(outages.failure(s3Down())), "a new S3 outage starts now");
        ApplicationFailure pg = (ApplicationFailure) outages.failure(postgresDown());
        assertTrue(pg.isNonRetryable(), "PostgreSQL has been down all along");
        assertTrue(pg.getOriginalMessage().startsWith("PostgreSQL at jdbc:postgresql://127.0.0.1:5432/basin has been"
                + " unreachable for 60 s"), pg.getOriginalMessage());
    }

    @Test
    void errorsTheServerAnsweredWithAreNotOutages() {
        RuntimeException denied = new ArtifactException("refused", S3Exception.builder().statusCode(403).message("denied").build());
        assertSame(denied, outages.failure(denied));
        RuntimeException badSql = new DbException("bad", new SQLException("syntax error", "42601"));
        assertSame(badSql, outages.failure(badSql));
        RuntimeException bug = new IllegalStateException("a bug");
        assertSame(bug, outages.failure(bug));
        RuntimeException unavailable = new ArtifactException("busy", S3Exception.builder().statusCode(503).message("slow down").build());
        assertTrue(outages.unreachable(unavailable).isPresent(), "a 5xx is the service failing, not the request");
    }

    @Test
    void connectionLossStatesAreClassOf08AndServerShutdowns() {
        assertTrue(Outages.isConnectionLoss("08006"));
        assertTrue(Outages.isConnectionLoss("57P01"));
        assertFalse(Outages.isConnectionLoss("23505"));
        assertFalse(Outages.isConnectionLoss(null));
    }
}
