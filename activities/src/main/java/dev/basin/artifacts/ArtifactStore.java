package dev.basin.artifacts;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Stores and fetches a study's tensors in S3, checking every object against its SHA-256.
 *
 * <p>Keys are derived from what the object is (study, run key, member, epoch), never from time or
 * randomness, so a retried activity overwrites its own earlier attempt instead of leaving a twin.
 *
 * <p>Weights and saved training states are also content-addressed ({@link #putAddressed}): their key
 * ends with the SHA-256 of their bytes. Two attempts of one activity can run at once (a worker paused
 * mid-upload wakes after its retry started elsewhere), and the upload and the row that records it are
 * two steps; under a key of its own per content, whatever order the two attempts' uploads and rows
 * interleave in, a row names an object that holds exactly the bytes whose hash it records. A row
 * upsert may replace one attempt's key by the other's: both objects stay, and both verify.
 */
public final class ArtifactStore implements AutoCloseable {
    private final S3Client s3;
    private final S3Config config;

    public ArtifactStore(S3Config config, AwsCredentialsProvider credentials) {
        this.config = config;
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(true);
        if (config.endpoint() != null) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        this.s3 = builder.build();
    }

    public S3Config config() {
        return config;
    }

    /** Uploads {@code data} under {@code key} and verifies the stored size before returning its reference. */
    public ArtifactRef put(String key, byte[] data) {
        return put(key, sha256(data), data);
    }

    /**
     * Uploads {@code data} under a content-addressed key: {@code keyOf} is given the bytes' SHA-256 (hex) and
     * returns a key that contains it (see the class comment for why).
     *
     * @throws IllegalArgumentException if the key does not contain the hash
     */
    public ArtifactRef putAddressed(UnaryOperator<String> keyOf, byte[] data) {
        String sha = sha256(data);
        String key = keyOf.apply(sha);
        if (!key.contains(sha)) {
            throw new IllegalArgumentException("key " + key + " is not addressed by its content's SHA-256 " + sha);
        }
        return put(key, sha, data);
    }

    private ArtifactRef put(String key, String sha, byte[] data) {
        try {
            s3.putObject(b -> b.bucket(config.bucket()).key(key).metadata(java.util.Map.of("sha256", sha)),
                    RequestBody.fromBytes(data));
            HeadObjectResponse head = s3.headObject(b -> b.bucket(config.bucket()).key(key));
            if (head.contentLength() != data.length) {
                throw new ArtifactException("s3://" + config.bucket() + "/" + key + ": stored " + head.contentLength()
                        + " bytes, sent " + data.length);
            }
        } catch (SdkException e) {
            throw new ArtifactException("cannot store s3://" + config.bucket() + "/" + key + " at "
                    + endpointName() + ": " + e.getMessage(), e);
        }
        return new ArtifactRef(key, sha, data.length);
    }

    /** Downloads an object and refuses it unless its SHA-256 matches the recorded one. */
    public byte[] get(ArtifactRef ref) {
        byte[] data;
        try {
            data = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(ref.key())).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new ArtifactException("s3://" + config.bucket() + "/" + ref.key() + " is missing", e);
        } catch (SdkException e) {
            throw new ArtifactException("cannot read s3://" + config.bucket() + "/" + ref.key() + " at "
                    + endpointName() + ": " + e.getMessage(), e);
        }
        String sha = sha256(data);
        if (!sha.equals(ref.sha256())) {
            throw new DamagedArtifactException("s3://" + config.bucket() + "/" + ref.key() + " has SHA-256 " + sha
                    + " but " + ref.sha256() + " was recorded; refusing to load it", ref.key(), ref.sha256(), sha);
        }
        return data;
    }

    /** Keys per DeleteObjects request: the most S3 accepts in one. */
    static final int DELETE_BATCH = 1000;

    /** Every object whose key starts with {@code prefix}, in key order, read page by page (ListObjectsV2). */
    public List<StoredObject> list(String prefix) {
        return list(prefix, DELETE_BATCH);
    }

    /** {@link #list(String)} with pages of {@code pageSize} keys (tests use small pages). */
    List<StoredObject> list(String prefix, int pageSize) {
        List<StoredObject> out = new ArrayList<>();
        try {
            s3.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(prefix).maxKeys(pageSize)).contents()
                    .forEach(o -> out.add(new StoredObject(o.key(), o.size())));
        } catch (SdkException e) {
            throw new ArtifactException("cannot list s3://" + config.bucket() + "/" + prefix + " at " + endpointName()
                    + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Deletes {@code keys}, {@value #DELETE_BATCH} per request; a key that is already gone counts as deleted.
     *
     * @throws ArtifactException naming the first key S3 refused to delete, after every batch was tried
     */
    public void delete(Collection<String> keys) {
        delete(keys, DELETE_BATCH);
    }

    /** {@link #delete(Collection)} in batches of {@code batchSize} keys (tests use small batches). */
    void delete(Collection<String> keys, int batchSize) {
        List<String> all = List.copyOf(keys);
        List<String> refused = new ArrayList<>();
        for (int from = 0; from < all.size(); from += batchSize) {
            List<ObjectIdentifier> batch = all.subList(from, Math.min(all.size(), from + batchSize)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            try {
                DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(config.bucket())
                        .delete(Delete.builder().objects(batch).quiet(true).build()));
                r.errors().forEach(e -> refused.add(e.key() + " (" + e.code() + ": " + e.message() + ")"));
            } catch (SdkException e) {
                throw new ArtifactException("cannot delete objects from s3://" + config.bucket() + " at "
                        + endpointName() + ": " + e.getMessage(), e);
            }
        }
        if (!refused.isEmpty()) {
            throw new ArtifactException("S3 refused to delete " + refused.size() + " of " + all.size()
                    + " objects from s3://" + config.bucket() + ", the first " + refused.get(0));
        }
    }

    /**
     * Checks, with a bounded wait, that the bucket exists and these credentials may use it, so that
     * a wrong key or endpoint fails before a study starts instead of inside its first checkpoint.
     *
     * @throws ArtifactException naming the endpoint, the bucket and what is wrong (never a secret)
     */
    public void checkAccess() {
        String where = "bucket " + config.bucket() + " at " + endpointName();
        try {
            s3.headBucket(b -> b.bucket(config.bucket())
                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(20))));
        } catch (S3Exception e) {
            throw new ArtifactException(switch (e.statusCode()) {
                case 301, 400 -> "S3 cannot serve " + where + " (HTTP " + e.statusCode() + "); check --s3-endpoint and --s3-region";
                case 401, 403 -> "S3 refused the credentials for " + where + " (HTTP " + e.statusCode()
                        + "); check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the AWS profile";
                case 404 -> where + " does not exist; create it first";
                default -> "S3 cannot serve " + where + " (HTTP " + e.statusCode() + ")";
            }, e);
        } catch (SdkException e) {
            throw new ArtifactException("cannot reach S3 for " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The objects under {@code prefix} in {@code bucket}, which need not be this store's bucket: datasets kept in
     * S3 ({@code data.path: s3://bucket/prefix}) are read at this store's endpoint with its credentials. At most
     * {@code limit} objects, in key order.
     */
    public List<StoredObject> listIn(String bucket, String prefix, int limit) {
        List<StoredObject> out = new ArrayList<>();
        try {
            for (var o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(new StoredObject(o.key(), o.size()));
            }
        } catch (SdkException e) {
            throw new ArtifactException("cannot list s3://" + bucket + "/" + prefix + " at " + endpointName() + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    /** Streams object {@code key} of {@code bucket} into {@code file}, which must not exist yet. */
    public void downloadTo(String bucket, String key, java.nio.file.Path file) {
        try {
            s3.getObject(b -> b.bucket(bucket).key(key),
                    software.amazon.awssdk.core.sync.ResponseTransformer.toFile(file));
        } catch (SdkException e) {
            throw new ArtifactException("cannot read s3://" + bucket + "/" + key + " at " + endpointName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where the objects go, for messages: the endpoint, or AWS S3 and its region. */
    public String endpointName() {
        return config.endpoint() == null ? "AWS S3 (" + config.region() + ")" : config.endpoint();
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
