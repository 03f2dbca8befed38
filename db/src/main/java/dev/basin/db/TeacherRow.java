package dev.basin.db;

/**
 * A teacher's softmax on the training set, stored in S3 as {@code .npy}: {@code teacher} is {@code deep} or
 * {@code final:J}, {@code models} the teaching models' weight hashes (what the artifact is keyed by).
 */
public record TeacherRow(String study, String runKey, String teacher, String models, String artifactKey,
                         String sha256, long bytes, String inputKey) {}
