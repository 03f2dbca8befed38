package dev.basin.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where Basin's three services are. With none of the external endpoints given, Basin uses the
 * embedded stack over {@code --data-dir}: the one {@code basin up} is serving, or a new one.
 * Secrets are read only from the environment (BASIN_DB_PASSWORD, the AWS default chain) or from a
 * file ({@code --db-password-file}); never from a flag, since flags show up in {@code ps} and in
 * shell histories.
 */
public final class ConnectionOptions {
    @Option(names = "--data-dir", defaultValue = "${env:BASIN_DATA_DIR:-basin-data}",
            description = "Folder of the embedded stack's state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--temporal", defaultValue = "${env:BASIN_TEMPORAL}",
            description = "Temporal frontend host:port (env BASIN_TEMPORAL); selects external mode.")
    String temporal;

    @Option(names = "--namespace", defaultValue = "${env:BASIN_NAMESPACE:-default}", description = "Temporal namespace.")
    String namespace;

    @Option(names = "--temporal-tls", defaultValue = "${env:BASIN_TEMPORAL_TLS:-false}", description = "Use TLS to Temporal.")
    boolean temporalTls;

    @Option(names = "--temporal-token-file", paramLabel = "FILE", defaultValue = "${env:BASIN_TEMPORAL_TOKEN_FILE}",
            description = "External mode: send the bearer token on the first line of FILE to Temporal (env "
                    + "BASIN_TEMPORAL_TOKEN_FILE); without it, env BASIN_TEMPORAL_TOKEN; without both, no token.")
    Path temporalTokenFile;

    @Option(names = "--s3-endpoint", defaultValue = "${env:BASIN_S3_ENDPOINT}",
            description = "S3 endpoint URL (env BASIN_S3_ENDPOINT); leave out for AWS.")
    String s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "${env:BASIN_S3_REGION:-us-east-1}", description = "S3 region.")
    String s3Region;

    @Option(names = "--bucket", defaultValue = "${env:BASIN_BUCKET}", description = "S3 bucket (env BASIN_BUCKET).")
    String bucket;

    @Option(names = "--db-url", defaultValue = "${env:BASIN_DB_URL}",
            description = "PostgreSQL JDBC URL (env BASIN_DB_URL); password from --db-password-file or BASIN_DB_PASSWORD.")
    String dbUrl;

    @Option(names = "--db-password-file", paramLabel = "FILE", defaultValue = "${env:BASIN_DB_PASSWORD_FILE}",
            description = "Read the PostgreSQL password from the first line of FILE (env BASIN_DB_PASSWORD_FILE); "
                    + "without it, from env BASIN_DB_PASSWORD.")
    Path dbPasswordFile;

    @Option(names = "--db-user", defaultValue = "${env:BASIN_DB_USER:-basin}",
            description = "PostgreSQL user; for `basin sql`, a read-only role such as basin_reader.")
    String dbUser;

    @Option(names = "--db-sslmode", paramLabel = "MODE", defaultValue = "${env:BASIN_DB_SSLMODE}",
            description = "TLS to an external PostgreSQL (env BASIN_DB_SSLMODE): " + DbSslMode.ALLOWED + ".")
    String dbSslmode;

    @Option(names = "--task-queue", defaultValue = "${env:BASIN_TASK_QUEUE:-basin}",
            description = "Task queue of workflows and bookkeeping (default: ${DEFAULT-VALUE}).")
    String taskQueue;

    @Option(names = "--compute-queue", defaultValue = "${env:BASIN_COMPUTE_QUEUE:-basin-compute}",
            description = "Task queue of training and evaluation (default: ${DEFAULT-VALUE}).")
    String computeQueue;

    /**
     * The external database's password: the first line of {@code --db-password-file}, else
     * BASIN_DB_PASSWORD, else PGPASSWORD, else none. The file's content never appears in a message.
     */
    String dbPassword() {
        if (dbPasswordFile == null) {
            String env = System.getenv("BASIN_DB_PASSWORD");
            return env != null ? env : System.getenv("PGPASSWORD");
        }
        String text;
        try {
            text = Files.readString(dbPasswordFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("--db-password-file " + dbPasswordFile + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("--db-password-file " + dbPasswordFile + ": cannot read it ("
                    + e.getClass().getSimpleName() + ")");
        }
        String password = text.lines().findFirst().orElse("");
        if (password.isEmpty()) {
            throw new BadInputException("--db-password-file " + dbPasswordFile + ": the first line is empty");
        }
        return password;
    }

    /**
     * {@code --db-url} with {@code --db-sslmode} applied.
     *
     * @throws BadInputException if the mode is not one PostgreSQL knows, or the URL sets another one
     */
    String dbUrlWithSslmode() {
        return DbSslMode.apply(dbUrl, dbSslmode);
    }

    /**
     * The token for an external Temporal: the first line of {@code --temporal-token-file}, else
     * BASIN_TEMPORAL_TOKEN, else none. The embedded stack's token comes from its credentials file instead.
     */
    String temporalToken() {
        if (temporalTokenFile == null) {
            String env = System.getenv("BASIN_TEMPORAL_TOKEN");
            return env == null || env.isEmpty() ? null : env;
        }
        try {
            String token = Files.readString(temporalTokenFile, StandardCharsets.UTF_8).lines().findFirst()
                    .orElse("").strip();
            if (token.isEmpty()) {
                throw new BadInputException("--temporal-token-file " + temporalTokenFile + ": the first line is empty");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new BadInputException("--temporal-token-file " + temporalTokenFile + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("--temporal-token-file " + temporalTokenFile + ": cannot read it ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** True when the user pointed Basin at services of their own. */
    boolean external() {
        boolean any = temporal != null || dbUrl != null || bucket != null || s3Endpoint != null;
        if (any && (temporal == null || dbUrl == null || bucket == null)) {
            throw new BadInputException("external mode needs all of --temporal, --db-url and --bucket "
                    + "(or BASIN_TEMPORAL, BASIN_DB_URL, BASIN_BUCKET); got"
                    + (temporal == null ? "" : " --temporal") + (dbUrl == null ? "" : " --db-url")
                    + (bucket == null ? "" : " --bucket") + (s3Endpoint == null ? "" : " --s3-endpoint"));
        }
        return any;
    }
}
