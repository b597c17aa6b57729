package io.dataspoke.jobs;

import io.dataspoke.decode.DecodeFunction;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.RawRecord;
import io.dataspoke.functions.EntityStateFunction;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.ingest.EntitySnapshot;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.SearchDocuments;
import io.dataspoke.knowledge.flink.DocumentChange;
import io.dataspoke.knowledge.flink.EmbeddingOperator;
import io.dataspoke.knowledge.flink.IndexChanges;
import io.dataspoke.knowledge.flink.QualityUpdate;
import io.dataspoke.knowledge.flink.SearchDocumentFunction;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.qdrant.LocalIndexOptions;
import io.dataspoke.sinks.qdrant.VectorIndexFactory;
import io.dataspoke.sinks.qdrant.VectorIndexSink;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code knowledge-sync} job: DataHub's versioned change logs, the latest aspects of every
 * entity, and for each dataset the search document kept in the vector index within seconds of a
 * change. Only what changed is redone: new text is embedded (in micro-batches), a moved health
 * score or quality status updates the payload alone, a soft or hard delete removes the point.
 */
public final class KnowledgeSyncJob {

    public static final String NAME = "knowledge-sync";

    private KnowledgeSyncJob() {}

    /**
     * How the job builds and embeds documents.
     *
     * @param teamByOwner owner URN to team, for the team filter
     * @param batchSize documents embedded per batch at most
     * @param maxWait how long a document waits for its batch to fill
     */
    public record Settings(
            EmbeddingModel model,
            int batchSize,
            Duration maxWait,
            Map<String, String> teamByOwner,
            HealthRulesConfig.Pii pii)
            implements Serializable {

        public Settings {
            teamByOwner = Map.copyOf(teamByOwner);
        }

        /** The default model, batches of 32 or 500 ms, no teams, the default PII rule. */
        public static Settings defaults() {
            return new Settings(
                    EmbeddingModel.ALL_MINILM_L6_V2,
                    32,
                    Duration.ofMillis(500),
                    Map.of(),
                    HealthRulesConfig.defaults().rules().pii());
        }
    }

    /** The index changes of the datasets in {@code records}, with health and status merged in. */
    public static DataStream<IndexChange> build(
            DataStream<RawRecord> records,
            DataStream<QualityUpdate> quality,
            RecordDecoder decoder,
            Settings settings) {
        DataStream<EntitySnapshot> entities =
                records.process(new DecodeFunction(decoder))
                        .uid("decode")
                        .name("Decode records")
                        .filter(change -> !change.timeseries())
                        .name("Versioned changes")
                        .keyBy(MetadataChange::entityUrn)
                        .process(new EntityStateFunction())
                        .uid("entity-state")
                        .name("Latest aspects per entity");
        DataStream<DocumentChange> changes =
                DataStreamUtils.reinterpretAsKeyedStream(
                                entities, EntitySnapshot::urn, Types.STRING)
                        .connect(quality.keyBy(QualityUpdate::urn))
                        .process(
                                new SearchDocumentFunction(
                                        new SearchDocuments(
                                                settings.teamByOwner(), settings.pii())),
                                TypeInformation.of(DocumentChange.class))
                        .uid("search-documents")
                        .name("Search documents");
        return changes.transform(
                        "Embed documents",
                        IndexChanges.TYPE,
                        new EmbeddingOperator(
                                settings.model(), settings.batchSize(), settings.maxWait()))
                .uid("embed-documents");
    }

    /**
     * The whole job: the Kafka source, health and status polled from {@code postgres} (read once
     * for a bounded source), {@link #build}, and the index sink.
     */
    public static DataStream<IndexChange> wire(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            RecordDecoder decoder,
            Settings settings,
            PostgresOptions postgres,
            Duration qualityPoll,
            VectorIndexFactory index) {
        DataStream<RawRecord> records =
                env.fromSource(source, Sources.watermarks(), "DataHub change logs")
                        .uid("kafka-source");
        boolean bounded =
                source.getBoundedness()
                        == org.apache.flink.api.connector.source.Boundedness.BOUNDED;
        DataStream<IndexChange> changes =
                build(
                        records,
                        QualityUpdateSource.stream(env, postgres, qualityPoll, bounded),
                        decoder,
                        settings);
        DataStreamSink<IndexChange> sink =
                changes.sinkTo(
                                VectorIndexSink.builder()
                                        .setIndex(index)
                                        .setDimension(settings.model().dimension())
                                        .build())
                        .uid("index-sink")
                        .name("Vector index");
        if (index instanceof LocalIndexOptions) {
            // The embedded index has one writer.
            sink.setParallelism(1);
        }
        return changes;
    }
}
