package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.db.Migrations;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.demo.DemoRecord;
import io.dataspoke.demo.KafkaReplayer;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.Topics;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DataHub's own sample catalog and a connector's golden profiles, encoded as DataHub writes them,
 * through a real Kafka broker and the ingest job on a MiniCluster with RocksDB, into a real
 * Postgres; with OpenLineage runs, a query log and three undecodable records beside them.
 */
class IngestJobITCase {

    private static final Topics TOPICS =
            new Topics("it.mcl", "it.mcl-ts", "it.platform", "it.openlineage", "it.queries");
    private static final String HIVE_SAMPLE =
            "urn:li:dataset:(urn:li:dataPlatform:hive,SampleHiveDataset,PROD)";
    private static final String KAFKA_SAMPLE =
            "urn:li:dataset:(urn:li:dataPlatform:kafka,SampleKafkaDataset,PROD)";
    private static final String ORDERS =
            "urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.public.orders,PROD)";

    @TempDir static Path workDir;

    private static EmbeddedStack stack;
    private static PostgresTables tables;
    private static int versionedChanges;

    @BeforeAll
    static void runJobOverFixtures() throws Exception {
        stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults().withWorkDir(workDir).withWebPort(0));
        stack.kafka().createTopics(TOPICS.all(), 2);

        List<DemoRecord> records = new ArrayList<>();
        for (MetadataChange change : SampleCatalog.changes(1_600_000_000_000L)) {
            if (!change.timeseries()) {
                versionedChanges++;
            }
            records.add(SampleCatalog.record(TOPICS, change));
        }
        records.add(json(TOPICS.openLineage(), "job", OPENLINEAGE_COMPLETE));
        records.add(json(TOPICS.openLineage(), "job", OPENLINEAGE_FAIL));
        records.add(json(TOPICS.queryLogs(), "q-1", QUERY_LOG));
        // Three records no decoder can read: they must land in dead_letters, not stop the job.
        records.add(record(TOPICS.versioned(), "bad-1", new byte[] {1, 2, 3, 4, 5, 6}, 1L));
        records.add(record(TOPICS.versioned(), "bad-2", new byte[] {0, 0, 0, 0x7f, 0x7f, 2}, 2L));
        records.add(json(TOPICS.openLineage(), "bad-3", "{\"eventType\": \"COMPLETE\", "));
        new KafkaReplayer(stack.kafka().bootstrapServers()).replay(records, 0, sent -> {});

        String url = stack.postgres().createDatabase("ingest_it");
        Migrations.migrate(url, stack.postgres().user(), stack.postgres().password());
        PostgresOptions postgres =
                new PostgresOptions(url, stack.postgres().user(), stack.postgres().password());
        tables = new PostgresTables(url, postgres.user(), postgres.password());

