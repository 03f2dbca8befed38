package dev.basin.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Part 7: the data folder and everything Basin and its servers write in it are private to the owner. */
class DataFolderTest {
    @TempDir Path dir;

    @Test
    void tightenTakesGroupAndOtherPermissionsAwayButKeepsTheOwnersAndLeavesLinkTargetsAlone() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/pg/deeper"));
        Path file = Files.writeString(dir.resolve("data/pg/file.txt"), "x");
        Path program = Files.writeString(dir.resolve("data/pg/deeper/program"), "#!/bin/sh\n");
        Path outside = Files.writeString(dir.resolve("outside.txt"), "not Basin's");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createSymbolicLink(dir.resolve("data/pg/link"), outside);
        Path foreign = Files.writeString(dir.resolve("data/notes.txt"), "the user's, beside Basin's folders");
        Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rw-r--r--"));

        DataFolder.tighten(dir.resolve("data"));

        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(program));
        assertEquals("rwx------", mode(data));
        assertEquals("rwx------", mode(dir.resolve("data")));
        assertEquals("rw-r--r--", mode(outside), "a link's target outside the folder is not Basin's to change");
        assertEquals("rw-r--r--", mode(foreign), "a file Basin did not write is not Basin's to change");
    }

    @Test
    void aNewFolderIsCreatedPrivateAndAnExistingOneIsMadePrivate() throws IOException {
        Path fresh = dir.resolve("a/b/fresh");
        DataFolder.create(fresh);
        assertEquals("rwx------", mode(fresh));
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        DataFolder.create(existing);
        assertEquals("rwx------", mode(existing));
    }

    /** A real stack: its servers' files (PostgreSQL's data and log, S3's objects) and Basin's own. */
    @Test
    void everythingTheStackWritesIsOwnerOnlyWhileItRunsAndAfterItStops() throws IOException {
        Path data = dir.resolve("stack");
        try (EmbeddedStack stack = EmbeddedStack.start(data)) {
            assertEquals("rwx------", mode(data));
            for (String own : List.of(".lock", Credentials.FILE)) {
                assertEquals("rw-------", mode(data.resolve(own)), own);
            }
            assertEquals(List.of(), open(data), "open to group or others right after the start");
            Endpoints e = stack.endpoints();
            try (S3Client s3 = LocalS3.client(URI.create(e.s3Endpoint()), e.s3AccessKey(), e.s3SecretKey())) {
                s3.putObject(b -> b.bucket(e.bucket()).key("studies/private/object.bin"), RequestBody.fromString("w"));
            }
        }
        assertTrue(Files.isRegularFile(data.resolve("log/postgres.log")), "the PostgreSQL log is there to check");
        try (Stream<Path> s3 = Files.walk(data.resolve("s3"))) {
            assertTrue(s3.anyMatch(p -> p.endsWith("object.bin")), "the S3 object is there to check");
        }
        assertEquals(List.of(), open(data), "open to group or others after the stop");
    }

    /** Everything under {@code root} (links aside) that grants group or others any permission, with its mode. */
    private static List<String> open(Path root) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (Files.isSymbolicLink(p) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String mode = mode(p);
                if (!mode.endsWith("------")) {
                    open.add(root.relativize(p) + " " + mode);
                }
            }
        }
        return open;
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
