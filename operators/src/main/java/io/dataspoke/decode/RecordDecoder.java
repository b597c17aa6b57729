package io.dataspoke.decode;

import io.dataspoke.aspect.Aspects;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes any record DataSpoke reads, choosing the decoder by the record's topic. Plain Java, so
 * that {@link DecodeFunction} stays a thin wrapper. Only the topics and the registry URL travel
 * with it; the decoders are built on first use.
 */
public class RecordDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Topics topics;
    private final SchemaResolver resolver;

    private transient MetadataChangeLogDecoder mcl;
    private transient PlatformEventDecoder platformEvents;
    private transient OpenLineageDecoder openLineage;
    private transient QueryLogDecoder queryLogs;

    /**
     * @param topics where each kind of record arrives
     * @param registryBaseUrl DataHub's schema registry, e.g. {@code
     *     http://datahub-gms:8080/schema-registry/api}; null or blank to use only the bundled
     *     schemas
     */
    public RecordDecoder(Topics topics, String registryBaseUrl) {
        this(topics, new SchemaResolver(registryBaseUrl));
    }

    /** A decoder that finds writer schemas with {@code resolver}. */
    public RecordDecoder(Topics topics, SchemaResolver resolver) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The topics this decoder reads. */
    public Topics topics() {
        return topics;
    }

    /** The kind of record {@code topic} carries, empty for a topic this decoder does not read. */
    public Optional<RecordKind> kindOf(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        if (topic.equals(topics.versioned())) {
            return Optional.of(RecordKind.VERSIONED_MCL);
        }
        if (topic.equals(topics.timeseries())) {
            return Optional.of(RecordKind.TIMESERIES_MCL);
        }
        if (topic.equals(topics.platformEvents())) {
            return Optional.of(RecordKind.PLATFORM_EVENT);
        }
        if (topic.equals(topics.openLineage())) {
            return Optional.of(RecordKind.OPEN_LINEAGE);
        }
        if (topic.equals(topics.queryLogs())) {
            return Optional.of(RecordKind.QUERY_LOG);
        }
        return Optional.empty();
    }

    /**
     * The event in {@code record}.
     *
     * <p>A MetadataChange whose aspect DataSpoke models (see {@link Aspects#isKnown}) is checked
     * here: if its JSON does not parse into the typed aspect, the record fails, so a downstream
     * operator never meets it. Unknown aspects pass unparsed, and so do PATCH changes, whose aspect
     * may be a JSON Patch.
     *
     * @throws DecodeException when the record cannot be decoded; the message says why
     */
    public Decoded decode(RawRecord record) throws DecodeException {
        RecordKind kind =
                kindOf(record.topic())
                        .orElseThrow(
                                () ->
                                        new DecodeException(
                                                "topic "
                                                        + record.topic()
                                                        + " is not one DataSpoke reads"));
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            throw new DecodeException(
                    "empty value (" + (value == null ? "null, a tombstone" : "0 bytes") + ")");
        }
        init();
        switch (kind) {
            case VERSIONED_MCL:
            case TIMESERIES_MCL:
                MetadataChange change =
                        mcl.decode(value, kind == RecordKind.TIMESERIES_MCL, record.timestamp());
                checkAspect(change);
                return new Decoded.Change(change);
            case PLATFORM_EVENT:
                return platformEvents
                        .decode(value)
                        .<Decoded>map(Decoded.EntityChangeEvent::new)
                        .orElseGet(() -> new Decoded.Skipped("not an entityChangeEvent"));
            case OPEN_LINEAGE:
                return new Decoded.Run(openLineage.decode(value));
            case QUERY_LOG:
                return new Decoded.Query(queryLogs.decode(value));
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static void checkAspect(MetadataChange change) throws DecodeException {
        // A PATCH may carry a JSON Patch rather than the aspect value; that is not checked here.
        if (change.aspectJson() != null
                && !"PATCH".equals(change.changeType())
                && Aspects.isKnown(change.aspectName())) {
            Aspects.parse(change.aspectName(), change.aspectJson());
        }
    }

    private void init() {
        if (mcl == null) {
            mcl = new MetadataChangeLogDecoder(resolver);
            platformEvents = new PlatformEventDecoder(resolver);
            openLineage = new OpenLineageDecoder();
            queryLogs = new QueryLogDecoder();
        }
    }
}
