package io.atelier.brands.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few JDBC shapes the repositories need: bind positional args, map rows, count updates. */
public final class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Sql() {
    }

    public static <T> List<T> query(Connection c, String sql, List<?> args, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, args); ResultSet rs = st.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        }
    }

    public static <T> Optional<T> queryOne(Connection c, String sql, List<?> args, RowMapper<T> mapper) throws SQLException {
        List<T> rows = query(c, sql, args, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public static int update(Connection c, String sql, List<?> args) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, args)) {
            return st.executeUpdate();
        }
    }

    /**
     * Inserts a row, or replaces the columns of the row with the same {@code key}: the standard upsert both SQLite
     * (3.24+) and PostgreSQL take, in place of SQLite's own {@code INSERT OR REPLACE}.
     *
     * @param columns comma-separated, {@code key} among them, in the order of {@code args}
     */
    public static int upsert(Connection c, String table, String key, String columns, List<?> args) throws SQLException {
        List<String> names = java.util.Arrays.stream(columns.split(",")).map(String::strip).toList();
        if (names.size() != args.size()) {
            throw new IllegalArgumentException(names.size() + " columns for " + args.size() + " values");
        }
        String marks = String.join(",", java.util.Collections.nCopies(names.size(), "?"));
        String assignments = String.join(", ", names.stream().filter(n -> !n.equals(key))
                .map(n -> n + "=excluded." + n).toList());
        return update(c, "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES (" + marks
                + ") ON CONFLICT (" + key + ") DO UPDATE SET " + assignments, args);
    }

    private static PreparedStatement prepare(Connection c, String sql, List<?> args) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }

    /** {@code rs.getObject} for a nullable INTEGER column as a Long. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
