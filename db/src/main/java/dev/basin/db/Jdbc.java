package dev.basin.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Transactions and parameterised statements over a {@link Database}, with SQLExceptions wrapped. Every {@code sql}
 * given here must be a constant (SqlParameterisationTest checks each call); values travel as parameters.
 *
 * <p>Reads go through JDBI and map each row by column name ({@link #byName}), never by position: a column
 * renamed or left out of a query fails the read instead of shifting values into the wrong components.
 */
final class Jdbc {

    private Jdbc() {
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface Binder<T> {
        /** Sets the parameters of {@code ps} from {@code row}. */
        void bind(PreparedStatement ps, T row) throws SQLException;
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

    /**
     * A record mapped by name through its canonical constructor: each component is read from the column of
     * the same name, snake_case matching camelCase ({@code input_key} to {@code inputKey}); a component
     * without a column throws. Extra columns are ignored.
     */
    static <T extends Record> RowMapper<T> byName(Class<T> type) {
        Class<?>[] components = java.util.Arrays.stream(type.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return ConstructorMapper.of(type.getDeclaredConstructor(components));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
    }

    static <T> List<T> query(Database db, String sql, RowMapper<T> mapper, Object... params) {
        try (Handle h = db.jdbi().open()) {
            Query q = h.createQuery(sql);
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Collection<?> list) {
                    q.bindArray(i, String.class, list);
                } else {
                    q.bind(i, params[i]);
                }
            }
            return q.map(mapper).list();
        } catch (JdbiException e) {
            throw new DbException("database read failed: " + e.getMessage(), e);
        }
    }

    static <T> Optional<T> queryOne(Database db, String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(db, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** One statement in its own transaction; returns the update count. A {@code Collection} becomes a text array. */
    static int update(Database db, String sql, Object... params) {
        return inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                return ps.executeUpdate();
            }
        });
    }

    /** {@code sql} once per row, as one batch in one transaction: all rows are written or none. */
    static <T> void batch(Database db, String sql, Collection<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (T row : rows) {
                    binder.bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Collection<?> list) {
                ps.setArray(i + 1, c.createArrayOf("text", list.toArray()));
            } else {
                ps.setObject(i + 1, params[i]);
            }
        }
    }

    /** A double parameter; NaN (and null) become SQL null. */
    static void setDoubleOrNull(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null || Double.isNaN(value)) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    static void setLongOrNull(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    /** A text column (enum stored as its text) through {@code fromText}; null stays null. */
    static <T> T text(ResultSet rs, int column, java.util.function.Function<String, T> fromText) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : fromText.apply(text);
    }

    /** A nullable double column as NaN when null (the mapper of {@link NullAsNaN} components). */
    static double doubleOrNaN(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
