package io.dataspoke.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.decode.DataHubAvroEncoder;
import io.dataspoke.demo.GroundTruth.Layer;
import io.dataspoke.event.EntityChange;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Turns the planned scenario into Kafka records: the initial catalog as versioned MCL upserts, the
 * mid-history edits (description added, column removed and restored, soft and hard delete) with
 * their EntityChangeEvents, and for every run of every job the OpenLineage events, the operation
 * and datasetProfile time-series MCLs and, for SQL jobs, a query log line.
 */
final class HistoryWriter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String DATASET = "dataset";

    private final Scenario scenario;
    private final Topics topics = Topics.DEFAULTS;
    private final DataHubAvroEncoder encoder = new DataHubAvroEncoder();
    private final RunEvents runEvents = new RunEvents();
    private final QueryLogs queryLogs;
    private final List<DemoRecord> records;

    HistoryWriter(Scenario scenario) {
        this(scenario, new ArrayList<>(), new QueryLogs());
    }

    private HistoryWriter(Scenario scenario, List<DemoRecord> records, QueryLogs queryLogs) {
        this.scenario = scenario;
        this.records = records;
        this.queryLogs = queryLogs;
    }

    List<DemoRecord> write() {
        List<DemoDataset> datasets = scenario.catalog.datasets();
        for (DemoDataset d : datasets) {
            // Settle the derived names before datasets are written on several threads.
            d.urn();
            d.jobName();
        }
        for (DemoDataset d : datasets) {
            initialCatalog(d, scenario.startMillis + 1_000 + d.index * 150L);
        }
        // The runs of each dataset depend only on that dataset, so they are written in parallel;
        // collecting in dataset order keeps the output identical to a sequential run.
        LoadPlanner planner = new LoadPlanner(scenario);
        List<DatasetRuns> runs =
                datasets.parallelStream()
                        .map(
                                d ->
                                        new HistoryWriter(scenario, new ArrayList<>(), null)
                                                .runs(d, planner.plan(d)))
                        .toList();
        for (DatasetRuns r : runs) {
            records.addAll(r.records());
            for (Load load : r.sqlLoads()) {
                QueryLogs.Line line = queryLogs.load(load);
                add(
                        topics.queryLogs(),
                        line.queryId(),
                        line.json().getBytes(StandardCharsets.UTF_8),
                        line.timestampMillis());
            }
        }
        adhocQueries();
        edits();
        // Stable: records with the same timestamp keep the order they were written in.
        records.sort(Comparator.comparingLong(DemoRecord::timestampMillis));
        return records;
    }

    /** The records of one dataset's runs, and its runs that show up in a SQL engine's query log. */
    private record DatasetRuns(List<DemoRecord> records, List<Load> sqlLoads) {}

    // ---------------------------------------------------------------- catalog

    private void initialCatalog(DemoDataset d, long t) {
        String urn = d.urn();
        String owner = d.team.ownerUrns.get(d.index % d.team.ownerUrns.size());
        entityChange(urn, "LIFECYCLE", "CREATE", null, null, t, AspectJson.INGESTION_ACTOR);
        versioned(urn, "datasetKey", AspectJson.datasetKey(d), null, t);
        versioned(urn, "datasetProperties", AspectJson.datasetProperties(d, t), null, t + 1);
        if (d.editableDescription != null) {
            versioned(
                    urn,
                    "editableDatasetProperties",
                    AspectJson.editableDatasetProperties(d.editableDescription, t, owner),
                    null,
                    t + 2,
                    owner);
        }
        versioned(urn, "schemaMetadata", schema(d, d.columns, 0, t), null, t + 3);
        if (d.editableSchema) {
            versioned(
                    urn,
                    "editableSchemaMetadata",
                    AspectJson.editableSchemaMetadata(d, t, owner),
                    null,
                    t + 4,
                    owner);
        }
        if (d.owned || d.emptyOwnership) {
            versioned(urn, "ownership", AspectJson.ownership(d, t), null, t + 5);
        }
        if (!d.tags().isEmpty()) {
            versioned(urn, "globalTags", AspectJson.globalTags(d.tags()), null, t + 6);
        }
        if (!d.terms().isEmpty()) {
            versioned(urn, "glossaryTerms", AspectJson.glossaryTerms(d.terms(), t), null, t + 7);
        }
        if (d.hasDomain) {
            versioned(urn, "domains", AspectJson.domains(d), null, t + 8);
        }
        if (d.layer != Layer.SOURCE && d.lineageCataloged) {
            versioned(urn, "upstreamLineage", AspectJson.upstreamLineage(d, t), null, t + 9);
        }
        versioned(urn, "subTypes", AspectJson.subTypes(d), null, t + 10);
        versioned(urn, "status", AspectJson.status(false), null, t + 11);
        if (d.deprecated) {
            long decommission =
                    scenario.startMillis
                            + scenario.config.days() * Scenario.DAY
                            + 30 * Scenario.DAY;
            versioned(
                    urn,
                    "deprecation",
                    AspectJson.deprecation(d, decommission),
                    null,
                    t + 12,
                    d.team.ownerUrns.get(0));
        }
    }

    private String schema(DemoDataset d, List<DemoColumn> columns, long version, long modified) {
        return AspectJson.schemaMetadata(
                d, columns, version, scenario.startMillis, modified, AspectJson.INGESTION_ACTOR);
    }

    // ---------------------------------------------------------------- edits

    private void edits() {
        DemoDataset described = scenario.describedLater;
        String owner = described.team.ownerUrns.get(0);
        long t = scenario.describedAt;
        versioned(
                described.urn(),
                "editableDatasetProperties",
                AspectJson.editableDatasetProperties(described.goodDescription, t, owner),
                null,
                t,
                owner);
        ObjectNode doc = F.objectNode().put("description", described.goodDescription);
        entityChange(described.urn(), "DOCUMENTATION", "ADD", null, doc, t, owner);
        described.editableDescription = described.goodDescription;

        DemoDataset root = scenario.schemaChain.get(0);
        List<DemoColumn> without = withoutRemoved(root);
        String before =
                schema(root, root.columns, 0, scenario.startMillis + 1_000 + root.index * 150L);
        String after = schema(root, without, 1, scenario.schemaChangeAt);
        versioned(root.urn(), "schemaMetadata", after, before, scenario.schemaChangeAt);
        fieldChange(root, "REMOVE", scenario.schemaChangeAt);
        String restored = schema(root, root.columns, 2, scenario.schemaRestoredAt);
        versioned(root.urn(), "schemaMetadata", restored, after, scenario.schemaRestoredAt);
        fieldChange(root, "ADD", scenario.schemaRestoredAt);

        DemoDataset soft = scenario.softDeleted;
        String softOwner = soft.team.ownerUrns.get(0);
        versioned(
                soft.urn(),
                "status",
                AspectJson.status(true),
                AspectJson.status(false),
                scenario.softDeleteAt,
                softOwner);
        entityChange(
                soft.urn(),
                "LIFECYCLE",
                "SOFT_DELETE",
                null,
                null,
                scenario.softDeleteAt,
                softOwner);

        DemoDataset hard = scenario.hardDeleted;
        String hardOwner = hard.team.ownerUrns.get(0);
        add(
                topics.versioned(),
                hard.urn(),
                encoder.encode(
                        new MetadataChange(
                                hard.urn(),
                                DATASET,
                                "datasetKey",
                                "DELETE",
                                null,
                                AspectJson.datasetKey(hard),
                                scenario.hardDeleteAt,
                                hardOwner,
                                false)),
                scenario.hardDeleteAt);
        entityChange(
                hard.urn(),
                "LIFECYCLE",
                "HARD_DELETE",
                null,
                null,
                scenario.hardDeleteAt,
                hardOwner);
    }

    private List<DemoColumn> withoutRemoved(DemoDataset d) {
        List<DemoColumn> out = new ArrayList<>(d.columns);
        out.removeIf(c -> c.name.equals(scenario.removedColumn));
        return out;
    }

    private void fieldChange(DemoDataset d, String operation, long t) {
        String fieldUrn = "urn:li:schemaField:(" + d.urn() + "," + scenario.removedColumn + ")";
        DemoColumn column = d.column(scenario.removedColumn);
        ObjectNode params =
                F.objectNode()
                        .put("fieldUrn", fieldUrn)
                        .put("fieldPath", scenario.removedColumn)
                        .put("nullable", column.nullable);
        entityChange(
                d.urn(),
                "TECHNICAL_SCHEMA",
                operation,
                fieldUrn,
                params,
                t,
                AspectJson.INGESTION_ACTOR);
    }

    // ---------------------------------------------------------------- runs

    private DatasetRuns runs(DemoDataset d, List<Load> loads) {
        SplittableRandom rng = Seeds.rng(scenario.config.seed(), "run-ids", d.index);
        String urn = d.urn();
        String job = d.jobName();
        List<Load> sqlLoads = QueryLogs.logged(d) ? loads : List.of();
        List<DemoColumn> profiled = LoadPlanner.profiledColumns(d);
        RunEvents.Job events = runEvents.job(d);
        for (Load load : loads) {
            UUID runId = RunEvents.runId(load.start(), rng.nextLong());
            long profileDelay = 20_000 + rng.nextInt(60_000);
            openLineage(job, events.start(runId, load.start(), load.scheduled()), load.start());
            if (load.failed()) {
                openLineage(job, events.fail(runId, load.end(), load.error()), load.end());
                continue;
            }
            boolean columnGone =
                    d == scenario.schemaChain.get(0)
                            && load.end() >= scenario.schemaChangeAt
                            && load.end() < scenario.schemaRestoredAt;
            List<DemoColumn> schema = columnGone ? withoutRemoved(d) : d.columns;
            openLineage(job, events.complete(runId, load.end(), load.rows(), schema), load.end());
            long operationAt = load.end() + 1_500;
            timeseries(
                    urn,
                    "operation",
                    AspectJson.operation(load, operationAt, d.team.serviceActor()),
                    operationAt,
                    d.team.serviceActor());
            long profileAt = load.end() + profileDelay;
            List<DemoColumn> fields = profiled;
            Load reported = load;
            if (columnGone) {
                fields = new ArrayList<>();
                List<Long> counts = new ArrayList<>();
                for (int i = 0; i < profiled.size(); i++) {
                    if (!profiled.get(i).name.equals(scenario.removedColumn)) {
                        fields.add(profiled.get(i));
                        counts.add(load.nullCounts()[i]);
                    }
                }
                reported =
                        new Load(
                                d,
                                load.runNumber(),
                                load.scheduled(),
                                load.start(),
                                load.end(),
                                load.rows(),
                                load.partition(),
                                counts.stream().mapToLong(Long::longValue).toArray(),
                                load.overwrite(),
                                null);
            }
            timeseries(
                    urn,
                    "datasetProfile",
                    AspectJson.datasetProfile(reported, profileAt, schema.size(), fields),
                    profileAt,
                    AspectJson.INGESTION_ACTOR);
        }
        return new DatasetRuns(records, sqlLoads);
    }

    private void adhocQueries() {
        List<DemoDataset> queryable = new ArrayList<>();
        List<String> users = new ArrayList<>(Vocabulary.ANALYSTS);
        for (DemoTeam team : scenario.catalog.teams()) {
            users.addAll(team.spec.people());
        }
        for (DemoDataset d : scenario.catalog.datasets()) {
            if ((d.layer == Layer.MART || d.layer == Layer.REPORT)
                    && ("snowflake".equals(d.platform) || "hive".equals(d.platform))) {
                queryable.add(d);
            }
        }
        if (queryable.isEmpty()) {
            return;
        }
        for (int day = 0; day < scenario.config.days(); day++) {
            SplittableRandom rng = Seeds.rng(scenario.config.seed(), "adhoc-queries", day);
            long dayStart = scenario.dayStart(day);
            DayOfWeek dow = Instant.ofEpochMilli(dayStart).atZone(ZoneOffset.UTC).getDayOfWeek();
            boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            for (QueryLogs.Line line : queryLogs.adhoc(queryable, dayStart, weekend, rng, users)) {
                add(
                        topics.queryLogs(),
                        line.queryId(),
                        line.json().getBytes(StandardCharsets.UTF_8),
                        line.timestampMillis());
            }
        }
    }

    // ---------------------------------------------------------------- encoding

    private void versioned(String urn, String aspect, String json, String previous, long t) {
        versioned(urn, aspect, json, previous, t, AspectJson.INGESTION_ACTOR);
    }

    private void versioned(
            String urn, String aspect, String json, String previous, long t, String actor) {
        MetadataChange change =
                new MetadataChange(urn, DATASET, aspect, "UPSERT", json, previous, t, actor, false);
        add(topics.versioned(), urn, encoder.encode(change), t);
    }

    private void timeseries(String urn, String aspect, String json, long t, String actor) {
        MetadataChange change =
                new MetadataChange(urn, DATASET, aspect, "UPSERT", json, null, t, actor, true);
        add(topics.timeseries(), urn, encoder.encode(change), t);
    }

    /** An EntityChangeEvent with its JSON payload laid out as EntityChangeEvent.pdl. */
    private void entityChange(
            String urn,
            String category,
            String operation,
            String modifier,
            ObjectNode parameters,
            long t,
            String actor) {
        ObjectNode payload = F.objectNode();
        payload.put("entityType", DATASET);
        payload.put("entityUrn", urn);
        payload.put("category", category);
        payload.put("operation", operation);
        if (modifier != null) {
            payload.put("modifier", modifier);
        }
        if (parameters != null) {
            payload.set("parameters", parameters);
        }
        payload.set("auditStamp", AspectJson.auditStamp(t, actor));
        payload.put("version", 0);
        String parametersJson = parameters == null ? null : AspectJson.json(parameters);
        EntityChange change =
                new EntityChange(
                        urn, DATASET, category, operation, modifier, parametersJson, t, actor, 0);
        add(topics.platformEvents(), urn, encoder.encode(change, AspectJson.json(payload)), t);
    }

    private void openLineage(String job, String json, long t) {
        add(topics.openLineage(), job, json.getBytes(StandardCharsets.UTF_8), t);
    }

    private void add(String topic, String key, byte[] value, long t) {
        records.add(new DemoRecord(topic, key.getBytes(StandardCharsets.UTF_8), value, t));
    }
}
