package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.infra.Credentials;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import dev.basin.infra.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;

/**
 * Part 1 of issue 14: {@code basin sql} cannot write, lock, signal, read files or run programs, whatever text it
 * is given. A real embedded stack is served to the CLI as {@code basin up} serves it, so the CLI logs in as
 * {@code basin_reader}. Two other sessions stay open throughout: one as {@code basin} (listening for
 * notifications) and one as {@code basin_reader} (a target for a same-role signal). After every attempt the
 * database's {@link DbFingerprint} is what it was, both sessions still answer, and no file appeared.
 */
class SqlEscapeTest {
    @TempDir static Path dir;
    static Path data;
    static EmbeddedStack stack;
    static Endpoints e;
    static Credentials credentials;
    static Connection superuser;
    static Connection basinSession;
    static Connection readerSession;
    static int basinPid;
    static int readerPid;
    static Path marker;

    @BeforeAll
    static void start() throws Exception {
        data = dir.resolve("stack");
        stack = EmbeddedStack.start(data);
        e = stack.endpoints();
        UpCommand.write(data, e);
        credentials = Credentials.loadOrCreate(data);
        superuser = DriverManager.getConnection(e.dbUrl(), "postgres", credentials.postgresPassword());
        basinSession = DriverManager.getConnection(e.dbUrl(), e.dbUser(), e.dbPassword());
        readerSession = DriverManager.getConnection(e.dbUrl(), LocalPostgres.READER, credentials.readerPassword());
        try (Statement st = basinSession.createStatement()) {
            st.execute("insert into study (name, spec, spec_hash, seed, status, code_version, threads)"
                    + " values ('seeded', 'study: seeded', 'h', 1, 'completed', 't', 1)");
            st.execute("listen basin_escape");
        }
        basinPid = pid(basinSession);
        readerPid = pid(readerSession);
        marker = dir.resolve("escaped");
    }

