package dev.basin.artifacts;

/**
 * Where artifacts live. Credentials are deliberately not part of this record: they come from the
 * environment or the AWS default chain (or, for the embedded stack, from its credentials file), so
 * a config can be logged or passed through Temporal without leaking a secret.
 *
 * @param endpoint S3 endpoint URL, or {@code null} for AWS itself
 * @param region   signing region, e.g. {@code us-east-1}
 * @param bucket   the bucket that holds every study's objects
 */
public record S3Config(String endpoint, String region, String bucket) {}
