package dev.basin.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Transactions and parameterised queries over a {@link Database}, with SQLExceptions wrapped. */
final class Jdbc {

    private Jdbc() {
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> T inTransaction(Database db, SqlWork<T> work) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DbException("database write failed: " + e.getMessage(), e);
        }
    }

    static <T> List<T> query(Database db, String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DbException("database read failed: " + e.getMessage(), e);
        }
    }

    static <T> Optional<T> queryOne(Database db, String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(db, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