    @AfterAll
    static void stop() throws SQLException {
        for (Connection c : new Connection[] {superuser, basinSession, readerSession}) {
            if (c != null) {
                c.close();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * The attempts PostgreSQL lets run, each harmless: a session default for later transactions (there are
     * none), a session-local prepared statement, a statement whose "second half" is inside a nested comment,
     * notifications and LISTEN in a transaction that is rolled back (so never delivered), and ANALYZE of a
     * table the reader does not own (skipped with a warning). Every other attempt must fail.
     */
    private static final Set<String> HARMLESS = Set.of(
            "set session characteristics as transaction read write",
            "prepare p as delete from study",
            "select 1 /* /* nested */ ; delete from study */",
            "notify basin_escape, 'x'",
            "select pg_notify('basin_escape', 'x')",
            "listen basin_escape",
            "analyze study");

    static Stream<String> attempts() {
        String insert = "insert into study (name, spec, spec_hash, seed, status, code_version, threads)"
                + " values ('x', 's', 'h', 1, 'running', 'c', 1)";
        return Stream.of(
                // plain writes and DDL
                insert,
                "update study set status = 'failed'",
                "delete from study",
                "truncate study cascade",
                "drop table study cascade",
                "alter table study add column escaped int",
                "comment on table study is 'escaped'",
                "create table escape_t (x int)",
                "create temp table escape_t (x int)",
                "select * into escape_t from study",
                "select * into temp escape_t from study",
                "create view escape_v as select 1",
                "create function escape_f() returns int language sql as 'select 1'",
                "create index on study (seed)",
                "explain analyze delete from study",
                "with gone as (delete from study returning name) select * from gone",
                "with u as (update study set seed = 2 returning 1) select count(*) from u",
                "select nextval('model_id_seq')",
                "select setval('model_id_seq', 1000)",
                // ending the read-only transaction, or changing it
                "commit; " + insert,
                "end; delete from study",
                "rollback; set transaction read write; delete from study",
                "set transaction read write",
                "set session characteristics as transaction read write",
                "select set_config('transaction_read_only', 'off', false)",
                "do $$ begin " + insert + "; end $$",
                "do $$ begin commit; execute 'create table escape_t (x int)'; end $$",
                "prepare p as delete from study",
                "execute p",
                // statements the splitters could disagree on
                "select 1 /* ; */ ; delete from study",
                "select $$;$$; delete from study",
                "select $a$ $b$ ; $a$; delete from study",
                "select E'\\';' ; delete from study",
                "select 'a\\';delete from study;--'",
                "select U&'\\0041;' ; delete from study",
                "select 1 /* /* nested */ ; delete from study */",
                "select 1 /* /* nested */ */ ; delete from study",
                "select 1 -- ;\n; delete from study",
                "select \"a;\" from (select 1 as \"a;\") q; delete from study",
                "select 1;\n" + insert,
                // roles and privileges
                "alter role basin_reader password 'escaped'",
                "alter role basin_reader set default_transaction_read_only = off",
                "alter role basin password 'escaped'",
                "grant all on study to public",
                "set role basin",
                "set session authorization basin",
                "alter system set log_statement = 'all'",
                "create extension if not exists dblink",
                // large objects and files
                "select lo_create(4242)",
                "select lo_creat(-1)",
                "select lo_from_bytea(0, 'x')",
                "select lo_import('/etc/passwd')",
                "select pg_read_file('/etc/passwd')",
                "select pg_read_binary_file('postgresql.conf')",
                "select pg_ls_dir('.')",
                "copy study to '" + "MARKER" + "'",
                "copy study from '/etc/passwd'",
                "copy study from program 'id'",
                "copy (select 1) to program 'touch MARKER'",
                // locks, signals, notifications, maintenance
                "lock table study in access exclusive mode",
                "select * from study for update",
                "select pg_advisory_lock(1)",
                "select pg_try_advisory_xact_lock(1)",
                "select pg_terminate_backend(READER_PID)",
                "select pg_cancel_backend(READER_PID)",
                "select pg_terminate_backend(BASIN_PID)",
                "notify basin_escape, 'x'",
                "select pg_notify('basin_escape', 'x')",
                "listen basin_escape",
                "vacuum study",
                "analyze study",
                "checkpoint",
                "select pg_reload_conf()",
                "select pg_sleep(30)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void changesNothing(String attempt) throws Exception {
        String sql = attempt.replace("READER_PID", Integer.toString(readerPid)).replace("BASIN_PID", Integer.toString(basinPid))
                .replace("MARKER", marker.toString());
        String before = DbFingerprint.of(superuser, data.resolve("pg"));
        Cli.Output out = Cli.run("sql", sql, "--timeout", "2", "--data-dir", data.toString());
        System.out.println("attempt: " + sql.replace('\n', ' ') + " -> exit " + out.code() + ": " + out.err().strip());
        assertEquals(before, DbFingerprint.of(superuser, data.resolve("pg")), "the database changed; stderr: " + out.err());
        assertEquals(basinPid, pid(basinSession), "the basin session survives");
        assertEquals(readerPid, pid(readerSession), "the other reader session survives");
        assertEquals(0, ((PGConnection) basinSession).getNotifications().length, "no notification was delivered");
        assertFalse(Files.exists(marker), "no file was written");
        if (HARMLESS.contains(attempt)) {
            assertEquals(0, out.code(), out.err());
        } else {
            assertEquals(1, out.code(), "refused; stdout: " + out.out());
            assertTrue(out.err().startsWith("basin: basin sql"), out.err());
        }
    }

    @Test
    void ordinarySelectsWorkOnTablesAndViews() {
        Cli.Output table = Cli.run("sql", "select current_user, name, seed from study order by name", "--csv",
                "--data-dir", data.toString());
        assertEquals(0, table.code(), table.err());
        assertEquals("current_user,name,seed\r\nbasin_reader,seeded,1\r\n", table.out());
        Cli.Output view = Cli.run("sql", "select count(*) from member_metrics", "--csv", "--data-dir", data.toString());
        assertEquals(0, view.code(), view.err());
        assertEquals("count\r\n0\r\n", view.out());
        Cli.Output json = Cli.run("sql", "select '{\"a\":1}'::jsonb ? 'a' as has_a", "--csv", "--data-dir", data.toString());
        assertEquals("has_a\r\nt\r\n", json.out(), json.err());
    }

    @Test
    void theRowCapPrintsTheFirstRowsAndSaysHowManyWereLeftOut() {
        Cli.Output out = Cli.run("sql", "select g from generate_series(1, 25) g", "--csv", "--max-rows", "20",
                "--data-dir", data.toString());
        assertEquals(0, out.code(), out.err());
        assertEquals(21, out.out().split("\r\n").length, out.out());
        assertTrue(out.out().endsWith("\r\n20\r\n"), out.out());
        assertEquals("basin sql: printed the first 20 rows; 5 more were left out (raise --max-rows to see them)",
                out.err().strip());
        Cli.Output all = Cli.run("sql", "select g from generate_series(1, 25) g", "--data-dir", data.toString());
        assertTrue(all.out().endsWith("(25 rows)\n"), all.out());
        assertEquals("", all.err());
    }

    @Test
    void externalModeRefusesPrivilegedRolesAndRunsAsAReader() throws Exception {
        Path superPassword = Files.writeString(dir.resolve("super"), credentials.postgresPassword() + "\n");
        Cli.Output asSuper = Cli.run(external("postgres", superPassword).toArray(String[]::new));
        assertEquals(2, asSuper.code(), asSuper.err());
        assertTrue(asSuper.err().contains("basin sql refuses to run as role postgres: it is a superuser"), asSuper.err());

        try (Statement st = superuser.createStatement()) {
            st.execute("create role escape_files login password 'filesfilesfiles1' in role pg_read_server_files,"
                    + " pg_execute_server_program");
            // It may read what Basin checks first (the schema version), so that the refusal is basin sql's own.
            st.execute("grant connect on database basin to escape_files");
            st.execute("grant select on all tables in schema public to escape_files");
        }
        try {
            Path filesPassword = Files.writeString(dir.resolve("files"), "filesfilesfiles1\n");
            Cli.Output asFiles = Cli.run(external("escape_files", filesPassword).toArray(String[]::new));
            assertEquals(2, asFiles.code(), asFiles.err());
            assertTrue(asFiles.err().contains("it is a member of pg_execute_server_program, pg_read_server_files"),
                    asFiles.err());
        } finally {
            try (Statement st = superuser.createStatement()) {
                st.execute("drop owned by escape_files");
                st.execute("revoke connect on database basin from escape_files");
                st.execute("drop role escape_files");
            }
        }

        Path readerPassword = Files.writeString(dir.resolve("reader"), credentials.readerPassword() + "\n");
        List<String> reader = external(LocalPostgres.READER, readerPassword);
        reader.addAll(List.of("--db-sslmode", "disable", "--csv"));
        Cli.Output asReader = Cli.run(reader.toArray(String[]::new));
        assertEquals(0, asReader.code(), asReader.err());
        assertEquals("current_user\r\nbasin_reader\r\n", asReader.out());
    }

    /** basin sql in external mode against this stack, as {@code user} with the password in {@code password}. */
    private static List<String> external(String user, Path password) {
        return new ArrayList<>(List.of("sql", "select current_user", "--temporal", e.temporalTarget(), "--db-url", e.dbUrl(),
                "--db-user", user, "--db-password-file", password.toString(), "--bucket", e.bucket(),
                "--s3-endpoint", e.s3Endpoint(), "--data-dir", dir.resolve("unused").toString()));
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
