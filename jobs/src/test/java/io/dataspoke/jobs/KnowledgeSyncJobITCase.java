package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.demo.DemoRecord;
import io.dataspoke.demo.KafkaReplayer;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.Topics;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.index.LocalVectorIndex;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.search.KnowledgeSearch;
import io.dataspoke.knowledge.search.SearchResult;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.qdrant.LocalIndexOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * knowledge-sync running unbounded against the embedded stack, writing the embedded vector index
 * that {@code dataspoke search} reads: DataHub's sample catalog is indexed, a new description is
 * searchable within seconds, a deleted dataset leaves the results, and a status in Postgres reaches
 * the payload without re-embedding.
 */
class KnowledgeSyncJobITCase {

    private static final Topics TOPICS =
            new Topics("ks.mcl", "ks.mcl-ts", "ks.platform", "ks.openlineage", "ks.queries");
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final String KAFKA =
            "urn:li:dataset:(urn:li:dataPlatform:kafka,SampleKafkaDataset,PROD)";
    private static final String USERS_CREATED =
            "urn:li:dataset:(urn:li:dataPlatform:hive,fct_users_created,PROD)";
    private static final String USERS_DELETED =
            "urn:li:dataset:(urn:li:dataPlatform:hive,fct_users_deleted,PROD)";
    private static final long T0 = 1_600_000_000_000L;

    @TempDir static Path workDir;

    private static EmbeddedStack stack;
    private static JobID job;
    private static LocalVectorIndex index;
    private static KnowledgeSearch search;
    private static PostgresOptions postgres;
    private static long datasets;

    @BeforeAll
    static void runTheJob() throws Exception {
        stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults().withWorkDir(workDir).withWebPort(0));
        stack.kafka().createTopics(TOPICS.all(), 2);
        List<DemoRecord> records = SampleCatalog.versionedRecords(TOPICS, T0);
        datasets =
                SampleCatalog.changes(T0).stream()
                        .filter(c -> "dataset".equals(c.entityType()))
                        .map(MetadataChange::entityUrn)
                        .distinct()
                        .count();
        new KafkaReplayer(stack.kafka().bootstrapServers()).replay(records, 0, sent -> {});

        String url = stack.postgres().createDatabase("knowledge_it");
        io.dataspoke.db.Migrations.migrate(
                url, stack.postgres().user(), stack.postgres().password());
        postgres = new PostgresOptions(url, stack.postgres().user(), stack.postgres().password());

        Path indexDir = workDir.resolve("index");
        var env = stack.flink().environment();
        JobSettings.apply(env, Duration.ofSeconds(1), 2);
        KnowledgeSyncJob.wire(
                env,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        List.of(TOPICS.versioned()),
                        "knowledge-it",
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                new RecordDecoder(TOPICS, SchemaResolver.bundledOnly()),
                new KnowledgeSyncJob.Settings(
                        EmbeddingModel.ALL_MINILM_L6_V2,
                        16,
                        Duration.ofMillis(200),
                        Map.of("urn:li:corpuser:jdoe", "growth"),
                        io.dataspoke.health.HealthRulesConfig.defaults().rules().pii()),
                postgres,
                Duration.ofSeconds(1),
                new LocalIndexOptions(indexDir.toString()));
        job = stack.flink().submit(env, "knowledge-it");
        await(() -> java.nio.file.Files.exists(indexDir.resolve("points.log")), "the index");
        index = LocalVectorIndex.reader(indexDir);
        search =
                new KnowledgeSearch(
                        new TextEmbedder(EmbeddingModel.ALL_MINILM_L6_V2),
                        new LexicalEncoder(),
                        index);
        await(() -> count() == datasets, "every dataset of the sample catalog indexed");
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) {
            stack.flink().cancel(job);
        }
        if (index != null) {
            index.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theSampleCatalogIsSearchable() throws Exception {
        List<SearchResult> results = search.search("users created", SearchFilter.NONE, 3);

        assertThat(results.get(0).dataset().urn()).isEqualTo(USERS_CREATED);
        assertThat(results.get(0).matched()).anyMatch(m -> m.startsWith("name: "));
        assertThat(
                        search.search(
                                "user events",
                                new SearchFilter("kafka", null, null, null, null, true),
                                5))
                .extracting(r -> r.dataset().platform())
                .containsOnly("kafka");
    }

    @Test
    void aNewDescriptionIsSearchableWithinSecondsAndADeletedDatasetLeaves() throws Exception {
        String query = "quarterly advertising impressions with personal data masked";
        assertThat(top(query)).isNotEqualTo(KAFKA);

        long sent = System.nanoTime();
        produce(
                change(
                        KAFKA,
                        "editableDatasetProperties",
                        "{\"description\":\"Quarterly advertising impressions, personal data"
                                + " masked\"}",
                        T0 + 10_000));
        await(() -> KAFKA.equals(top(query)), "the new description found first");
        double seconds = (System.nanoTime() - sent) / 1e9;
        System.out.printf("Description change searchable after %.2f s%n", seconds);
        assertThat(seconds).isLessThan(DEADLINE.toSeconds());

        produce(change(USERS_DELETED, "status", "{\"removed\":true}", T0 + 20_000));
        await(() -> count() == datasets - 1, "the deleted dataset removed from the index");
        assertThat(search.search("users deleted", SearchFilter.NONE, 10))
                .extracting(r -> r.dataset().urn())
                .doesNotContain(USERS_DELETED);
    }

    @Test
    void aBlockedStatusReachesThePayloadAndRanksTheDatasetLower() throws Exception {
        String urn = "urn:li:dataset:(urn:li:dataPlatform:hive,logging_events,PROD)";
        try (Connection c = postgres.connect();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO dataset_status VALUES ('"
                            + urn
                            + "', 'BLOCK', '[]', '[\"inc-1\",\"inc-2\"]', now(), now())");
        }

        await(
                () -> {
                    try {
                        return index.payload(io.dataspoke.knowledge.index.PointIds.of(urn))
                                .map(
                                        p ->
                                                "BLOCK".equals(p.qualityStatus())
                                                        && p.openIncidents() == 2)
                                .orElse(false);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                "the BLOCK status in the payload");
        SearchResult logging =
                search.search("logging events", SearchFilter.NONE, 10).stream()
                        .filter(r -> r.dataset().urn().equals(urn))
                        .findFirst()
                        .orElseThrow();
        assertThat(logging.cautions()).contains("quality status BLOCK", "2 open incidents");
        assertThat(logging.demotedBy()).isEqualTo(3);
    }

    private static String top(String query) {
        try {
            List<SearchResult> results = search.search(query, SearchFilter.NONE, 1);
            return results.isEmpty() ? null : results.get(0).dataset().urn();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long count() {
        try {
            return index.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MetadataChange change(String urn, String aspect, String json, long time) {
        return new MetadataChange(urn, "dataset", aspect, "UPSERT", json, null, time, null, false);
    }

    private static void produce(MetadataChange change) throws Exception {
        new KafkaReplayer(stack.kafka().bootstrapServers())
                .replay(List.of(SampleCatalog.record(TOPICS, change)), 0, sent -> {});
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + DEADLINE);
            }
            Thread.sleep(100);
        }
    }
}
