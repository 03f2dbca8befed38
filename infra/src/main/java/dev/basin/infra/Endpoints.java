package dev.basin.infra;

/**
 * How to reach a running stack: Temporal, S3 and PostgreSQL. {@link #toString()} redacts the
 * secrets; {@link #describe()} lists the endpoints for people. {@code temporalToken} is the bearer
 * token Temporal wants ({@link TemporalToken}), or null for one that wants none.
 */
public record Endpoints(String temporalTarget, String temporalNamespace, String s3Endpoint, String s3Region,
                        String bucket, String s3AccessKey, String s3SecretKey, String dbUrl, String dbUser,
                        String dbPassword, String temporalToken) {

    public static final String NAMESPACE = "default";
    public static final String REGION = "us-east-1";
    public static final String BUCKET = "basin";

    /** Endpoints without secrets, one per line. */
    public String describe() {
        return "temporal   " + temporalTarget + " (namespace " + temporalNamespace + ")\n"
                + "s3         " + s3Endpoint + " (bucket " + bucket + ", region " + s3Region + ")\n"
                + "postgresql " + dbUrl + " (user " + dbUser + ")\n";
    }

    @Override
    public String toString() {
        return "Endpoints[temporalTarget=" + temporalTarget + ", temporalNamespace=" + temporalNamespace
                + ", s3Endpoint=" + s3Endpoint + ", s3Region=" + s3Region + ", bucket=" + bucket
                + ", s3AccessKey=***, s3SecretKey=***, dbUrl=" + dbUrl + ", dbUser=" + dbUser + ", dbPassword=***"
                + ", temporalToken=" + (temporalToken == null ? "none" : "***") + "]";
    }
}
