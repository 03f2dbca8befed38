package dev.basin.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Where the server listens; no request reaches the stores, so none is given. */
class PortTest {

    @Test
    void aTakenPortIsNamedWithTheWayOut() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DashboardServer.start(
                    taken.getLocalPort(), null, null, s -> null, Duration.ofSeconds(1), Token.random()));
            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is taken; choose another with --port,"
                    + " or --port 0 for any free one", e.getMessage());
        }
    }

    @Test
    void portZeroListensOnAFreeLoopbackPort() {
        Token token = Token.random();
        try (DashboardServer server = DashboardServer.start(0, null, null, s -> null, Duration.ofSeconds(1), token)) {
            assertNotEquals(0, server.port());
            assertEquals("http://127.0.0.1:" + server.port() + "/?token=" + token.value(), server.url());
            assertTrue(token.value().length() >= 22);
        }
        assertThrows(IllegalArgumentException.class, () -> DashboardServer.start(70000, null, null, s -> null,
                Duration.ofSeconds(1), token));
    }
}
