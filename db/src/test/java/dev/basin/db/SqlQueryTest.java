package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlQueryTest {

    private static Database db;
    private static SqlQuery sql;

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
        new StudyStore(db).upsertStudy(StudyRow.running("q", "name: q\n", "h", 1, "test", 1));
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
        assertEquals("basin sql runs a single statement; found more after ';'", e.getMessage());
        assertThrows(DbException.class, () -> sql.run("select 1; select 2"));
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
    void reportsErrors() {
        DbException e = assertThrows(DbException.class, () -> sql.run("select * from no_such_table"));
        assertTrue(e.getMessage().startsWith("basin sql: ERROR: relation \"no_such_table\" does not exist"), e.getMessage());
    }
}
