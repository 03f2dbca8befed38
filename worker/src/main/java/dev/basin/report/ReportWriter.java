package dev.basin.report;

import dev.basin.db.QueryResult;
import dev.basin.db.TableFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes a report's folder: {@code report.html}, each drawn figure's {@code .svg} and each figure's rows as
 * {@code .csv} (names from {@link FileNames}), and {@value #MANIFEST}, the list of files the report wrote.
 *
 * <p>Never half a report: everything is written into a sibling temporary folder first. A new folder is then moved
 * into place in one rename; an existing one gets the new files moved in one by one, {@code report.html} last, so
 * the page never links a file that is not there, and then loses the files that the previous report listed in its
 * manifest and this one no longer has. Files of anyone else in the folder are left alone.
 */
public final class ReportWriter {
    public static final String HTML = "report.html";
    static final String MANIFEST = ".basin-report";

    private ReportWriter() {}

    /** Writes the report of {@code reports} (one study, or a comparison) into {@code outDir}; returns the page's path. */
    public static Path write(List<Report> reports, Path outDir) {
        return write(reports, outDir, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** As {@link #write(List, Path)}, stating {@code generatedAt} as the page's generation time. */
    public static Path write(List<Report> reports, Path outDir, String generatedAt) {
        Map<String, byte[]> files = files(reports, generatedAt);
        Path out = outDir.toAbsolutePath().normalize();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(outDir + " is a file, not a folder for the report");
        }
        if (out.getParent() == null) {
            throw new IllegalArgumentException("a report needs a folder of its own, not " + out);
        }
        try {
            Path parent = out.getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
            try {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Path p = tmp.resolve(f.getKey());
                    Files.createDirectories(p.getParent());
                    Files.write(p, f.getValue());
                }
                if (!Files.exists(out)) {
                    try {
                        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
                        return out.resolve(HTML);
                    } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException e) {
                        Files.createDirectories(out); // someone made it meanwhile: replace file by file below
                    }
                }
                List<String> stale = manifest(out);
                for (String name : files.keySet()) {
                    if (!name.equals(HTML) && !name.equals(MANIFEST)) {
                        move(tmp, out, name);
                    }
                }
                move(tmp, out, HTML);
                move(tmp, out, MANIFEST);
                stale.removeAll(files.keySet());
                for (String name : stale) {
                    Path p = out.resolve(name).normalize();
                    if (p.startsWith(out)) {
                        Files.deleteIfExists(p);
                        deleteIfEmpty(p.getParent(), out);
                    }
                }
            } finally {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outDir + ": " + e.getMessage(), e);
        }
        return out.resolve(HTML);
    }

    /** Every file of the report by its '/'-separated path in the folder, the page first and the manifest last. */
    static Map<String, byte[]> files(List<Report> reports, String generatedAt) {
        boolean comparison = reports.size() > 1;
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(HTML, ReportHtml.page(reports, generatedAt).getBytes(StandardCharsets.UTF_8));
        for (Report r : reports) {
            for (Figure f : r.figures()) {
                if (f.svg() != null) {
                    put(files, FileNames.of(comparison, r.study(), f.id(), "svg"), f.svg());
                }
                if (f.data() != null) {
                    put(files, FileNames.of(comparison, r.study(), f.id(), "csv"),
                            TableFormat.csv(new QueryResult(f.data().columns(), f.data().rows())));
                }
            }
        }
        StringBuilder manifest = new StringBuilder();
        new TreeSet<>(files.keySet()).forEach(n -> manifest.append(n).append('\n'));
        manifest.append(MANIFEST).append('\n');
        files.put(MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static void put(Map<String, byte[]> files, String name, String text) {
        if (files.put(name, text.getBytes(StandardCharsets.UTF_8)) != null) {
            throw new IllegalArgumentException("two figures write " + name);
        }
    }

    /** The files the report already in {@code out} wrote; none when it has no manifest. */
    private static List<String> manifest(Path out) throws IOException {
        try {
            return new ArrayList<>(Files.readAllLines(out.resolve(MANIFEST), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList());
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        }
    }

    private static void move(Path from, Path to, String name) throws IOException {
        Path target = to.resolve(name);
        Files.createDirectories(target.getParent());
        Files.move(from.resolve(name), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteIfEmpty(Path dir, Path root) throws IOException {
        if (dir.equals(root) || !dir.startsWith(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent()) {
                return;
            }
        }
        Files.deleteIfExists(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
