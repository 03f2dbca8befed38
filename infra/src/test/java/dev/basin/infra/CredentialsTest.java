package dev.basin.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @Test
    void generatedOncePerFolderAndPrivate(@TempDir Path a, @TempDir Path b) throws Exception {
        Credentials first = Credentials.loadOrCreate(a);
        assertEquals(first, Credentials.loadOrCreate(a));
        assertNotEquals(first, Credentials.loadOrCreate(b));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.resolve(Credentials.FILE))));
        try (var files = Files.list(a)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void toStringShowsNoSecret(@TempDir Path dir) {
        Credentials c = Credentials.loadOrCreate(dir);
        String text = c.toString();
        for (String secret : new String[] {c.postgresPassword(), c.dbPassword(), c.s3AccessKey(), c.s3SecretKey(),
                c.readerPassword(), c.temporalToken()}) {
            assertFalse(text.contains(secret));
        }
    }

    @Test
    void refusesSecretsThatCouldBreakOutOfSql() {
        assertThrows(IllegalArgumentException.class,
                () -> new Credentials("abcdefghijklmnop'; drop", "abcdefghijklmnop", "abcdefghijklmnop", "abcdefghijklmnop",
                        "abcdefghijklmnop", "abcdefghijklmnop"));
    }

    @Test
    void anOlderFileGainsTheNewSecretsAndKeepsTheOld(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(Credentials.FILE);
        Files.writeString(file, """
                postgres.password=AAAAAAAAAAAAAAAAAAAA
                db.password=BBBBBBBBBBBBBBBBBBBB
                s3.access-key=CCCCCCCCCCCCCCCCCCCC
                s3.secret-key=DDDDDDDDDDDDDDDDDDDD
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Credentials upgraded = Credentials.loadOrCreate(dir);
        assertEquals("BBBBBBBBBBBBBBBBBBBB", upgraded.dbPassword());
        assertNotEquals(upgraded.readerPassword(), upgraded.temporalToken());
        assertEquals(upgraded, Credentials.loadOrCreate(dir), "the new secrets are written, not made up at each read");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aDamagedFileIsReportedNotReplaced(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Credentials.FILE), "db.password=x\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Credentials.loadOrCreate(dir));
        assertFalse(e.getMessage().contains("db.password=x"));
        assertEquals("db.password=x\n", Files.readString(dir.resolve(Credentials.FILE)));
    }
}
