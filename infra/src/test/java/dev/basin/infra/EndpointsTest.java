package dev.basin.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Part 9: what Basin may print about its endpoints shows no secret (no stack needed). */
class EndpointsTest {

    @Test
    void toStringAndDescribeRedactEverySecret() {
        Endpoints e = new Endpoints("127.0.0.1:7233", "default", "http://127.0.0.1:9000", "us-east-1", "basin",
                "AccessKey0123456789", "SecretKey0123456789", "jdbc:postgresql://127.0.0.1:5432/basin", "basin",
                "DbPassword0123456789", "TemporalToken0123456789");
        for (String text : List.of(e.toString(), e.describe())) {
            for (String secret : List.of("AccessKey0123456789", "SecretKey0123456789", "DbPassword0123456789",
                    "TemporalToken0123456789")) {
                assertFalse(text.contains(secret), text);
            }
            assertTrue(text.contains("127.0.0.1:7233") && text.contains("jdbc:postgresql://127.0.0.1:5432/basin"), text);
        }
        assertTrue(e.toString().contains("s3AccessKey=***") && e.toString().contains("dbPassword=***")
                && e.toString().contains("temporalToken=***"), e.toString());
    }
}
