package io.dataspoke.jobs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** Reads DataSpoke's tables back for assertions: whole-table dumps in key order, and counts. */
final class PostgresTables {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    PostgresTables(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Every row of every foundation table, one line per row, in primary-key order. */
    List<String> dumpAll() throws SQLException {
        List<String> rows = new ArrayList<>();
        rows.addAll(dump("SELECT * FROM entities ORDER BY urn"));
        rows.addAll(
                dump("SELECT * FROM dataset_metrics ORDER BY dataset_urn, observed_at, source"));
        rows.addAll(dump("SELECT * FROM pipeline_runs ORDER BY run_id, event_type"));
        rows.addAll(
                dump("SELECT * FROM dead_letters ORDER BY topic, kafka_partition, kafka_offset"));
        return rows;
    }

    List<String> dump(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        query(
                sql,
                rs -> {
                    ResultSetMetaData meta = rs.getMetaData();
                    StringBuilder row = new StringBuilder(meta.getTableName(1)).append(':');
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.append(i == 1 ? "" : " | ")
                                .append(
                                        value instanceof byte[] bytes
                                                ? Arrays.toString(bytes)
                                                : String.valueOf(value));
                    }
                    rows.add(row.toString());
                    return true;
                });
        return rows;
    }

    long count(String sql) throws SQLException {
        long[] count = new long[1];
        query(
                sql,
                rs -> {
                    count[0] = rs.getLong(1);
                    return false;
                });
        return count[0];
    }

    String text(String sql) throws SQLException {
        String[] value = new String[1];
        query(
                sql,
                rs -> {
                    value[0] = rs.getString(1);
                    return false;
                });
        return value[0];
    }

    private interface RowHandler {
        boolean handle(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowHandler handler) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next() && handler.handle(rs)) {
                // handler consumes rows until it returns false
            }
        }
    }

    /**
     * Polls {@code sql}'s count until {@code done} holds, failing with {@code what} at the
     * deadline.
     */
    long awaitCount(String sql, Predicate<Long> done, String what, long timeoutMillis)
            throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long last;
        do {
            last = count(sql);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError(
                "timed out after "
                        + timeoutMillis
                        + " ms waiting for "
                        + what
                        + "; last count "
                        + last);
    }
}
