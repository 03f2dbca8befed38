package dev.basin.cli;

import dev.basin.infra.Credentials;
import dev.basin.infra.Endpoints;
import dev.basin.infra.LocalPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A study database seen from outside, the way a researcher with {@code psql} sees it: one short-lived
 * connection per query (so that no test connection holds up a server being stopped), every value as
 * text.
 */
record StudyDb(String url, String user, String password) {

    static StudyDb of(Endpoints e) {
        return new StudyDb(e.dbUrl(), e.dbUser(), e.dbPassword());
    }

    /**
     * The database of the embedded stack over {@code dataDir} while some process serves it: the port
     * is the fourth line of PostgreSQL's {@code postmaster.pid}, the password is the data folder's.
     * Empty while no server has written its pid file.
     */
    static Optional<StudyDb> served(Path dataDir) {
        List<String> pid;
        try {
            pid = Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the pid file in " + dataDir, e);
        }
        if (pid.size() < 4 || !pid.get(3).trim().matches("[0-9]+")) {
            return Optional.empty(); // being written
        }
        String url = "jdbc:postgresql://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + pid.get(3).trim() + "/" + LocalPostgres.DATABASE;
        return Optional.of(new StudyDb(url, LocalPostgres.USER, Credentials.loadOrCreate(dataDir).dbPassword()));
    }

    /** Every row of {@code sql}, each value as {@link ResultSet#getString} gives it. */
    List<List<String>> rows(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The first column of every row. */
    List<String> column(String sql, Object... params) throws SQLException {
        return rows(sql, params).stream().map(r -> r.get(0)).toList();
    }

    /** The first column of the first row, if any. */
    Optional<String> one(String sql, Object... params) throws SQLException {
        return column(sql, params).stream().findFirst();
    }

    /** {@link #one}, as a number; empty when there is no row or the value is NULL. */
    Optional<Long> number(String sql, Object... params) throws SQLException {
        return one(sql, params).map(Long::parseLong);
    }
}
