package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlQueryTest {

    private static Database db;
    private static SqlQuery sql;

    private static Database superuser;

    /**
     * The test server's superuser owns the tables; queries run as a role that may write them all (as Basin's
     * own role of an external database may), so that what stops a write here is the read-only transaction.
     */
    @BeforeAll
    static void start() throws SQLException {
        superuser = TestPostgres.migratedDatabase();
        new StudyStore(superuser).upsertStudy(StudyRow.running("q", "name: q\n", "h", 1, "test", 1));
        try (Connection c = superuser.connect(); Statement st = c.createStatement()) {
            st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'sql_query_test') then"
                    + " create role sql_query_test login; end if; end $$");
            st.execute("grant all on all tables in schema public to sql_query_test");
            st.execute("grant all on all sequences in schema public to sql_query_test");
        }
        db = new Database(new DbConfig(superuser.config().url(), "sql_query_test", "unused-with-trust-auth"));
        sql = new SqlQuery(db);
    }

    @Test
    void runsOneQuery() {
        QueryResult r = sql.run("select name, seed, null as nothing, 'a;b' as semi from study -- trailing; comment\n ;  ");
        assertEquals(List.of("name", "seed", "nothing", "semi"), r.columns());
        assertEquals(List.of(Arrays.asList("q", "1", null, "a;b")), r.rows());
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotSplit() {
        QueryResult r = sql.run("select $x$;$x$ as d, \"semi;col\".v /* ; /* nested ; */ */ from (select 1 as v) as \"semi;col\";");
        assertEquals(List.of(List.of(";", "1")), r.rows());
    }

    @Test
    void refusesWrites() {
        DbException insert = assertThrows(DbException.class,
                () -> sql.run("insert into study (name, spec, spec_hash, seed, status, code_version, threads)"
                        + " values ('x', '', '', 1, 'running', 'v', 1)"));
        assertTrue(insert.getMessage().startsWith("basin sql is read-only: "), insert.getMessage());
        DbException drop = assertThrows(DbException.class, () -> sql.run("drop table metric"));
        assertTrue(drop.getMessage().startsWith("basin sql is read-only: "), drop.getMessage());
        DbException sequence = assertThrows(DbException.class, () -> sql.run("select nextval('model_id_seq')"));
        assertTrue(sequence.getMessage().startsWith("basin sql is read-only: "), sequence.getMessage());
        assertEquals("1", sql.run("select count(*) from study").rows().get(0).get(0));
    }

    @Test
    void refusesMoreThanOneStatement() {
        DbException e = assertThrows(DbException.class, () -> sql.run("commit; delete from study"));
        assertEquals("basin sql runs a single statement; the JDBC driver would split this text into 2 at ';'"
                + " (remove what follows the first statement, trailing comments too)", e.getMessage());
        assertThrows(DbException.class, () -> sql.run("select 1; select 2"));
        assertThrows(DbException.class, () -> sql.run("select 1; -- a comment the driver would send on its own"));
        assertEquals("basin sql: no statement given", assertThrows(DbException.class, () -> sql.run(" -- nothing\n;")).getMessage());
        assertEquals("1", sql.run("select count(*) from study").rows().get(0).get(0));
    }

    @Test
    void stopsLongQueries() {
        DbException e = assertThrows(DbException.class,
                () -> new SqlQuery(db, Duration.ofMillis(200)).run("select pg_sleep(5)"));
        assertTrue(e.getMessage().contains("was cancelled"), e.getMessage());
    }

    @Test
    void keepsAtMostMaxRowsAndCountsTheRest() {
        QueryResult r = new SqlQuery(db, SqlQuery.DEFAULT_TIMEOUT, 3).run("select g from generate_series(1, 2000) g");
        assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")), r.rows());
        assertEquals(1997, r.leftOut());
        assertTrue(r.leftOutExact());
        assertEquals(0, sql.run("select 1").leftOut());
    }

    @Test
    void refusesASuperuserAndRolesThatReachServerFiles() throws SQLException {
        SqlQuery.RefusedRole e = assertThrows(SqlQuery.RefusedRole.class, () -> new SqlQuery(superuser).run("select 1"));
        assertTrue(e.getMessage().startsWith("basin sql refuses to run as role postgres: it is a superuser"), e.getMessage());
        try (Connection c = superuser.connect(); Statement st = c.createStatement()) {
            st.execute("grant pg_read_server_files to sql_query_test");
            try {
                e = assertThrows(SqlQuery.RefusedRole.class, () -> sql.run("select 1"));
                assertTrue(e.getMessage().contains("is a member of pg_read_server_files"), e.getMessage());
            } finally {
                st.execute("revoke pg_read_server_files from sql_query_test");
            }
        }
        assertEquals("1", sql.run("select 1").rows().get(0).get(0));
    }

    @Test
    void refusesARoleThatMayBecomeASuperuserOrRunsAsAnother() throws SQLException {
        try (Connection c = superuser.connect(); Statement st = c.createStatement()) {
            st.execute("create role sql_query_su superuser nologin");
            st.execute("create role sql_query_other nologin");
            try {
                // One DO block could SET ROLE to it and then COPY ... TO PROGRAM: as good as a superuser.
                st.execute("grant sql_query_su to sql_query_test");
                SqlQuery.RefusedRole e = assertThrows(SqlQuery.RefusedRole.class, () -> sql.run("select 1"));
                assertTrue(e.getMessage().contains("is a superuser or may become one"), e.getMessage());
                st.execute("revoke sql_query_su from sql_query_test");

                st.execute("grant sql_query_other to sql_query_test");
                st.execute("alter role sql_query_test set role = 'sql_query_other'");
                e = assertThrows(SqlQuery.RefusedRole.class, () -> sql.run("select 1"));
                assertTrue(e.getMessage().contains("runs as another role than it logged in as"), e.getMessage());
            } finally {
                st.execute("alter role sql_query_test reset role");
                st.execute("revoke sql_query_su from sql_query_test");
                st.execute("revoke sql_query_other from sql_query_test");
                st.execute("drop role sql_query_su");
                st.execute("drop role sql_query_other");
            }
        }
        assertEquals("1", sql.run("select 1").rows().get(0).get(0));
    }

    @Test
    void refusesTheSimpleQueryProtocol() {
        Database simple = new Database(new DbConfig(db.config().url() + "?preferQueryMode=simple", "sql_query_test", "x"));
        DbException e = assertThrows(DbException.class, () -> new SqlQuery(simple).run("select 1"));
        assertTrue(e.getMessage().startsWith("basin sql needs the extended query protocol"), e.getMessage());
    }

    @Test
    void reportsErrors() {
        DbException e = assertThrows(DbException.class, () -> sql.run("select * from no_such_table"));
        assertTrue(e.getMessage().startsWith("basin sql: ERROR: relation \"no_such_table\" does not exist"), e.getMessage());
    }
}
