package io.dataspoke.decode;

import io.dataspoke.event.DeadLetter;
import io.dataspoke.event.EntityChange;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.event.RawRecord;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes raw Kafka records into DataSpoke's events: MetadataChanges on the main output, the other
 * events and the dead letters on side outputs. It never throws for a bad record; whatever cannot be
 * decoded becomes a {@link DeadLetter} with its coordinates, bytes and the reason.
 */
public class DecodeFunction extends ProcessFunction<RawRecord, MetadataChange> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DecodeFunction.class);

    /** EntityChangeEvents from the PlatformEvent topic. */
    public static final OutputTag<EntityChange> ENTITY_CHANGES =
            new OutputTag<>("entity-changes", TypeInformation.of(EntityChange.class));

    /** OpenLineage run events. */
    public static final OutputTag<PipelineRun> PIPELINE_RUNS =
            new OutputTag<>("pipeline-runs", TypeInformation.of(PipelineRun.class));

    /** Query log records. */
    public static final OutputTag<QueryLog> QUERY_LOGS =
            new OutputTag<>("query-logs", TypeInformation.of(QueryLog.class));

    /** Records that could not be decoded, from every topic. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final RecordDecoder decoder;

    private transient Map<RecordKind, Counter> eventsIn;
    private transient Counter deadLetters;

    public DecodeFunction(RecordDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        eventsIn = new EnumMap<>(RecordKind.class);
        for (RecordKind kind : RecordKind.values()) {
            eventsIn.put(kind, metrics.addGroup("kind", kind.metricName()).counter("eventsIn"));
        }
        deadLetters = metrics.counter("deadLetters");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<MetadataChange> out) {
        decoder.kindOf(record.topic()).ifPresent(kind -> eventsIn.get(kind).inc());
        Decoded decoded;
        try {
            decoded = decoder.decode(record);
        } catch (DecodeException e) {
            deadLetter(record, e.getMessage(), ctx);
            return;
        } catch (RuntimeException e) {
            // A decoder bug must cost one record, not the job.
            LOG.warn(
                    "Unexpected failure decoding {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e);
            deadLetter(record, "unexpected decoder failure: " + e, ctx);
            return;
        }
        if (decoded instanceof Decoded.Change change) {
            out.collect(change.event());
        } else if (decoded instanceof Decoded.EntityChangeEvent entityChange) {
            ctx.output(ENTITY_CHANGES, entityChange.event());
        } else if (decoded instanceof Decoded.Run run) {
            ctx.output(PIPELINE_RUNS, run.event());
        } else if (decoded instanceof Decoded.Query query) {
            ctx.output(QUERY_LOGS, query.event());
        }
        // Decoded.Skipped: a legal record DataSpoke does not use.
    }

    private void deadLetter(RawRecord record, String error, Context ctx) {
        deadLetters.inc();
        ctx.output(DEAD_LETTERS, DeadLetter.of(record, error == null ? "unknown error" : error));
    }

    /** Records counted per kind since open; for tests. */
    long eventsIn(RecordKind kind) {
        return eventsIn.get(kind).getCount();
    }

    /** Dead letters emitted since open; for tests. */
    long deadLetterCount() {
        return deadLetters.getCount();
    }
}
