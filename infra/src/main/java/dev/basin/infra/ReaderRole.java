package dev.basin.infra;

import dev.basin.db.DbException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The role {@code basin sql} logs in as on the embedded server: it may read Basin's tables and views
 * and nothing else, so a statement that slips past any client-side check still cannot write.
 *
 * <p>Applied as the superuser at every start of a stack, after the migrations, because data folders
 * bootstrapped by an older Basin lack the role, and a migration may have added tables. What the role gets:
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

    /**
     * The statements, in order, each idempotent. The names are LocalPostgres's USER, READER and DATABASE
     * (ReaderRoleTest checks the result under those names). The password never enters the SQL text: it is
     * a session setting, set by a bound parameter, that the ALTER ROLE reads.
     */
    private static final String SETUP = """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'basin_reader') THEN CREATE ROLE basin_reader; END IF;
            END $$;
            ALTER ROLE basin_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS
                CONNECTION LIMIT 20;
            DO $$ BEGIN
              EXECUTE format('ALTER ROLE basin_reader PASSWORD %L', current_setting('basin.reader_password'));
            END $$;
            ALTER ROLE basin_reader SET default_transaction_read_only = on;
            ALTER ROLE basin_reader SET statement_timeout = '60s';
            ALTER ROLE basin_reader SET idle_in_transaction_session_timeout = '60s';
            DO $$
            DECLARE g text;
            BEGIN
              FOR g IN SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                       WHERE m.member = 'basin_reader'::regrole
              LOOP
                EXECUTE format('REVOKE %I FROM basin_reader', g);
              END LOOP;
            END $$;
            REVOKE ALL ON DATABASE basin FROM PUBLIC;
            GRANT CONNECT ON DATABASE basin TO basin_reader;
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA public TO basin_reader;
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM basin_reader;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO basin_reader;
            ALTER DEFAULT PRIVILEGES FOR ROLE basin IN SCHEMA public GRANT SELECT ON TABLES TO basin_reader;
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
                EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO basin', f);
              END LOOP;
            END $$;
            """;

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
        try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
            try (PreparedStatement ps = c.prepareStatement("select set_config('basin.reader_password', ?, false)")) {
                ps.setString(1, credentials.readerPassword());
                ps.execute();
            }
            try (Statement st = c.createStatement()) {
                st.execute(SETUP);
            }
        } catch (SQLException e) {
            // Not the server's message: its context could quote the ALTER ROLE with the password.
            throw new DbException("cannot set up the read-only role " + LocalPostgres.READER + " at " + jdbcUrl
                    + " (SQL state " + e.getSQLState() + "; see the server log)");
        }
    }
}
