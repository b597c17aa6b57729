package io.dataspoke.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the demo history contains, for tests and evaluations to compare DataSpoke's conclusions
 * with: the teams, every dataset with its documentation gaps, the true lineage, the injected
 * incidents and the metadata edits made during the history.
 *
 * @param seed the seed the history was generated from
 * @param start first instant of the history
 * @param end first instant after the scheduled loads (runs may finish a little later)
 * @param teams the organisation, one domain per team
 * @param datasets every dataset, deleted ones included, in catalog order
 * @param lineage the true data flow (what the pipelines read), whether or not DataHub knows it
 * @param incidents the injected incidents, each on datasets of its own
 * @param edits metadata edits made after the initial catalog load
 * @param controls URNs of clean datasets: fully documented, no incident, not next to one
 * @param fullyDocumented URNs of live datasets that end the history without any gap
 */
public record GroundTruth(
        long seed,
        Instant start,
        Instant end,
        List<Team> teams,
        List<Dataset> datasets,
        List<LineageEdge> lineage,
        List<Incident> incidents,
        List<Edit> edits,
        List<String> controls,
        List<String> fullyDocumented) {

    /** A team: it owns one domain, its people own its datasets, its jobs share a namespace. */
    public record Team(
            String name,
            String displayName,
            String domain,
            String group,
            List<String> owners,
            String jobNamespace,
            String timezone) {}

    /**
     * A dataset as generated.
     *
     * @param name the DataHub dataset name (also the OpenLineage dataset name)
     * @param domain the domain of the owning team, even when the catalog lacks it (gap NO_DOMAIN)
     * @param description the effective description in the catalog at the end of the history,
     *     editable first; null when there is none
     * @param upstreams URNs this dataset is built from (true data flow)
     * @param columns column names at the start of the history
     * @param piiColumns columns holding personal data
     * @param gaps documentation gaps at the end of the history
     * @param initialGaps documentation gaps at the start of the history
     */
    public record Dataset(
            String urn,
            String name,
            String platform,
            String team,
            String domain,
            Layer layer,
            int depth,
            Cadence cadence,
            String jobNamespace,
            String jobName,
            String openLineageNamespace,
            String description,
            List<String> upstreams,
            List<String> columns,
            List<String> piiColumns,
            List<String> tags,
            List<GapType> gaps,
            List<GapType> initialGaps,
            boolean control,
            boolean deprecated,
            Lifecycle lifecycle) {}

    /** One true lineage edge; {@code cataloged} is false when DataHub has no upstreamLineage. */
    public record LineageEdge(String upstream, String downstream, boolean cataloged) {}

    /**
     * An injected incident.
     *
     * @param urns the affected datasets; for a schema change the changed upstream comes first, then
     *     its broken downstreams by hop
     * @param start when the problem starts (the first bad event, or the missed deadline)
     * @param end when it is over (the first good event again)
     * @param column the column involved, null when none
     */
    public record Incident(
            String id,
            IncidentType type,
            List<String> urns,
            Instant start,
            Instant end,
            String column,
            String description) {}

    /** A metadata edit made after the initial load of the catalog. */
    public record Edit(EditType type, String urn, Instant at, String column, String description) {}

    /** Where a dataset sits in the pipeline; also the minimum number of hops from a source. */
    public enum Layer {
        SOURCE,
        STAGING,
        INTERMEDIATE,
        MART,
        REPORT,
        EXPORT
    }

    /** How often a dataset is loaded. */
    public enum Cadence {
        HOURLY,
        DAILY
    }

    /** Whether a dataset still exists at the end of the history. */
    public enum Lifecycle {
        ACTIVE,
        SOFT_DELETED,
        HARD_DELETED
    }

    /**
     * Documentation gaps; docs/demo-data.md gives the exact rule for each, and {@link #rule()} the
     * id of the documentation-audit rule that must report it.
     */
    public enum GapType {
        MISSING_DESCRIPTION("description"),
        PLACEHOLDER_DESCRIPTION("description"),
        DESCRIPTION_EQUALS_NAME("description"),
        NO_OWNER("ownership"),
        NO_TAGS_OR_TERMS("classification"),
        NO_DOMAIN("domain"),
        LOW_COLUMN_DOC_COVERAGE("column-docs"),
        UNTAGGED_PII("pii"),
        NAMING_VIOLATION("naming"),
        DEPRECATED_WITHOUT_REPLACEMENT("deprecation"),
        MISSING_LINEAGE("lineage");

        private final String rule;

        GapType(String rule) {
            this.rule = rule;
        }

        /** The audit rule that reports this gap. */
        public String rule() {
            return rule;
        }
    }

    /** The kinds of injected incidents. */
    public enum IncidentType {
        VOLUME_DROP,
        LATE_LOAD,
        NULL_SPIKE,
        SCHEMA_CHANGE,
        PIPELINE_FAILURES
    }

    /** The kinds of metadata edits during the history. */
    public enum EditType {
        DESCRIPTION_ADDED,
        COLUMN_REMOVED,
        COLUMN_RESTORED,
        SOFT_DELETED,
        HARD_DELETED
    }

    public GroundTruth {
        teams = List.copyOf(teams);
        datasets = List.copyOf(datasets);
        lineage = List.copyOf(lineage);
        incidents = List.copyOf(incidents);
        edits = List.copyOf(edits);
        controls = List.copyOf(controls);
        fullyDocumented = List.copyOf(fullyDocumented);
    }

    /** The dataset with {@code urn}, if the history has it. */
    public Optional<Dataset> dataset(String urn) {
        return datasets.stream().filter(d -> d.urn().equals(urn)).findFirst();
    }

    /** The incident of {@code type}; every type is injected exactly once. */
    public Incident incident(IncidentType type) {
        return incidents.stream()
                .filter(i -> i.type() == type)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no incident of type " + type));
    }

    /** Datasets with at least one gap at the start of the history. */
    public List<Dataset> datasetsWithGaps() {
        return datasets.stream()
                .filter(d -> !d.initialGaps().isEmpty())
                .collect(Collectors.toList());
    }

    /** This ground truth as pretty JSON, the same bytes for the same content. */
    public String toJson() {
        try {
            return WRITER.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file} as UTF-8, creating parent directories. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
    }

    /** Reads a ground truth written by {@link #write(Path)}. */
    public static GroundTruth read(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses {@link #toJson()} output. */
    public static GroundTruth fromJson(String json) throws IOException {
        return MAPPER.readValue(json, GroundTruth.class);
    }

    private static final ObjectMapper MAPPER = newMapper();
    private static final ObjectWriter WRITER =
            MAPPER.writer(
                    new DefaultPrettyPrinter()
                            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static ObjectMapper newMapper() {
        SimpleModule instants = new SimpleModule("iso-instants");
        instants.addSerializer(Instant.class, new InstantSerializer());
        instants.addDeserializer(Instant.class, new InstantDeserializer());
        return new ObjectMapper()
                .registerModule(instants)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** ISO-8601 instants ({@code 2026-01-05T09:00:00Z}), readable by people and by any parser. */
    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            return Instant.parse(parser.getValueAsString());
        }
    }
}
