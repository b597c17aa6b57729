package io.dataspoke.quality.lineage;

import io.dataspoke.aspect.Aspects;
import io.dataspoke.aspect.UpstreamLineage;
import io.dataspoke.decode.DecodeException;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.RunDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The upstreams one source of lineage reports for a dataset: the catalog's {@code upstreamLineage}
 * aspect, or the inputs of a pipeline run that wrote it. Each update replaces what the same source
 * said before about the same downstream; an update without upstreams clears it.
 *
 * @param downstreamUrn the dataset the upstreams feed
 * @param upstreams the datasets it is derived from, sorted and without duplicates or itself
 * @param source {@link #CATALOG} or {@link #RUN}
 * @param eventMillis when the source said so; an older update never replaces a newer one
 */
public record LineageUpdate(
        String downstreamUrn, String[] upstreams, String source, long eventMillis) {

    /** Lineage from DataHub's {@code upstreamLineage} aspect. */
    public static final String CATALOG = "catalog";

    /** Lineage from the inputs of an OpenLineage run. */
    public static final String RUN = "run";

    /**
     * The catalog lineage a metadata change carries, empty when it is not about {@code
     * upstreamLineage}. A DELETE or an absent aspect clears the dataset's catalog upstreams.
     *
     * @throws DecodeException when the aspect is not valid {@code upstreamLineage} JSON
     */
    public static Optional<LineageUpdate> fromCatalog(MetadataChange change)
            throws DecodeException {
        if (!UpstreamLineage.NAME.equals(change.aspectName())) {
            return Optional.empty();
        }
        List<String> upstreams = new ArrayList<>();
        String json = change.aspectJson();
        if (!change.isDelete() && json != null && !json.isBlank()) {
            UpstreamLineage lineage = (UpstreamLineage) Aspects.parse(UpstreamLineage.NAME, json);
            for (UpstreamLineage.Upstream upstream : lineage.upstreams()) {
                upstreams.add(upstream.dataset());
            }
        }
        return Optional.of(of(change.entityUrn(), upstreams, CATALOG, change.eventMillis()));
    }

    /**
     * One update per dataset the run wrote, naming the run's inputs as its upstreams. A run event
     * that reports no inputs (OpenLineage FAIL and RUNNING events often omit them) says nothing
     * about lineage and gives no updates, so it cannot wipe what an earlier event reported.
     */
    public static List<LineageUpdate> fromRun(PipelineRun run) {
        List<String> inputs = new ArrayList<>();
        for (RunDataset input : nullToEmpty(run.inputs())) {
            if (input != null && input.urn() != null) {
                inputs.add(input.urn());
            }
        }
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<LineageUpdate> updates = new ArrayList<>();
        for (RunDataset output : nullToEmpty(run.outputs())) {
            if (output != null && output.urn() != null) {
                updates.add(of(output.urn(), inputs, RUN, run.eventMillis()));
            }
        }
        return updates;
    }

    /** An update with its upstreams sorted, deduplicated and stripped of the downstream itself. */
    public static LineageUpdate of(
            String downstreamUrn, List<String> upstreams, String source, long eventMillis) {
        TreeSet<String> distinct = new TreeSet<>();
        for (String upstream : upstreams) {
            if (upstream != null && !upstream.equals(downstreamUrn)) {
                distinct.add(upstream);
            }
        }
        return new LineageUpdate(
                downstreamUrn, distinct.toArray(new String[0]), source, eventMillis);
    }

    /** The key under which this update replaces an earlier one: source and downstream. */
    public String stateKey() {
        return source + " " + downstreamUrn;
    }

    /** True when this update should replace {@code existing} (absent or not newer). */
    public boolean supersedes(LineageUpdate existing) {
        return existing == null || eventMillis >= existing.eventMillis();
    }

    private static RunDataset[] nullToEmpty(RunDataset[] datasets) {
        return datasets == null ? new RunDataset[0] : datasets;
    }
}
