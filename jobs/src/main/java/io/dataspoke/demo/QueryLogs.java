package io.dataspoke.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.demo.GroundTruth.Layer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SQL engine query logs as one JSON object per line, in the shipper's field order: engine, queryId,
 * user, statement, tablesRead, tablesWritten, rows, startTime, endTime, status, error, platform,
 * env. Tables are DataHub dataset names on the log's platform, so platform + name + env is the URN.
 */
final class QueryLogs {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private int next = 1;

    /** A query log line with its id (the Kafka key). */
    record Line(String queryId, String json, long timestampMillis) {}

    /** Whether a dataset's loads are SQL statements that show up in the engine's query log. */
    static boolean logged(DemoDataset d) {
        return !d.hourly()
                && d.layer != Layer.SOURCE
                && ("snowflake".equals(d.platform) || "hive".equals(d.platform))
                && d.primary().platform.equals(d.platform);
    }

    /** The INSERT statement a load ran. */
    Line load(Load load) {
        DemoDataset d = load.dataset();
        List<String> reads = new ArrayList<>();
        for (DemoDataset u : d.upstreams) {
            if (u.platform.equals(d.platform)) {
                reads.add(u.name);
            }
        }
        String ds = load.partition().substring(3, 13);
        StringBuilder sql = new StringBuilder();
        if ("hive".equals(d.platform)) {
            sql.append("INSERT OVERWRITE TABLE ")
                    .append(d.name)
                    .append(" PARTITION (ds='")
                    .append(ds)
                    .append("') ");
        } else {
            sql.append("INSERT OVERWRITE INTO ").append(d.name).append(' ');
        }
        sql.append("SELECT ")
                .append(selectList(d))
                .append(" FROM ")
                .append(reads.get(0))
                .append(" t0");
        for (int i = 1; i < reads.size(); i++) {
            sql.append(" LEFT JOIN ")
                    .append(reads.get(i))
                    .append(" t")
                    .append(i)
                    .append(" ON t0.")
                    .append(d.primary().entity.idColumn())
                    .append(" = t")
                    .append(i)
                    .append('.')
                    .append(d.primary().entity.idColumn());
        }
        sql.append(" WHERE t0.ds = '").append(ds).append('\'');
        String engine = "hive".equals(d.platform) ? "spark" : "snowflake";
        return line(
                engine,
                d.team.serviceUser,
                sql.toString(),
                reads,
                List.of(d.name),
                load.failed() ? null : load.rows(),
                load.start(),
                load.end(),
                load.failed() ? "FAILED" : "SUCCEEDED",
                load.error(),
                d.platform);
    }

    /** Analysts' ad-hoc SELECTs of one day on the marts and reports. */
    List<Line> adhoc(
            List<DemoDataset> queryable,
            long dayStart,
            boolean weekend,
            SplittableRandom rng,
            List<String> users) {
        List<Line> lines = new ArrayList<>();
        int count = weekend ? 2 + rng.nextInt(3) : 10 + rng.nextInt(9);
        for (int i = 0; i < count; i++) {
            DemoDataset d = Seeds.pick(rng, queryable);
            long start =
                    dayStart + (8 + rng.nextInt(11)) * Scenario.HOUR + rng.nextInt(3600) * 1000L;
            long duration = 400 + (long) Seeds.logUniform(rng, 1, 40_000);
            String user = Seeds.pick(rng, users);
            boolean typo = rng.nextInt(100) < 3;
            long rows = 1 + rng.nextInt(500);
            if (!d.aliveAt(start)) {
                continue;
            }
            String engine = "hive".equals(d.platform) ? "trino" : "snowflake";
            String statement = select(d, typo);
            String error = typo ? "line 1:8: Column 'revenue_total' cannot be resolved" : null;
            lines.add(
                    line(
                            engine,
                            user,
                            statement,
                            List.of(d.name),
                            List.of(),
                            typo ? null : rows,
                            start,
                            start + duration,
                            typo ? "FAILED" : "SUCCEEDED",
                            error,
                            d.platform));
        }
        return lines;
    }

    private static String selectList(DemoDataset d) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < d.columns.size() && i < 6; i++) {
            names.add(quote(d.columns.get(i).name));
        }
        return String.join(", ", names) + (d.columns.size() > 6 ? ", ..." : "");
    }

    private static String select(DemoDataset d, boolean typo) {
        String group = null;
        String measure = null;
        for (DemoColumn c : d.columns) {
            if (group == null && c.type == Vocabulary.Type.STRING && !c.key) {
                group = quote(c.name);
            }
            if (measure == null
                    && (c.type == Vocabulary.Type.LONG || c.type == Vocabulary.Type.DECIMAL)
                    && !c.key) {
                measure = quote(c.name);
            }
        }
        if (typo) {
            return "SELECT revenue_total FROM " + d.name + " LIMIT 100";
        }
        if (group == null || measure == null) {
            return "SELECT * FROM " + d.name + " LIMIT 500";
        }
        return "SELECT "
                + group
                + ", SUM("
                + measure
                + ") AS total FROM "
                + d.name
                + " GROUP BY 1 ORDER BY 2 DESC";
    }

    private static String quote(String column) {
        return column.chars().allMatch(ch -> ch < 128) ? column : "\"" + column + "\"";
    }

    private Line line(
            String engine,
            String user,
            String statement,
            List<String> read,
            List<String> written,
            Long rows,
            long start,
            long end,
            String status,
            String error,
            String platform) {
        String id = "q-" + next++;
        ObjectNode node = F.objectNode();
        node.put("engine", engine);
        node.put("queryId", id);
        node.put("user", user);
        node.put("statement", statement);
        ArrayNode r = node.putArray("tablesRead");
        read.forEach(r::add);
        ArrayNode w = node.putArray("tablesWritten");
        written.forEach(w::add);
        if (rows == null) {
            node.putNull("rows");
        } else {
            node.put("rows", rows);
        }
        node.put("startTime", Instant.ofEpochSecond(start / 1000).toString());
        node.put("endTime", Instant.ofEpochSecond((end + 999) / 1000).toString());
        node.put("status", status);
        if (error == null) {
            node.putNull("error");
        } else {
            node.put("error", error);
        }
        node.put("platform", platform);
        node.put("env", "PROD");
        return new Line(id, AspectJson.json(node), end);
    }
}
