package io.dataspoke.demo;

import io.dataspoke.demo.GroundTruth.Layer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Plans every run of every dataset's job over the history: the schedule, the volume (seasonality,
 * trend, a few percent of multiplicative noise), the null counts, and the injected incidents (the
 * Monday drop, the late load, the null spike, the failing runs, the schema break downstream). Each
 * dataset draws from its own random stream, the same number of draws per run whatever happens to
 * the run, so an incident never shifts the noise of other runs.
 */
final class LoadPlanner {

    private final Scenario scenario;
    private final long seed;
    private final int days;

    LoadPlanner(Scenario scenario) {
        this.scenario = scenario;
        this.seed = scenario.config.seed();
        this.days = scenario.config.days();
    }

    List<Load> plan(DemoDataset d) {
        SplittableRandom rng = Seeds.rng(seed, "loads", d.index);
        List<Load> loads = new ArrayList<>();
        int runs = d.hourly() ? days * 24 : days;
        for (int i = 0; i < runs; i++) {
            long scheduled;
            long dataStart;
            if (d.hourly()) {
                dataStart = scenario.startMillis + i * Scenario.HOUR;
                scheduled = dataStart + d.minuteOffset * 60_000L + rng.nextInt(50) * 1000L;
            } else {
                long day = scenario.dayStart(i);
                dataStart = day - Scenario.DAY;
                scheduled =
                        day
                                + d.dailyHour * Scenario.HOUR
                                + d.minuteOffset * 60_000L
                                + rng.nextInt(120) * 1000L;
            }
            double noise = Math.exp(d.noiseSigma * Seeds.gaussian(rng));
            double durationJitter = Seeds.uniform(rng, 0.8, 1.25);
            double[] nullNoise = new double[d.columns.size()];
            for (int c = 0; c < nullNoise.length; c++) {
                nullNoise[c] = Seeds.gaussian(rng);
            }
            if (!d.aliveAt(scheduled)) {
                continue;
            }
            loads.add(run(d, i, scheduled, dataStart, noise, durationJitter, nullNoise));
        }
        return loads;
    }

    private Load run(
            DemoDataset d,
            int runNumber,
            long scheduled,
            long dataStart,
            double noise,
            double durationJitter,
            double[] nullNoise) {
        ZonedDateTime local =
                Instant.ofEpochMilli(dataStart)
                        .atZone(ZoneOffset.ofHours(d.team.spec.utcOffsetHours()));
        double elapsedDays = (dataStart - scenario.startMillis) / (double) Scenario.DAY;
        double expected =
                VolumeModel.expected(d, local.getDayOfWeek(), local.getHour(), elapsedDays);
        double rows = expected * noise;
        if (d == scenario.volumeDrop
                && scheduled >= scenario.volumeDropStart
                && scheduled < scenario.volumeDropEnd) {
            rows *= Scenario.VOLUME_DROP_FACTOR;
        }
        long rowCount = Math.max(1, Math.round(rows));
        long start = scheduled;
        if (d == scenario.lateLoad && runNumber == scenario.lateLoadDay) {
            start = scheduled + scenario.lateLoadDelay;
        }
        String error = failure(d, scheduled);
        long duration =
                (long)
                        (durationJitter
                                * (d.hourly()
                                        ? Math.min(240_000, 25_000 + rowCount / 2)
                                        : Math.min(1_500_000, 90_000 + rowCount / 5)));
        if (error != null) {
            duration = Math.max(20_000, duration / 3);
        }
        long[] nulls = new long[0];
        if (error == null) {
            nulls = nullCounts(d, scheduled, rowCount, nullNoise);
        }
        String partition = partition(d, dataStart);
        boolean overwrite = !d.hourly() && d.layer != Layer.SOURCE && d.layer != Layer.STAGING;
        return new Load(
                d,
                runNumber,
                scheduled,
                start,
                start + duration,
                error == null ? rowCount : 0,
                partition,
                nulls,
                overwrite,
                error);
    }

    private long[] nullCounts(DemoDataset d, long scheduled, long rows, double[] nullNoise) {
        List<DemoColumn> profiled = profiledColumns(d);
        long[] counts = new long[profiled.size()];
        boolean spike =
                d == scenario.nullSpike
                        && scheduled >= scenario.nullSpikeStart
                        && scheduled < scenario.nullSpikeEnd;
        for (int i = 0; i < profiled.size(); i++) {
            DemoColumn c = profiled.get(i);
            double share = c.nullBase * Math.exp(0.1 * nullNoise[d.columns.indexOf(c)]);
            if (spike && c.name.equals(scenario.nullSpikeColumn)) {
                share =
                        Scenario.NULL_SPIKE_PROPORTION
                                * Math.exp(0.05 * nullNoise[d.columns.indexOf(c)]);
            }
            counts[i] = Math.round(rows * share);
        }
        return counts;
    }

    /** The columns a profile reports nulls for, in schema order. */
    static List<DemoColumn> profiledColumns(DemoDataset d) {
        List<DemoColumn> out = new ArrayList<>();
        for (DemoColumn c : d.columns) {
            if (c.profiled()) {
                out.add(c);
            }
        }
        return out;
    }

    private String failure(DemoDataset d, long scheduled) {
        if (d == scenario.failing
                && scheduled >= scenario.failingFrom
                && scheduled < scenario.failingUntil) {
            return switch (d.platform) {
                case "snowflake" ->
                        "net.snowflake.client.jdbc.SnowflakeSQLException: Authentication token has"
                                + " expired. The user must authenticate again. (while writing "
                                + d.name
                                + ")";
                case "postgres" ->
                        "org.postgresql.util.PSQLException: FATAL: password authentication failed"
                                + " for user \""
                                + d.team.serviceUser
                                + "\" (while writing "
                                + d.name
                                + ")";
                default ->
                        "com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service:"
                                + " Amazon S3; Status Code: 403; Error Code: AccessDenied) while"
                                + " committing "
                                + d.name
                                + ": the job's session credentials expired";
            };
        }
        List<DemoDataset> chain = scenario.schemaChain;
        int hop = chain.indexOf(d);
        if (hop > 0
                && scheduled > scenario.schemaChangeAt
                && scheduled < scenario.schemaRestoredAt) {
            DemoDataset upstream = chain.get(hop - 1);
            if (hop == 1) {
                // The job that reads the changed table fails the way its engine reports it.
                if ("snowflake".equals(d.platform)) {
                    return "net.snowflake.client.jdbc.SnowflakeSQLException: SQL compilation error:"
                            + " error line 1 at position 7 invalid identifier '"
                            + scenario.removedColumn.toUpperCase(Locale.ROOT)
                            + "' (reading "
                            + upstream.name
                            + ")";
                }
                return "org.apache.spark.sql.AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION]"
                        + " A column or function parameter with name `"
                        + scenario.removedColumn
                        + "` cannot be resolved."
                        + " Reading "
                        + upstream.name
                        + ".";
            }
            return "Upstream dependency "
                    + upstream.name
                    + " has no new data for this run: its last run failed"
                    + " (sensor timed out waiting for the partition).";
        }
        return null;
    }

    private static String partition(DemoDataset d, long dataStart) {
        ZonedDateTime utc = Instant.ofEpochMilli(dataStart).atZone(ZoneOffset.UTC);
        String ds = "ds=" + utc.toLocalDate();
        if (!d.hourly()) {
            return ds;
        }
        int hour = utc.getHour();
        return ds + (hour < 10 ? "/hr=0" : "/hr=") + hour;
    }
}
