package dev.basin.cli;

import dev.basin.db.Database;
import dev.basin.db.QueryResult;
import dev.basin.db.SqlQuery;
import dev.basin.db.TableFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One read-only query against the study database, printed as a table or CSV. */
@Command(name = "sql", description = "Run one read-only SQL query against the study database.")
final class SqlCommand implements Callable<Integer> {
    @Parameters(paramLabel = "QUERY") String query;
    @Mixin ConnectionOptions connection;
    @Option(names = "--csv", description = "Print CSV instead of an aligned table.") boolean csv;

    @Override
    public Integer call() {
        try (Services services = Services.open(connection, true)) {
            QueryResult result = new SqlQuery(new Database(services.db)).run(query);
            System.out.print(csv ? TableFormat.csv(result) : TableFormat.aligned(result));
            System.out.flush();
            return 0;
        }
    }
}
