package dev.basin.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * An S3 server (s3proxy) on 127.0.0.1 over the folder {@code <data>/s3}: one sub-folder per
 * bucket, one file per object. Requests must be signed (AWS v2 or v4) with the data folder's keys.
 */
public final class LocalS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final URI endpoint;
    private boolean closed;

    private LocalS3(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /** Starts on a free loopback port and creates {@code bucket} if it is missing. */
    public static LocalS3 start(Path dataDir, Credentials credentials, String bucket) {
        return start(dataDir, credentials, bucket, 0);
    }

    /**
     * Starts on {@code port} of the loopback address (0: a free one). A given port restarts a stopped
     * server where its clients expect it, as a test of an S3 outage needs.
     */
    public static LocalS3 start(Path dataDir, Credentials credentials, String bucket, int port) {
        Path base = dataDir.resolve("s3");
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        S3Proxy proxy;
        try {
            Files.createDirectories(base);
            Properties props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", base.toAbsolutePath().toString());
            proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem", props))
                    .endpoint(URI.create("http://" + host + ":" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.s3AccessKey(), credentials.s3SecretKey())
                    .build();
            proxy.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local S3 server over " + base, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the local S3 server over " + base + ": " + e.getMessage(), e);
        }
        LocalS3 s3 = new LocalS3(proxy, URI.create("http://" + host + ":" + proxy.getPort()));
        try (S3Client client = client(s3.endpoint, credentials.s3AccessKey(), credentials.s3SecretKey())) {
            try {
                client.headBucket(b -> b.bucket(bucket));
            } catch (NoSuchBucketException e) {
                client.createBucket(b -> b.bucket(bucket));
            }
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    /** A path-style client for an S3 endpoint such as this one. */
    public static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(Endpoints.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the local S3 server: " + e.getMessage(), e);
        }
    }
}
