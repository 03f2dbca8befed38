package dev.basin.cli;

import dev.basin.db.Database;
import dev.basin.db.QueryResult;
import dev.basin.db.SqlQuery;
import dev.basin.db.TableFormat;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One read-only query against the study database, printed as a table or CSV. On the embedded stack it runs
 * as the role {@code basin_reader}; against an external database as {@code --db-user}, which must be neither
 * a superuser nor able to reach the server's files or programs ({@link SqlQuery}).
 */
@Command(name = "sql", description = "Run one read-only SQL query against the study database.")
final class SqlCommand implements Callable<Integer> {
    static final int MAX_TIMEOUT_SECONDS = 3600;

    @Parameters(paramLabel = "QUERY") String query;
    @Mixin ConnectionOptions connection;
    @Option(names = "--csv", description = "Print CSV instead of an aligned table.") boolean csv;
    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + SqlQuery.DEFAULT_MAX_ROWS,
            description = "Print at most N rows (default: ${DEFAULT-VALUE}); stderr says how many were left out.")
    int maxRows;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Cancel the query after SECONDS, 1 to " + MAX_TIMEOUT_SECONDS + " (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (maxRows < 1) {
            throw new BadInputException("--max-rows must be 1 or more, got " + maxRows);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new BadInputException("--timeout must be 1 to " + MAX_TIMEOUT_SECONDS + " seconds, got " + timeoutSeconds);
        }
        try (Services services = Services.open(connection, true)) {
            QueryResult result;
            try {
                result = new SqlQuery(new Database(services.reader(connection)), Duration.ofSeconds(timeoutSeconds),
                        maxRows).run(query);
            } catch (SqlQuery.RefusedRole e) {
                throw new BadInputException(e.getMessage());
            }
            System.out.print(csv ? TableFormat.csv(result) : TableFormat.aligned(result));
            System.out.flush();
            if (result.leftOut() > 0) {
                spec.commandLine().getErr().println("basin sql: printed the first " + result.rows().size() + " rows; "
                        + (result.leftOutExact() ? "" : "at least ") + result.leftOut() + " more "
                        + (result.leftOut() == 1 ? "was" : "were") + " left out (raise --max-rows to see them)");
            }
            return 0;
        }
    }
}