        StreamExecutionEnvironment env = stack.flink().environment();
        JobSettings.apply(env, Duration.ofSeconds(1), 2);
        IngestJob.wire(
                env,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        TOPICS,
                        "it",
                        Sources.Start.EARLIEST,
                        true,
                        Map.of()),
                new RecordDecoder(TOPICS, SchemaResolver.bundledOnly()),
                postgres);
        stack.flink()
                .awaitTermination(stack.flink().submit(env, "ingest-it"), Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everySampleDatasetIsAnEntityWithItsLatestAspects() throws Exception {
        assertThat(tables.count("SELECT count(*) FROM entities WHERE entity_type = 'dataset'"))
                .isEqualTo(7);
        assertThat(
                        tables.count(
                                "SELECT jsonb_array_length(aspects->'schemaMetadata'->'fields')"
                                        + " FROM entities WHERE urn = '"
                                        + KAFKA_SAMPLE
                                        + "'"))
                .isEqualTo(3);
        assertThat(
                        tables.text(
                                "SELECT aspects->'datasetProperties'->>'description' FROM entities"
                                    + " WHERE urn ="
                                    + " 'urn:li:dataset:(urn:li:dataPlatform:hive,fct_users_deleted,PROD)'"))
                .isEqualTo("table containing all the users deleted on a single day");
        assertThat(tables.count("SELECT sum(change_count) FROM entities"))
                .isEqualTo(versionedChanges);
    }

    @Test
    void profilesBecomeMetricRows() throws Exception {
        assertThat(
                        tables.dump(
                                "SELECT row_count FROM dataset_metrics WHERE dataset_urn = '"
                                        + HIVE_SAMPLE
                                        + "' AND source = 'datasetProfile' ORDER BY observed_at"))
                .containsExactly("dataset_metrics:3500", "dataset_metrics:4500");
    }

    @Test
    void runsAndQueriesAreRecorded() throws Exception {
        assertThat(
                        tables.dump(
                                "SELECT event_type, error_message FROM pipeline_runs ORDER BY"
                                        + " event_type"))
                .containsExactly(
                        "pipeline_runs:COMPLETE | null",
                        "pipeline_runs:FAIL | column amount does not exist");
        assertThat(
                        tables.dump(
                                "SELECT source, affected_rows, operation_type FROM dataset_metrics"
                                        + " WHERE dataset_urn = '"
                                        + ORDERS
                                        + "' ORDER BY source"))
                .containsExactly(
                        "dataset_metrics:openlineage | 1200 | COMPLETE",
                        "dataset_metrics:query-log | 42 | SUCCEEDED");
    }

    @Test
    void undecodableRecordsAreDeadLetteredWithTheirBytesAndReason() throws Exception {
        assertThat(tables.count("SELECT count(*) FROM dead_letters")).isEqualTo(3);
        assertThat(
                        tables.dump(
                                "SELECT topic, record_value, error <> '' FROM dead_letters"
                                        + " WHERE record_key = 'bad-1'::bytea"))
                .containsExactly("dead_letters:it.mcl | [1, 2, 3, 4, 5, 6] | true");
        assertThat(tables.text("SELECT error FROM dead_letters WHERE record_key = 'bad-2'::bytea"))
                .contains("schema id");
        assertThat(tables.text("SELECT topic FROM dead_letters WHERE record_key = 'bad-3'::bytea"))
                .isEqualTo("it.openlineage");
    }

    private static DemoRecord record(String topic, String key, byte[] value, long time) {
        return new DemoRecord(topic, key.getBytes(StandardCharsets.UTF_8), value, time);
    }

    private static DemoRecord json(String topic, String key, String json) {
        return record(topic, key, json.getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L);
    }

    private static final String OPENLINEAGE_COMPLETE =
            """
{"eventType": "COMPLETE", "eventTime": "2026-01-05T10:00:00Z",
 "run": {"runId": "3f5e83fa-3480-44ff-99c5-ff943cd7e7a1"},
 "job": {"namespace": "analytics", "name": "load_orders"},
 "inputs": [],
 "outputs": [{"namespace": "snowflake://acme", "name": "analytics.public.orders",
              "outputFacets": {"outputStatistics": {"_producer": "https://x", "_schemaURL": "https://x", "rowCount": 1200}}}],
 "producer": "https://github.com/OpenLineage/OpenLineage",
 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
""";

    private static final String OPENLINEAGE_FAIL =
            """
{"eventType": "FAIL", "eventTime": "2026-01-05T11:00:00Z",
 "run": {"runId": "3f5e83fa-3480-44ff-99c5-ff943cd7e7a2",
         "facets": {"errorMessage": {"_producer": "https://x", "_schemaURL": "https://x",
                    "message": "column amount does not exist", "programmingLanguage": "SQL"}}},
 "job": {"namespace": "analytics", "name": "load_orders"},
 "inputs": [], "outputs": [],
 "producer": "https://github.com/OpenLineage/OpenLineage",
 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
""";

    private static final String QUERY_LOG =
            """
{"engine": "snowflake", "queryId": "q-1", "user": "alice", "statement": "INSERT INTO analytics.public.orders SELECT …",
 "tablesRead": [], "tablesWritten": ["analytics.public.orders"], "rows": 42,
 "startTime": "2026-01-05T12:00:00Z", "endTime": "2026-01-05T12:00:03Z", "status": "SUCCEEDED"}
""";
}
