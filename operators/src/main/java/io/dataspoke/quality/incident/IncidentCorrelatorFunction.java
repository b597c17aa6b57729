package io.dataspoke.quality.incident;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.contract.Check;
import io.dataspoke.quality.contract.ContractSet;
import io.dataspoke.quality.lineage.LineageGraph;
import io.dataspoke.quality.lineage.LineageUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Groups quality events and CEP matches into incidents by lineage root cause ({@link
 * IncidentBook}), emitting each incident again whenever it changes.
 *
 * <p>Grouping needs the whole lineage graph and every open incident in one place, so the job keys
 * this function by a constant and runs it with parallelism 1. That is cheap because its inputs are
 * transitions (a check starts failing, a run fails), not observations, and lineage updates that
 * change nothing are dropped. Inputs are buffered until the watermark passes their event time and
 * applied in event-time order, so an upstream cause is always seen before the downstream failures
 * it explains, whatever order the partitions were read in. The watermark trails live events by the
 * sources' out-of-orderness bound, so live inputs (event time near the wall clock) are also applied
 * after a short processing-time delay, in event-time order among those pending; replayed history
 * waits for the watermark alone.
 */
public class IncidentCorrelatorFunction
        extends KeyedProcessFunction<String, CorrelatorInput, Incident> {

    /** The key every input is sent under. */
    public static final String KEY = "incidents";

    /** How long a live input waits for others that belong before it, by default. */
    public static final Duration DEFAULT_FLUSH_DELAY = Duration.ofSeconds(10);

    /** Inputs whose event time is within this of the wall clock are live. */
    static final long LIVE_MILLIS = Duration.ofMinutes(10).toMillis();

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                    .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ContractSet contracts;
    private final int maxHops;
    private final long reopenWindowMillis;
    private final long flushDelayMillis;
    private final HashMap<String, String> teamByOwner;

    private transient MapState<String, LineageUpdate> lineage;
    private transient MapState<Long, List<CorrelatorInput>> pending;
    private transient MapState<String, CatalogFacts> facts;
    private transient ValueState<String> bookJson;
    private transient LineageGraph graph;
    private transient IncidentBook book;
    private transient Counter opened;
    private transient Counter resolved;

    public IncidentCorrelatorFunction(ContractSet contracts, int maxHops, Duration reopenWindow) {
        this(contracts, maxHops, reopenWindow, DEFAULT_FLUSH_DELAY, Map.of());
    }

    /**
     * @param flushDelay how long a live input waits (wall clock) for inputs that belong before it
     * @param teamByOwner owner URN to team name, for the team of an incident's root dataset
     */
    public IncidentCorrelatorFunction(
            ContractSet contracts,
            int maxHops,
            Duration reopenWindow,
            Duration flushDelay,
            Map<String, String> teamByOwner) {
        this.contracts = contracts;
        this.maxHops = maxHops;
        this.reopenWindowMillis = reopenWindow.toMillis();
        this.flushDelayMillis = flushDelay.toMillis();
        this.teamByOwner = new HashMap<>(teamByOwner);
    }

    @Override
    public void open(OpenContext openContext) {
        lineage =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "lineage",
                                        Types.STRING,
                                        TypeInformation.of(LineageUpdate.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(CorrelatorInput.class))));
        bookJson = getRuntimeContext().getState(new ValueStateDescriptor<>("book", Types.STRING));
        // Open incidents on the dashboard: opened minus resolved (a gauge would restart from 0
        // after a restore; these counters' rates are what alerting rules need anyway).
        opened = getRuntimeContext().getMetricGroup().counter("incidentsOpened");
        resolved = getRuntimeContext().getMetricGroup().counter("incidentsResolved");
        facts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "catalog-facts",
                                        Types.STRING,
                                        TypeInformation.of(CatalogFacts.class)));
    }

    @Override
    public void processElement(CorrelatorInput input, Context ctx, Collector<Incident> out)
            throws Exception {
        if (input.lineage() != null) {
            LineageUpdate update = input.lineage();
            LineageUpdate existing = lineage.get(update.stateKey());
            if (existing == null || update.supersedes(existing)) {
                lineage.put(update.stateKey(), update);
                graph().apply(update);
            }
            return;
        }
        if (input.facts() != null) {
            CatalogFacts known = facts.get(input.facts().datasetUrn());
            facts.put(
                    input.facts().datasetUrn(),
                    known == null ? input.facts() : known.merge(input.facts()));
            return;
        }
        long millis = input.eventMillis();
        if (millis <= ctx.timerService().currentWatermark()) {
            apply(input, out);
            return;
        }
        List<CorrelatorInput> waiting = pending.get(millis);
        if (waiting == null) {
            waiting = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(millis);
        }
        waiting.add(input);
        pending.put(millis, waiting);
        long now = ctx.timerService().currentProcessingTime();
        if (millis > now - LIVE_MILLIS) {
            // Live: the watermark trails event time by the sources' out-of-orderness bound
            // (minutes), so live inputs are applied in order after a short wall-clock delay
            // instead.
            long flushAt = (now + flushDelayMillis) / 1000 * 1000 + 1000;
            ctx.timerService().registerProcessingTimeTimer(flushAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Incident> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            flushLive(timestamp - flushDelayMillis, ctx, out);
            return;
        }
        List<CorrelatorInput> due = pending.get(timestamp);
        if (due == null) {
            return;
        }
        pending.remove(timestamp);
        applyAll(due, out);
    }

    /** Applies, in event-time order, every pending input not later than {@code upTo}. */
    private void flushLive(long upTo, OnTimerContext ctx, Collector<Incident> out)
            throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long millis : pending.keys()) {
            if (millis <= upTo) {
                due.add(millis);
            }
        }
        due.sort(null);
        for (Long millis : due) {
            List<CorrelatorInput> inputs = pending.get(millis);
            pending.remove(millis);
            ctx.timerService().deleteEventTimeTimer(millis);
            applyAll(inputs, out);
        }
    }

    /** Inputs of one instant: events before matches, as a match interprets the events it ends. */
    private void applyAll(List<CorrelatorInput> inputs, Collector<Incident> out) throws Exception {
        inputs.sort(Comparator.comparing(input -> input.match() != null));
        for (CorrelatorInput input : inputs) {
            apply(input, out);
        }
    }

    private void apply(CorrelatorInput input, Collector<Incident> out) throws Exception {
        IncidentBook incidents = book();
        LineageGraph lineageGraph = graph();
        List<Incident> changed =
                input.event() != null
                        ? incidents.onEvent(
                                input.event(),
                                urn -> lineageGraph.ancestors(urn, maxHops),
                                this::severityOf)
                        : incidents.onMatch(input.match());
        if (!changed.isEmpty()) {
            List<Incident> routed = new ArrayList<>(changed.size());
            for (Incident incident : changed) {
                routed.add(owned(incident, incidents));
            }
            bookJson.update(JSON.writeValueAsString(incidents));
            for (Incident incident : routed) {
                if (incident.revision() == 1 && incident.open()) {
                    opened.inc();
                } else if (!incident.open()) {
                    resolved.inc();
                }
                out.collect(incident);
            }
        }
    }

    /**
     * The incident with the team and domain of its root dataset filled in from the catalog, kept in
     * the book so later revisions carry them too.
     */
    private Incident owned(Incident incident, IncidentBook book) throws Exception {
        if (incident.team() != null && incident.domain() != null) {
            return incident;
        }
        CatalogFacts known = facts.get(incident.rootUrn());
        if (known == null) {
            return incident;
        }
        String team = incident.team();
        if (team == null && known.owners() != null) {
            for (String owner : known.owners()) {
                team = team == null ? teamByOwner.get(owner) : team;
            }
        }
        String domain = incident.domain();
        if (domain == null && known.domain() != null && !known.domain().isEmpty()) {
            domain = known.domain();
        }
        IncidentBook.Entry entry = book.open.get(incident.id());
        if (entry == null) {
            entry = book.recent.get(incident.rootUrn());
        }
        if (entry != null && entry.id.equals(incident.id())) {
            entry.team = team;
            entry.domain = domain;
        }
        return new Incident(
                incident.id(),
                incident.rootUrn(),
                incident.title(),
                incident.cause(),
                incident.state(),
                incident.severity(),
                incident.openedMillis(),
                incident.updatedMillis(),
                incident.resolvedMillis(),
                incident.column(),
                incident.affected(),
                incident.revision(),
                team,
                domain);
    }

    private Severity severityOf(String datasetUrn, String checkId) {
        for (Check check : contracts.forDataset(datasetUrn)) {
            if (check.id().equals(checkId)) {
                return check.severity();
            }
        }
        return Severity.MEDIUM;
    }

    private IncidentBook book() throws Exception {
        if (book == null) {
            book = new IncidentBook(reopenWindowMillis);
            String json = bookJson.value();
            if (json != null) {
                JSON.readerForUpdating(book).readValue(json);
            }
        }
        return book;
    }

    private LineageGraph graph() throws Exception {
        if (graph == null) {
            graph = new LineageGraph();
            for (Map.Entry<String, LineageUpdate> entry : lineage.entries()) {
                graph.apply(entry.getValue());
            }
        }
        return graph;
    }
}
