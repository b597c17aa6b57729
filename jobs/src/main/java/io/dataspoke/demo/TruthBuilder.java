package io.dataspoke.demo;

import io.dataspoke.demo.DemoDataset.Role;
import io.dataspoke.demo.GroundTruth.Edit;
import io.dataspoke.demo.GroundTruth.EditType;
import io.dataspoke.demo.GroundTruth.GapType;
import io.dataspoke.demo.GroundTruth.Incident;
import io.dataspoke.demo.GroundTruth.IncidentType;
import io.dataspoke.demo.GroundTruth.Lifecycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes down what the scenario did, after the history was written, as the {@link GroundTruth}. */
final class TruthBuilder {

    private final Scenario s;

    TruthBuilder(Scenario scenario) {
        this.s = scenario;
    }

    GroundTruth build() {
        List<GroundTruth.Team> teams = s.catalog.teams().stream().map(DemoTeam::truth).toList();
        List<GroundTruth.Dataset> datasets = new ArrayList<>();
        List<GroundTruth.LineageEdge> lineage = new ArrayList<>();
        List<String> fullyDocumented = new ArrayList<>();
        for (DemoDataset d : s.catalog.datasets()) {
            List<GapType> gaps = DocumentationAudit.gaps(d);
            datasets.add(
                    new GroundTruth.Dataset(
                            d.urn(),
                            d.name,
                            d.platform,
                            d.team.name,
                            d.team.domainUrn,
                            d.layer,
                            d.depth,
                            d.cadence,
                            d.team.name,
                            d.jobName(),
                            d.openLineageNamespace(),
                            d.effectiveDescription(),
                            d.upstreams.stream().map(DemoDataset::urn).toList(),
                            d.columns.stream().map(c -> c.name).toList(),
                            d.columns.stream().filter(DemoColumn::isPii).map(c -> c.name).toList(),
                            d.tags(),
                            gaps,
                            d.initialGaps,
                            d.roles.contains(Role.CONTROL),
                            d.deprecated,
                            d.lifecycle));
            for (DemoDataset u : d.upstreams) {
                lineage.add(new GroundTruth.LineageEdge(u.urn(), d.urn(), d.lineageCataloged));
            }
            if (gaps.isEmpty() && d.lifecycle == Lifecycle.ACTIVE) {
                fullyDocumented.add(d.urn());
            }
        }
        return new GroundTruth(
                s.config.seed(),
                s.config.start(),
                s.config.end(),
                teams,
                datasets,
                lineage,
                incidents(),
                edits(),
                s.controls.stream().map(DemoDataset::urn).toList(),
                fullyDocumented);
    }

    private List<Incident> incidents() {
        List<Incident> incidents = new ArrayList<>();
        LoadPlanner planner = new LoadPlanner(s);

        List<String> chain = s.schemaChain.stream().map(DemoDataset::urn).toList();
        DemoDataset root = s.schemaChain.get(0);
        incidents.add(
                new Incident(
                        "schema-change-1",
                        IncidentType.SCHEMA_CHANGE,
                        chain,
                        at(s.schemaChangeAt),
                        at(s.schemaRestoredAt),
                        s.removedColumn,
                        "Column "
                                + s.removedColumn
                                + " was dropped from "
                                + root.name
                                + "; the next runs of "
                                + s.schemaChain.subList(1, s.schemaChain.size()).stream()
                                        .map(d -> d.jobName())
                                        .toList()
                                + " (one to three hops downstream) failed until the column was"
                                + " restored."));

        incidents.add(
                new Incident(
                        "volume-drop-1",
                        IncidentType.VOLUME_DROP,
                        List.of(s.volumeDrop.urn()),
                        at(s.volumeDropStart),
                        at(s.volumeDropEnd),
                        null,
                        "Monday-morning loads of "
                                + s.volumeDrop.name
                                + " wrote about 20% fewer rows than the same"
                                + " hours of earlier Mondays (rowCount and numAffectedRows)."));

        Load late =
                planner.plan(s.lateLoad).stream()
                        .filter(l -> l.runNumber() == s.lateLoadDay)
                        .findFirst()
                        .orElseThrow();
        incidents.add(
                new Incident(
                        "late-load-1",
                        IncidentType.LATE_LOAD,
                        List.of(s.lateLoad.urn()),
                        at(late.scheduled()),
                        at(late.end()),
                        null,
                        "The daily load of "
                                + s.lateLoad.name
                                + " due at "
                                + at(late.scheduled())
                                + " started "
                                + Math.round((late.start() - late.scheduled()) / 60_000.0)
                                + " minutes late; no event"
                                + " for the dataset in between."));

        incidents.add(
                new Incident(
                        "null-spike-1",
                        IncidentType.NULL_SPIKE,
                        List.of(s.nullSpike.urn()),
                        at(s.nullSpikeStart),
                        at(s.nullSpikeEnd),
                        s.nullSpikeColumn,
                        "Null proportion of "
                                + s.nullSpikeColumn
                                + " in "
                                + s.nullSpike.name
                                + " jumped from about 1% to about 40% for a day."));

        List<Load> failed =
                planner.plan(s.failing).stream()
                        .filter(l -> l.scheduled() >= s.failingFrom)
                        .limit(Scenario.FAILED_RUNS + 1)
                        .toList();
        incidents.add(
                new Incident(
                        "pipeline-failures-1",
                        IncidentType.PIPELINE_FAILURES,
                        List.of(s.failing.urn()),
                        at(failed.get(0).start()),
                        at(failed.get(Scenario.FAILED_RUNS).end()),
                        null,
                        Scenario.FAILED_RUNS
                                + " consecutive runs of "
                                + s.failing.jobName()
                                + " failed ("
                                + failed.get(0).error()
                                + "); the next run succeeded."));
        return incidents;
    }

    private List<Edit> edits() {
        List<Edit> edits = new ArrayList<>();
        edits.add(
                new Edit(
                        EditType.DESCRIPTION_ADDED,
                        s.describedLater.urn(),
                        at(s.describedAt),
                        null,
                        "An owner added the missing description in the UI"
                                + " (editableDatasetProperties)."));
        DemoDataset root = s.schemaChain.get(0);
        edits.add(
                new Edit(
                        EditType.COLUMN_REMOVED,
                        root.urn(),
                        at(s.schemaChangeAt),
                        s.removedColumn,
                        "schemaMetadata version 1 without the column; EntityChangeEvent"
                                + " TECHNICAL_SCHEMA REMOVE."));
        edits.add(
                new Edit(
                        EditType.COLUMN_RESTORED,
                        root.urn(),
                        at(s.schemaRestoredAt),
                        s.removedColumn,
                        "schemaMetadata version 2 with the column back; EntityChangeEvent"
                                + " TECHNICAL_SCHEMA ADD."));
        edits.add(
                new Edit(
                        EditType.SOFT_DELETED,
                        s.softDeleted.urn(),
                        at(s.softDeleteAt),
                        null,
                        "status removed=true; EntityChangeEvent LIFECYCLE SOFT_DELETE. Its job"
                                + " stopped running."));
        edits.add(
                new Edit(
                        EditType.HARD_DELETED,
                        s.hardDeleted.urn(),
                        at(s.hardDeleteAt),
                        null,
                        "DELETE of the key aspect datasetKey; EntityChangeEvent LIFECYCLE"
                                + " HARD_DELETE. Its job stopped running."));
        edits.sort((a, b) -> a.at().compareTo(b.at()));
        return edits;
    }

    private static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
