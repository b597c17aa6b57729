package io.dataspoke.jobs;

import io.dataspoke.anomaly.training.AnomalyModelRow;
import io.dataspoke.anomaly.training.TrainingInput;
import io.dataspoke.anomaly.training.TrainingRun;
import io.dataspoke.functions.AnomalyTrainingFunction;
import io.dataspoke.sinks.postgres.AnomalyModelSinks;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code anomaly-training} batch job: the metric history, incidents and "normal" marks from
 * Postgres, one detector per dataset metric fed its history without the incidents, written to
 * {@code anomaly_models} under one new version for the whole run. The streaming monitor starts each
 * metric from its latest model instead of warming up for weeks. See docs/anomaly-training.md.
 */
public final class AnomalyTrainingJob {

    public static final String NAME = "anomaly-training";

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyTrainingJob.class);

    private AnomalyTrainingJob() {}

    /** The models of every dataset in {@code history}, one per metric, all of {@code run}. */
    public static DataStream<AnomalyModelRow> build(
            DataStream<TrainingInput> history, TrainingRun run) {
        return history.keyBy(TrainingInput::datasetUrn)
                .fullWindowPartition()
                .mapPartition(new AnomalyTrainingFunction(run))
                .uid("train-models")
                .name("Train each dataset's models");
    }

    /** The whole job: the history source, {@link #build}, and the Postgres sink. */
    public static DataStream<AnomalyModelRow> wire(
            StreamExecutionEnvironment env,
            Source<TrainingInput, ?, ?> history,
            TrainingRun run,
            PostgresOptions postgres) {
        // No event time: training orders each dataset's points itself, after collecting them all.
        DataStream<TrainingInput> inputs =
                env.fromSource(
                                history,
                                WatermarkStrategy.noWatermarks(),
                                "Postgres: dataset_metrics, incidents, anomaly_feedback")
                        .uid("training-history-source");
        DataStream<AnomalyModelRow> models = build(inputs, run);
        models.sinkTo(AnomalyModelSinks.models(postgres))
                .uid("anomaly-models-sink")
                .name("Postgres: anomaly_models");
        return models;
    }

    /**
     * Trains on {@code env} in batch mode, waits for the job to finish and returns the run, whose
     * version every model written carries.
     *
     * @param from first UTC day of history to learn from; null for all of it
     * @param to last UTC day of history to learn from; null for everything before the run starts
     */
    public static TrainingRun run(
            StreamExecutionEnvironment env, PostgresOptions postgres, LocalDate from, LocalDate to)
            throws Exception {
        Instant now = Instant.now();
        Instant since =
                from == null ? Instant.EPOCH : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = now;
        if (to != null) {
            Instant afterTo = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            until = afterTo.isBefore(now) ? afterTo : now;
        }
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException(
                    "no history to train on between " + since + " and " + until);
        }
        TrainingRun run = new TrainingRun(nextVersion(postgres), now.toEpochMilli());
        env.configure(settings());
        wire(env, TrainingHistorySource.between(postgres, since, until), run, postgres);
        LOG.info(
                "Training anomaly models on the history from {} until {} as version {}",
                since,
                until,
                run.version());
        env.execute(NAME);
        LOG.info("Wrote {} anomaly models as version {}", models(postgres, run), run.version());
        return run;
    }

    /** Batch execution, and no silent Kryo fallback. */
    public static Configuration settings() {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /**
     * The version of the next run: one more than the highest in {@code anomaly_models}, 1 for the
     * first. Two runs started at once would share a version and overwrite each other's rows.
     */
    public static long nextVersion(PostgresOptions postgres) throws SQLException {
        try (Connection c = postgres.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT coalesce(max(version), 0) + 1 FROM anomaly_models")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long models(PostgresOptions postgres, TrainingRun run) throws SQLException {
        try (Connection c = postgres.connect();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*) FROM anomaly_models WHERE version = ?")) {
            ps.setLong(1, run.version());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
