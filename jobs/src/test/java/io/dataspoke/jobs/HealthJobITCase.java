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
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.sinks.postgres.PostgresOptions;
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
 * DataHub's sample catalog, then a few edits, through real Kafka and the metadata-health job into
 * Postgres: the current health of each dataset, and a history row per change of outcome only.
 * Scores are the ones BootstrapCatalogAuditTest derives from the default weights.
 */
class HealthJobITCase {

    private static final Topics TOPICS =
            new Topics("hj.mcl", "hj.mcl-ts", "hj.platform", "hj.openlineage", "hj.queries");
    private static final long T0 = 1_600_000_000_000L;

    /** After every timestamp in the sample catalog (its newest aspects are from 2023). */
    private static final long EDITS = 1_800_000_000_000L;

    private static final String KAFKA =
            "urn:li:dataset:(urn:li:dataPlatform:kafka,SampleKafkaDataset,PROD)";
    private static final String LOGGING =
            "urn:li:dataset:(urn:li:dataPlatform:hive,logging_events,PROD)";
    private static final String CREATED =
            "urn:li:dataset:(urn:li:dataPlatform:hive,fct_users_created,PROD)";
    private static final String DELETED =
            "urn:li:dataset:(urn:li:dataPlatform:hive,fct_users_deleted,PROD)";

    @TempDir static Path workDir;

    private static EmbeddedStack stack;
    private static PostgresTables tables;

    @BeforeAll
    static void runTheJob() throws Exception {
        stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults().withWorkDir(workDir).withWebPort(0));
        stack.kafka().createTopics(TOPICS.all(), 2);

        List<DemoRecord> records = new ArrayList<>(SampleCatalog.versionedRecords(TOPICS, T0));
        // An owner documents the Kafka sample in the UI: its description violation goes.
        records.add(
                record(
                        upsert(
                                KAFKA,
                                "editableDatasetProperties",
                                "{\"description\":\"Sample events of the foo and bar fields,"
                                        + " one row per event\"}",
                                EDITS + 1_000)));
        // A change that alters no outcome: no new history row.
        records.add(
                record(upsert(LOGGING, "institutionalMemory", "{\"elements\":[]}", EDITS + 2_000)));
        records.add(record(upsert(DELETED, "status", "{\"removed\":true}", EDITS + 3_000)));
        records.add(
                record(
                        new MetadataChange(
                                CREATED,
                                "dataset",
                                "datasetKey",
                                "DELETE",
                                null,
                                null,
                                EDITS + 4_000,
                                null,
                                false)));
        new KafkaReplayer(stack.kafka().bootstrapServers()).replay(records, 0, sent -> {});

        String url = stack.postgres().createDatabase("health_it");
        Migrations.migrate(url, stack.postgres().user(), stack.postgres().password());
        PostgresOptions postgres =
                new PostgresOptions(url, stack.postgres().user(), stack.postgres().password());
        tables = new PostgresTables(url, postgres.user(), postgres.password());

        StreamExecutionEnvironment env = stack.flink().environment();
        JobSettings.apply(env, Duration.ofSeconds(1), 2);
        HealthJob.wire(
                env,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        List.of(TOPICS.versioned()),
                        "health-it",
                        Sources.Start.EARLIEST,
                        true,
                        Map.of()),
                new RecordDecoder(TOPICS, SchemaResolver.bundledOnly()),
                HealthRulesConfig.defaults(),
                postgres);
        stack.flink()
                .awaitTermination(stack.flink().submit(env, "health-it"), Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void currentHealthOfEachLiveDataset() throws Exception {
        assertThat(tables.dump("SELECT name, score, removed FROM dataset_health ORDER BY name"))
                .containsExactly(
                        "dataset_health:SampleHdfsDataset | 60 | false",
                        "dataset_health:SampleHiveDataset | 60 | false",
                        "dataset_health:SampleKafkaDataset | 75 | false",
                        "dataset_health:fct_users_deleted | 70 | true",
                        "dataset_health:logging_events | 76 | false",
                        "dataset_health:project/root/events/logging_events_bckp | 76 | false");
    }

    @Test
    void violationsAreStoredWorstFirstWithTheirFix() throws Exception {
        assertThat(
                        tables.dump(
                                "SELECT rules_broken, violations->0->>'message' FROM"
                                        + " dataset_health WHERE urn = '"
                                        + LOGGING
                                        + "'"))
                .singleElement()
                .satisfies(
                        row ->
                                assertThat(row)
                                        .contains("{classification,domain,column-docs}")
                                        .contains("No tags or glossary terms"));
    }

    @Test
    void historyHasOneRowPerChangeOfOutcome() throws Exception {
        assertThat(
                        tables.dump(
                                "SELECT score, evaluated_at > '2025-01-01' FROM"
                                        + " dataset_health_history WHERE urn = '"
                                        + KAFKA
                                        + "' ORDER BY evaluated_at DESC LIMIT 2"))
                .containsExactly(
                        "dataset_health_history:75 | true", "dataset_health_history:50 | false");
        // The institutionalMemory change altered no outcome: nothing after the catalog load.
        assertThat(
                        tables.dump(
                                "SELECT score FROM dataset_health_history WHERE urn = '"
                                        + LOGGING
                                        + "' ORDER BY evaluated_at DESC LIMIT 1"))
                .containsExactly("dataset_health_history:76");
        assertThat(
                        tables.count(
                                "SELECT count(*) FROM dataset_health_history WHERE urn = '"
                                        + LOGGING
                                        + "' AND evaluated_at > '2025-01-01'"))
                .isZero();
        assertThat(
                        tables.dump(
                                "SELECT score, removed, hard_deleted FROM dataset_health_history"
                                        + " WHERE urn = '"
                                        + CREATED
                                        + "' ORDER BY evaluated_at DESC LIMIT 2"))
                .containsExactly(
                        "dataset_health_history:null | true | true",
                        "dataset_health_history:70 | false | false");
    }

    private static MetadataChange upsert(String urn, String aspect, String json, long time) {
        return new MetadataChange(urn, "dataset", aspect, "UPSERT", json, null, time, null, false);
    }

    private static DemoRecord record(MetadataChange change) {
        return SampleCatalog.record(TOPICS, change);
    }
}
