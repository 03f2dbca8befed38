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
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.jdbc.PreferQueryMode;

/**
 * Runs one read-only statement typed by a user ({@code basin sql}).
 *
 * <p>The guards, outermost first:
 * <ul>
 *   <li>the role: on the embedded stack {@code basin_reader}, which may only read Basin's tables; a role
 *       that is a superuser or may read or write server files or run server programs is refused
 *       ({@link RefusedRole}) before the statement is sent;</li>
 *   <li>one statement, as the JDBC driver itself sees it: the text goes through the driver's own parser
 *       ({@link Parser#parseJdbcSql}, called as {@link Statement#execute(String)} calls it, with the
 *       connection's {@code standard_conforming_strings}), and text it would split is refused. Over the
 *       extended query protocol, which this forces, the server then refuses a text that it would itself
 *       split, whatever the driver thought;</li>
 *   <li>a {@code READ ONLY} transaction, always rolled back, under a statement timeout, on a connection
 *       whose socket gives up shortly after the timeout.</li>
 * </ul>
 * At most {@code maxRows} rows are kept; the rest are counted without being kept.
 */
public final class SqlQuery {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_ROWS = 10_000;
    /** Rows per round trip: memory stays bounded whatever the query returns. */
    static final int FETCH_SIZE = 500;
    private static final String READ_ONLY_VIOLATION = "25006";
    private static final String QUERY_CANCELED = "57014";
    private static final List<String> SERVER_ACCESS_ROLES =
            List.of("pg_execute_server_program", "pg_read_server_files", "pg_write_server_files");
    /**
     * What the login could become: the session's role and the current one (they differ after a {@code SET ROLE}
     * in the role's settings), and every role either may {@code SET ROLE} to. A member of a superuser role is as
     * good as a superuser, since one {@code DO} block can {@code SET ROLE} and then {@code COPY ... TO PROGRAM}.
     */
    private static final String ROLE_CHECK = "with me(u) as (values (session_user::name), (current_user::name))"
            + " select session_user::text,"
            + " exists (select 1 from pg_roles r, me where r.rolsuper and pg_has_role(me.u, r.oid, 'MEMBER')),"
            + " exists (select 1 from me where pg_has_role(me.u, ?, 'MEMBER')),"
            + " exists (select 1 from me where pg_has_role(me.u, ?, 'MEMBER')),"
            + " exists (select 1 from me where pg_has_role(me.u, ?, 'MEMBER')),"
            + " session_user <> current_user";

    private final Database db;
    private final Duration timeout;
    private final int maxRows;

    public SqlQuery(Database db) {
        this(db, DEFAULT_TIMEOUT, DEFAULT_MAX_ROWS);
    }

    public SqlQuery(Database db, Duration timeout) {
        this(db, timeout, DEFAULT_MAX_ROWS);
    }

