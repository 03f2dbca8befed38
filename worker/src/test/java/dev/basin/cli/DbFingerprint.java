package dev.basin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a write through {@code basin sql} could change, read as the superuser: relations and their owners and
 * grants, namespaces, roles (attributes, settings, memberships, a hash of each password), database, schema,
 * function and default privileges, large objects, sequences, the row count and a content hash of every table
 * in schema public, advisory locks held, and the server's {@code postgresql.auto.conf}. Two equal fingerprints
 * mean nothing an attacker would want changed did.
 */
final class DbFingerprint {
    private static final List<String> QUERIES = List.of(
            "select n.nspname, c.relname, c.relkind, c.relowner::regrole, c.relacl from pg_class c"
                    + " join pg_namespace n on n.oid = c.relnamespace order by 1, 2",
            "select nspname, nspowner::regrole, nspacl from pg_namespace order by 1",
            "select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,"
                    + " rolbypassrls, rolconnlimit, md5(coalesce(rolpassword, '')), rolvaliduntil from pg_authid order by 1",
            "select roleid::regrole, member::regrole from pg_auth_members order by 1, 2",
            "select setdatabase, setrole, setconfig from pg_db_role_setting order by 1, 2",
            "select datname, datdba::regrole, datacl from pg_database order by 1",
            "select p.oid::regprocedure, p.proacl from pg_proc p where p.proacl is not null order by 1",
            "select count(*) from pg_proc",
            "select defaclrole::regrole, defaclobjtype, defaclacl from pg_default_acl order by 1, 2",
            "select oid, lomowner::regrole from pg_largeobject_metadata order by 1",
            "select schemaname, sequencename, last_value from pg_sequences order by 1, 2",
            "select obj_description('study'::regclass, 'pg_class')",
            "select locktype, objid from pg_locks where locktype = 'advisory' order by 1, 2",
            "select c.relname, (xpath('/row/x/text()', query_to_xml(format("
                    + "'select count(*) || '':'' || coalesce(md5(string_agg(t::text, '','' order by t::text)), '''') as x"
                    + " from public.%I t', c.relname), false, true, '')))[1]::text"
                    + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = 'public' and c.relkind = 'r' order by 1");

    private DbFingerprint() {
    }

    /** The fingerprint of the database {@code superuser} is connected to, plus the server's auto.conf in {@code pgData}. */
    static String of(Connection superuser, Path pgData) throws SQLException, IOException {
        StringBuilder out = new StringBuilder();
        try (Statement st = superuser.createStatement()) {
            for (String query : QUERIES) {
                out.append("-- ").append(query).append('\n');
                try (ResultSet rs = st.executeQuery(query)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            out.append(i == 1 ? "" : " | ").append(rs.getString(i));
                        }
                        out.append('\n');
                    }
                }
            }
        }
        out.append("-- postgresql.auto.conf\n").append(Files.readString(pgData.resolve("postgresql.auto.conf")));
        return out.toString();
    }
}
