package dev.basin.infra;

import dev.basin.db.DbException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The role {@code basin sql} logs in as on the embedded server: it may read Basin's tables and views
 * and nothing else, so a statement that slips past any client-side check still cannot write.
 *
 * <p>Applied as the superuser at every start of a stack, after the migrations, because data folders
 * bootstrapped by an older Basin lack the role, and a migration may have added tables. Every statement
 * is idempotent. What the role gets:
 * <ul>
 *   <li>LOGIN and no other attribute; no membership in any role; owns nothing;</li>
 *   <li>{@code default_transaction_read_only = on} and a statement timeout, as role settings;</li>
 *   <li>CONNECT on database {@code basin}, USAGE on schema {@code public}, SELECT on its tables and views,
 *       also on those created later by {@code basin} (default privileges). No sequence, hence no
 *       {@code nextval};</li>
 *   <li>PUBLIC loses TEMP and CONNECT on database {@code basin} and CREATE on schema {@code public};</li>
 *   <li>PUBLIC loses EXECUTE, in database {@code basin}, on the functions that write large objects or
 *       read them from files, that signal other sessions of the same role (one user's {@code basin sql}
 *       cancelling another's), and on advisory locks (which would let a reader stall Flyway's migration
 *       lock); {@code basin} keeps the advisory locks, which Flyway needs.</li>
 * </ul>
 */
final class ReaderRole {

    /** Server-side bound of one reader statement; {@code basin sql} sets its own, lower or higher, per query. */
    static final String STATEMENT_TIMEOUT = "60s";

    private static final String DENIED_FUNCTIONS = """
            DO $$
            DECLARE f regprocedure;
            BEGIN
              FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname = 'pg_catalog'
                         AND (p.proname IN ('lo_create', 'lo_creat', 'lo_from_bytea', 'lo_import', 'lo_export',
                                            'lo_unlink', 'lo_put', 'lowrite', 'lo_truncate', 'lo_truncate64',
                                            'pg_terminate_backend', 'pg_cancel_backend')
                              OR p.proname LIKE 'pg%advisory%')
              LOOP
                EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
              END LOOP;
              FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname = 'pg_catalog' AND p.proname LIKE 'pg%advisory%'
              LOOP
                EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, '%OWNER%');
              END LOOP;
            END $$""";

    private static final String NO_MEMBERSHIPS = """
            DO $$
            DECLARE g text;
            BEGIN
              FOR g IN SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                       WHERE m.member = '%READER%'::regrole
              LOOP
                EXECUTE format('REVOKE %I FROM %I', g, '%READER%');
              END LOOP;
            END $$""";

    private ReaderRole() {
    }

    /**
     * Creates or updates the reader on the server at {@code jdbcUrl} (database {@code basin}), logging in
     * as {@code postgres}.
     *
     * @throws DbException if the server refuses a statement
     */
    static void ensure(String jdbcUrl, Credentials credentials) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", credentials.postgresPassword());
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "120");
        try (Connection c = DriverManager.getConnection(jdbcUrl, props); Statement st = c.createStatement()) {
            for (String sql : statements(credentials.readerPassword())) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            // The message may quote a statement, and one of them holds the password.
            throw new DbException("cannot set up the read-only role " + LocalPostgres.READER + " at " + jdbcUrl
                    + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** In order; the password is inlined (a utility statement takes no parameter), {@link Credentials} keeps it alphanumeric. */
    static List<String> statements(String password) {
        String reader = LocalPostgres.READER;
        String owner = LocalPostgres.USER;
        String db = LocalPostgres.DATABASE;
        return List.of(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + reader + "') THEN"
                        + " CREATE ROLE " + reader + "; END IF; END $$",
                "ALTER ROLE " + reader + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION"
                        + " NOBYPASSRLS CONNECTION LIMIT 20 PASSWORD '" + password + "'",
                "ALTER ROLE " + reader + " SET default_transaction_read_only = on",
                "ALTER ROLE " + reader + " SET statement_timeout = '" + STATEMENT_TIMEOUT + "'",
                "ALTER ROLE " + reader + " SET idle_in_transaction_session_timeout = '" + STATEMENT_TIMEOUT + "'",
                NO_MEMBERSHIPS.replace("%READER%", reader),
                "REVOKE ALL ON DATABASE " + db + " FROM PUBLIC",
                "GRANT CONNECT ON DATABASE " + db + " TO " + reader,
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "GRANT USAGE ON SCHEMA public TO " + reader,
                "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM " + reader,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + reader,
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT SELECT ON TABLES TO " + reader,
                DENIED_FUNCTIONS.replace("%OWNER%", owner));
    }
}