    public SqlQuery(Database db, Duration timeout, int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be 0 or more, got " + maxRows);
        }
        this.db = db;
        this.timeout = timeout;
        this.maxRows = maxRows;
    }

    /** The connected role may act on the server's files or programs; nothing was run. */
    public static final class RefusedRole extends DbException {
        RefusedRole(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code statement} and returns its first {@code maxRows} rows and how many more there were.
     *
     * @throws RefusedRole if the connected role is a superuser or may reach server files or programs
     * @throws DbException if {@code statement} is empty or holds more than one statement, or if
     *     PostgreSQL rejects it; a write says "basin sql is read-only: ..."
     */
    public QueryResult run(String statement) {
        if (SqlText.blank(statement)) {
            throw new DbException("basin sql: no statement given");
        }
        // Slightly longer than the statement timeout: the server's cancellation arrives first, and a server
        // that stops answering altogether cannot hold basin sql forever.
        long socketSeconds = timeout.toSeconds() + 30;
        try (Connection c = db.connect(Map.of("preferQueryMode", "extended",
                "socketTimeout", Long.toString(socketSeconds), "ApplicationName", "basin sql"))) {
            requireExtendedProtocol(c);
            singleStatement(c, statement);
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                try (PreparedStatement ps = c.prepareStatement("set transaction read only")) {
                    ps.execute();
                }
                refusePrivilegedRole(c);
                try (PreparedStatement ps = c.prepareStatement("select set_config('statement_timeout', ?, true)")) {
                    ps.setString(1, timeout.toMillis() + "ms");
                    ps.execute();
                }
                // The user's text is the statement itself; it cannot be parameterised, and a plain
                // Statement keeps '?' operators (jsonb) from being read as placeholders. Escape processing
                // is off so that the driver sends exactly the text its parser was asked about.
                try (Statement st = c.createStatement()) {
                    st.setEscapeProcessing(false);
                    st.setFetchSize(FETCH_SIZE);
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

    private static void requireExtendedProtocol(Connection c) throws SQLException {
        PreferQueryMode mode = c.unwrap(PGConnection.class).getPreferQueryMode();
        if (mode != PreferQueryMode.EXTENDED) {
            throw new DbException("basin sql needs the extended query protocol; remove preferQueryMode=" + mode.value()
                    + " from the database URL");
        }
    }

    /** Refuses what the driver would send as more than one query; see the class comment. */
    private static void singleStatement(Connection c, String sql) throws SQLException {
        BaseConnection base = c.unwrap(BaseConnection.class);
        List<NativeQuery> queries = Parser.parseJdbcSql(sql, base.getStandardConformingStrings(), false, true, false,
                base.getQueryExecutor().getQuoteReturningIdentifiers());
        if (queries.size() > 1) {
            throw new DbException("basin sql runs a single statement; the JDBC driver would split this text into "
                    + queries.size() + " at ';' (remove what follows the first statement, trailing comments too)");
        }
        if (queries.isEmpty()) {
            throw new DbException("basin sql: no statement given");
        }
    }

    private static void refusePrivilegedRole(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROLE_CHECK)) {
            for (int i = 0; i < SERVER_ACCESS_ROLES.size(); i++) {
                ps.setString(i + 1, SERVER_ACCESS_ROLES.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RefusedRole("basin sql: cannot tell what the connected role may do");
                }
                String role = rs.getString(1);
                if (rs.getBoolean(2)) {
                    throw new RefusedRole(refusal(role, "is a superuser or may become one (SET ROLE)"));
                }
                if (rs.getBoolean(6)) {
                    throw new RefusedRole(refusal(role, "runs as another role than it logged in as"));
                }
                List<String> memberOf = new ArrayList<>();
                for (int i = 0; i < SERVER_ACCESS_ROLES.size(); i++) {
                    if (rs.getBoolean(i + 3)) {
                        memberOf.add(SERVER_ACCESS_ROLES.get(i));
                    }
                }
                if (!memberOf.isEmpty()) {
                    throw new RefusedRole(refusal(role, "is a member of " + String.join(", ", memberOf)
                            + ", which may reach the server's files or programs"));
                }
            }
        }
    }

    private static String refusal(String role, String why) {
        return "basin sql refuses to run as role " + role + ": it " + why + ". Give --db-user a role that can only"
                + " read Basin's tables (such as basin_reader, see infra/deploy/initdb/basin-roles.sh)";
    }

    // Plain JDBC, not JDBI: the user's query has no record to map to; its columns are whatever it selects (same
    // names twice, unnamed expressions), read as text in result-set order, which is exactly the printed table.
    private QueryResult read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rows.size() < maxRows && rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getString(i));
            }
            rows.add(Collections.unmodifiableList(row));
        }
        // The rest is counted, not kept (the fetch size bounds what is held), for no longer than the timeout:
        // the server's timeout restarts with each fetch, so it does not bound the count.
        long leftOut = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rs.next()) {
            leftOut++;
            if (System.nanoTime() > deadline) {
                return new QueryResult(columns, rows, leftOut, false);
            }
        }
        return new QueryResult(columns, rows, leftOut, true);
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
