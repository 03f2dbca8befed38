package dev.basin.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedAndReplaced(@TempDir Path data) throws Exception {
        Credentials credentials = Credentials.loadOrCreate(data);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process jvm = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                PostgresHolder.class.getName(), data.toString()).redirectErrorStream(true).start();
        int oldPort;
        try {
            oldPort = awaitReady(jvm);
        } finally {
            jvm.destroyForcibly();
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
        }
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("pg").resolve("postmaster.pid")).get(0).trim());
        assertTrue(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "the orphan should outlive its JVM");
        String oldUrl = "jdbc:postgresql://127.0.0.1:" + oldPort + "/basin";
        try (Connection c = DriverManager.getConnection(oldUrl, LocalPostgres.USER, credentials.dbPassword());
             Statement st = c.createStatement()) {
            st.execute("create table kept (v int)");
            st.execute("insert into kept values (42)");
        }

        try (LocalPostgres postgres = LocalPostgres.start(data, credentials)) {
            assertFalse(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "the orphan should be stopped");
            assertNotEquals(oldPort, postgres.port());
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(oldUrl, LocalPostgres.USER, credentials.dbPassword()).close());
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, credentials.dbPassword());
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select v from kept")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }

        // A pid file whose pid now belongs to an unrelated live process is stale too; that process is left alone.
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(data.resolve("pg").resolve("postmaster.pid"), unrelated.pid() + "\n" + data.resolve("pg") + "\n");
            try (LocalPostgres postgres = LocalPostgres.start(data, credentials)) {
                assertTrue(unrelated.isAlive());
                try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, credentials.dbPassword())) {
                    assertTrue(c.isValid(5));
                }
            }
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void twoServersInOneJvmEachUnpackIntoTheirOwnFolder(@TempDir Path first, @TempDir Path second) throws Exception {
        try (LocalPostgres a = LocalPostgres.start(first, Credentials.loadOrCreate(first));
             LocalPostgres b = LocalPostgres.start(second, Credentials.loadOrCreate(second))) {
            assertNotEquals(a.port(), b.port());
            for (Path data : new Path[] {first, second}) {
                try (var dirs = Files.list(data.resolve("pg-bin"))) {
                    assertTrue(dirs.anyMatch(d -> d.getFileName().toString().startsWith("PG-")), "binaries under " + data);
                }
            }
        }
    }

    private static int awaitReady(Process jvm) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                return Integer.parseInt(line.substring("READY ".length()).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the holder JVM ended before PostgreSQL was ready:\n" + seen);
    }
}
