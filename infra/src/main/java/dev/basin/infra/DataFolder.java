package dev.basin.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the embedded stack's data folder private to its owner: the folder is 0700, and what Basin and
 * its servers write in it (PostgreSQL's files and log, S3's objects, the credentials, endpoints and lock
 * files) loses every group and other permission.
 *
 * <p>Java cannot set a umask, and the servers create files with the process's umask (often 0644), so
 * the folder's own 0700 is what keeps others out while the stack runs; {@link #tighten} then brings
 * everything below it to 0600 (0700 for folders and programs) at each start and stop. Basin's own files
 * are created with {@link #OWNER_ONLY} from the start.
 */
public final class DataFolder {
    /** rw------- at creation, for the files Basin writes itself. */
    public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** What Basin and its servers keep in a data folder: the only entries {@link #tighten} touches. */
    static final Set<String> OWN = Set.of("pg", "pg-bin", "s3", "log", Credentials.FILE, "endpoints.properties",
            ".lock", "calibration.properties");

    private DataFolder() {}

    /** Creates {@code dir} (and missing parents) if needed and makes it 0700. */
    static void create(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Takes every group and other permission away from the folder and from everything Basin keeps in
     * it ({@link #OWN}), keeping the owner's (so programs stay runnable). Other entries are left alone:
     * {@code --data-dir .} in a repository must not change the repository's files. Links are neither
     * followed nor changed, and files that vanish during the walk (PostgreSQL's temporary files) are
     * skipped.
     */
    public static void tighten(Path dir) {
        if (!posix()) {
            return;
        }
        try {
            Path root = dir.toRealPath();
            strip(root);
            try (Stream<Path> entries = Files.list(root)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    String name = entry.getFileName().toString();
                    if (OWN.contains(name) || name.startsWith(".credentials")) {
                        walk(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data folder " + dir + " private to its owner", e);
        }
    }

    private static void walk(Path top) throws IOException {
        if (Files.isSymbolicLink(top)) {
            return;
        }
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    strip(d);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isSymbolicLink()) {
                        strip(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            // gone since the folder was listed
        }
    }

    /**
     * Writes {@code p} to {@code file} as a properties file, private from the first byte: to a 0600 temporary file
     * beside it, then moved into place, so that no reader sees half of it and no one else can read it even briefly.
     */
    public static void writePrivately(Path file, Properties p, String comment) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp", OWNER_ONLY);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, comment);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void strip(Path p) throws IOException {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            if (mode.removeAll(GROUP_AND_OTHERS)) {
                Files.setPosixFilePermissions(p, mode);
            }
        } catch (NoSuchFileException e) {
            // gone since the walk listed it
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
