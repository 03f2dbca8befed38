package dev.basin.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStackTest {

    @TempDir
    static Path data;
    private static EmbeddedStack stack;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        stack = EmbeddedStack.start(data);
        System.out.printf("embedded stack cold start: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void postgresNeedsTheRightPassword() throws SQLException {
        Endpoints e = stack.endpoints();
        try (Connection c = DriverManager.getConnection(e.dbUrl(), e.dbUser(), e.dbPassword());
             PreparedStatement ps = c.prepareStatement("select current_user, count(*) from study")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals("basin", rs.getString(1));
                assertEquals(0, rs.getInt(2));
            }
        }
        SQLException wrong = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(e.dbUrl(), e.dbUser(), "wrong-password"));
        assertEquals("28P01", wrong.getSQLState());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(e.dbUrl(), "postgres", ""));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(e.dbUrl(), "postgres", "wrong-password"));
    }

    @Test
    @Order(2)
    void s3NeedsTheRightKeys() {
        Endpoints e = stack.endpoints();
        try (S3Client s3 = LocalS3.client(URI.create(e.s3Endpoint()), e.s3AccessKey(), e.s3SecretKey())) {
            s3.putObject(b -> b.bucket(e.bucket()).key("hello/world.txt"), RequestBody.fromString("ensembles"));
            assertEquals("ensembles", s3.getObjectAsBytes(b -> b.bucket(e.bucket()).key("hello/world.txt")).asUtf8String());
        }
        try (S3Client s3 = LocalS3.client(URI.create(e.s3Endpoint()), e.s3AccessKey(), "wrongSecretKey0000000")) {
            S3Exception denied = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket(e.bucket()).key("hello/world.txt")));
            assertEquals(403, denied.statusCode());
        }
    }

    @Test
    @Order(3)
    void temporalAnswers() {
        Endpoints e = stack.endpoints();
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                TemporalToken.stubsOptions(e.temporalTarget(), e.temporalToken()).build());
        try {
            assertTrue(stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()).hasCapabilities());
        } finally {
            stubs.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void serversListenOnLoopbackOnly() throws IOException {
        Endpoints e = stack.endpoints();
        List<Integer> ports = List.of(port(e.temporalTarget()), URI.create(e.s3Endpoint()).getPort(),
                URI.create(e.dbUrl().substring("jdbc:".length())).getPort());
        for (int port : ports) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
        }
        InetAddress outside = nonLoopbackAddress();
        Assumptions.assumeTrue(outside != null, "this machine has no non-loopback address");
        for (int port : ports) {
            try (Socket s = new Socket()) {
                assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress(outside, port), 2000),
                        "port " + port + " answers on " + outside);
            }
        }
    }

    @Test
    @Order(5)
    void aSecondStartOnTheSameFolderIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedStack.start(data));
        assertEquals("another Basin process is using " + data.toAbsolutePath().normalize(), e.getMessage());
    }

    @Test
    @Order(6)
    void describeAndToStringShowNoSecrets() {
        Endpoints e = stack.endpoints();
        for (String text : List.of(e.describe(), e.toString())) {
            assertFalse(text.contains(e.dbPassword()));
            assertFalse(text.contains(e.s3SecretKey()));
            assertTrue(text.contains(e.temporalTarget()));
        }
    }

    @Test
    @Order(7)
    void restartKeepsDataAndCredentialsAndSurvivesAStalePidFile() throws Exception {
        Endpoints before = stack.endpoints();
        try (Connection c = DriverManager.getConnection(before.dbUrl(), before.dbUser(), before.dbPassword());
             PreparedStatement ps = c.prepareStatement("insert into study (name, spec, spec_hash, seed, status,"
                     + " code_version, threads) values (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, "survivor");
            ps.setString(2, "name: survivor\n");
            ps.setString(3, "h");
            ps.setLong(4, 1);
            ps.setString(5, "running");
            ps.setString(6, "test");
            ps.setInt(7, 1);
            ps.executeUpdate();
        }
        stack.close();
        stack.close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(Credentials.FILE))));

        // What a killed Basin leaves behind when its PostgreSQL died too: a pid file naming a dead process.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(data.resolve("pg").resolve("postmaster.pid"), gone.pid() + "\n" + data.resolve("pg") + "\n");

        long t0 = System.nanoTime();
        stack = EmbeddedStack.start(data);
        System.out.printf("embedded stack warm start: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Endpoints after = stack.endpoints();
        assertEquals(before.dbPassword(), after.dbPassword());
        assertEquals(before.s3AccessKey(), after.s3AccessKey());
        assertEquals(before.s3SecretKey(), after.s3SecretKey());
        try (Connection c = DriverManager.getConnection(after.dbUrl(), after.dbUser(), after.dbPassword());
             PreparedStatement ps = c.prepareStatement("select count(*) from study where name = ?")) {
            ps.setString(1, "survivor");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        try (S3Client s3 = LocalS3.client(URI.create(after.s3Endpoint()), after.s3AccessKey(), after.s3SecretKey())) {
            assertEquals("ensembles", s3.getObjectAsBytes(b -> b.bucket(after.bucket()).key("hello/world.txt")).asUtf8String());
        }
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        return null;
    }
}
