package dev.basin.activities;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.StoredObject;
import dev.basin.engine.data.DataException;
import dev.basin.engine.data.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies a dataset kept in S3 ({@code data.path: s3://bucket/prefix}) into a local folder the engine reads.
 * The engine has no S3 client; the worker's {@link ArtifactStore} reads the bucket at the artifacts' endpoint
 * with the artifacts' credentials.
 *
 * <p>Only the dataset's own files are fetched ({@link Datasets#files}: for CIFAR also inside the archive's
 * folder), into {@code cache/bucket/prefix}. A local copy whose size equals the object's listed size is reused;
 * otherwise the object is downloaded to a temporary file, its size checked against the listing, and moved into
 * place, so a half-written file is never read as a dataset file.
 */
public final class S3Datasets {

    /** More objects than any dataset prefix should hold: a listing stops there. */
    static final int MAX_OBJECTS = 10_000;

    private S3Datasets() {}

    /** Whether {@code path} names an S3 prefix rather than a folder. */
    public static boolean isS3(String path) {
        return path != null && path.startsWith("s3://");
    }

    /** The local folder holding {@code dataset}'s files from {@code s3Path}, fetched as needed. */
    public static Path fetch(ArtifactStore store, String dataset, String s3Path, Path cache) {
        String rest = s3Path.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        if (bucket.isEmpty() || prefix.contains("../") || prefix.startsWith("/")) {
            throw new DataException("data.path " + s3Path + " is not s3://bucket/prefix");
        }
        Map<String, Long> wanted = new HashMap<>();
        for (StoredObject o : store.listIn(bucket, prefix, MAX_OBJECTS)) {
            String rel = o.key().substring(prefix.length());
            if (Datasets.files(dataset).contains(rel)) {
                wanted.put(rel, o.bytes());
            }
        }
        if (wanted.isEmpty()) {
            throw new DataException("s3://" + bucket + "/" + prefix + " at " + store.endpointName() + " holds none of "
                    + dataset + "'s files" + Datasets.hint(dataset, "s3://" + bucket + "/" + prefix));
        }
        Path local = cache.resolve(bucket).resolve(prefix.isEmpty() ? "_" : prefix).normalize();
        for (Map.Entry<String, Long> e : wanted.entrySet()) {
            copy(store, bucket, prefix + e.getKey(), e.getValue(), local.resolve(e.getKey()));
        }
        return local;
    }

    private static void copy(ArtifactStore store, String bucket, String key, long bytes, Path target) {
        try {
            if (Files.isRegularFile(target) && Files.size(target) == bytes) {
                return;
            }
            Files.createDirectories(target.getParent());
            Path part = target.resolveSibling(target.getFileName() + ".part-" + ProcessHandle.current().pid()
                    + "-" + Thread.currentThread().getId());
            Files.deleteIfExists(part);
            try {
                store.downloadTo(bucket, key, part);
                long got = Files.size(part);
                if (got != bytes) {
                    throw new DataException("s3://" + bucket + "/" + key + ": downloaded " + got + " bytes but "
                            + bytes + " are listed; the object changed while it was read, or the copy failed");
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new DataException("cannot copy s3://" + bucket + "/" + key + " to " + target + ": " + e.getMessage(), e);
        }
    }
}
