package dev.basin.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs one read-only statement typed by a user ({@code basin sql}).
 *
 * <p>The guard is PostgreSQL's own: the statement runs in a {@code READ ONLY} transaction that is
 * always rolled back, under a statement timeout. Splitting off a second statement after a
 * {@code ;} is refused before anything is sent, since the JDBC driver would otherwise run the
 * pieces one by one and a {@code COMMIT; INSERT ...} could escape the read-only transaction.
 */
public final class SqlQuery {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final String READ_ONLY_VIOLATION = "25006";
    private static final String QUERY_CANCELED = "57014";

    private final Database db;
    private final Duration timeout;

    public SqlQuery(Database db) {
        this(db, DEFAULT_TIMEOUT);
    }

    public SqlQuery(Database db, Duration timeout) {
        this.db = db;
        this.timeout = timeout;
    }

    /**
     * Runs {@code sql} and returns all its rows.
     *
     * @throws DbException if {@code sql} is empty or holds more than one statement, or if
     *     PostgreSQL rejects it; a write says "basin sql is read-only: ..."
     */
    public QueryResult run(String sql) {
        String statement = SqlText.singleStatement(sql);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                try (PreparedStatement ps = c.prepareStatement("set transaction read only")) {
                    ps.execute();
                }
                try (PreparedStatement ps = c.prepareStatement("select set_config('statement_timeout', ?, true)")) {
                    ps.setString(1, timeout.toMillis() + "ms");
                    ps.execute();
                }
                // The user's text is the statement itself; it cannot be parameterised, and a plain
                // Statement keeps '?' operators (jsonb) from being read as placeholders.
                try (Statement st = c.createStatement()) {
                    if (!st.execute(statement)) {
                        return new QueryResult(List.of(), List.of());
                    }
                    try (ResultSet rs = st.getResultSet()) {
                        return read(rs);
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    // Plain JDBC, not JDBI: the user's query has no record to map to; its columns are whatever it selects (same
    // names twice, unnamed expressions), read as text in result-set order, which is exactly the printed table.
    private static QueryResult read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getString(i));
            }
            rows.add(Collections.unmodifiableList(row));
        }
        return new QueryResult(columns, rows);
    }

    private DbException translate(SQLException e) {
        if (READ_ONLY_VIOLATION.equals(e.getSQLState())) {
            return new DbException("basin sql is read-only: " + e.getMessage(), e);
        }
        if (QUERY_CANCELED.equals(e.getSQLState())) {
            return new DbException("basin sql: query ran longer than " + timeout.toSeconds() + " s and was cancelled", e);
        }
        return new DbException("basin sql: " + e.getMessage(), e);
    }
}
