package io.dataspoke.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataspoke.demo.DemoFixtures.Ece;
import io.dataspoke.demo.DemoFixtures.Mcl;
import io.dataspoke.demo.DemoFixtures.Run;
import io.dataspoke.demo.GroundTruth.Dataset;
import io.dataspoke.demo.GroundTruth.Incident;
import io.dataspoke.demo.GroundTruth.IncidentType;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Each injected incident must be visible in the generated events themselves, not only in the truth.
 */
class DemoIncidentsTest {

    private static final long HOUR = 3_600_000L;

    private final GroundTruth truth = DemoFixtures.defaultHistory().groundTruth();
    private final DemoFixtures.Events events = DemoFixtures.events();

    @Test
    void mondayMorningVolumeDropsAboutTwentyPercentBelowEarlierMondays() {
        Incident drop = truth.incident(IncidentType.VOLUME_DROP);
        Dataset d = dataset(drop.urns().get(0));
        assertThat(d.cadence()).isEqualTo(GroundTruth.Cadence.HOURLY);
        LocalDate day = drop.start().atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(drop.end()).isAfter(drop.start()).isBefore(drop.start().plusSeconds(6 * 3600));
        assertThat(day).isAfter(truth.end().atZone(ZoneOffset.UTC).toLocalDate().minusDays(8));

        for (String aspect : List.of("datasetProfile", "operation")) {
            String field = aspect.equals("operation") ? "numAffectedRows" : "rowCount";
            Map<String, Long> byPartition = new HashMap<>();
            for (Mcl m : events.timeseries(d.urn(), aspect)) {
                byPartition.put(
                        m.aspect().path("partitionSpec").path("partition").asText(),
                        m.aspect().path(field).asLong());
            }
            int fromHour = drop.start().atZone(ZoneOffset.UTC).getHour();
            int toHour = drop.end().atZone(ZoneOffset.UTC).getHour();
            double dropped = mondayMean(byPartition, day, fromHour, toHour);
            List<Double> earlier = new ArrayList<>();
            for (LocalDate m = day.minusWeeks(1);
                    !m.isBefore(truth.start().atZone(ZoneOffset.UTC).toLocalDate());
                    m = m.minusWeeks(1)) {
                earlier.add(mondayMean(byPartition, m, fromHour, toHour));
            }
            assertThat(earlier).as("earlier Mondays").isNotEmpty();
            double baseline =
                    earlier.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(dropped / baseline)
                    .as("%s of the dropped hours over earlier Mondays", field)
                    .isBetween(0.72, 0.88);
            // The hours right after the window are back to normal.
            double after = mondayMean(byPartition, day, toHour, toHour + 2);
            assertThat(after / mondayMeanAll(byPartition, day, toHour, toHour + 2, earlier.size()))
                    .as("%s of the hours after the window over earlier Mondays", field)
                    .isBetween(0.9, 1.12);
        }
    }

    @Test
    void lateLoadLeavesASilentGapOfAboutSixHours() {
        Incident late = truth.incident(IncidentType.LATE_LOAD);
        Dataset d = dataset(late.urns().get(0));
        assertThat(d.cadence()).isEqualTo(GroundTruth.Cadence.DAILY);
        long from = late.start().toEpochMilli();
        long to = late.end().toEpochMilli();
        assertThat(to - from).isBetween(6 * HOUR, 7 * HOUR);

        List<Run> runs = events.runsOf(d.jobName());
        Run lateStart =
                runs.stream()
                        .filter(r -> r.eventType().equals("START") && r.timestamp() > from)
                        .findFirst()
                        .orElseThrow();
        assertThat(lateStart.timestamp() - from).isGreaterThan(5 * HOUR);
        assertThat(runs)
                .noneMatch(r -> r.timestamp() >= from && r.timestamp() < lateStart.timestamp());
        assertThat(events.mcls(d.urn()))
                .noneMatch(m -> m.timestamp() >= from && m.timestamp() < lateStart.timestamp());
        assertThat(events.queries())
                .noneMatch(
                        q ->
                                q.path("tablesWritten").toString().contains(d.name())
                                        && Instant.parse(q.path("startTime").asText())
                                                        .toEpochMilli()
                                                >= from
                                        && Instant.parse(q.path("startTime").asText())
                                                        .toEpochMilli()
                                                < lateStart.timestamp() - 1000);

        List<Long> operations =
                events.timeseries(d.urn(), "operation").stream()
                        .map(m -> m.aspect().path("lastUpdatedTimestamp").asLong())
                        .toList();
        long longest = 0;
        long usual = Long.MAX_VALUE;
        for (int i = 1; i < operations.size(); i++) {
            long gap = operations.get(i) - operations.get(i - 1);
            longest = Math.max(longest, gap);
            usual = Math.min(usual, gap);
        }
        assertThat(longest).isGreaterThan(24 * HOUR + 5 * HOUR);
        assertThat(usual).isLessThan(24 * HOUR + HOUR);
        assertThat(operations)
                .hasSize(
                        truth.end().atZone(ZoneOffset.UTC).toLocalDate().getDayOfYear()
                                - truth.start()
                                        .atZone(ZoneOffset.UTC)
                                        .toLocalDate()
                                        .getDayOfYear());
    }

    @Test
    void nullSpikeRaisesOneColumnFromAboutOnePercentToAboutFortyForADay() {
        Incident spike = truth.incident(IncidentType.NULL_SPIKE);
        Dataset d = dataset(spike.urns().get(0));
        long from = spike.start().toEpochMilli();
        long to = spike.end().toEpochMilli();
        assertThat(to - from).isEqualTo(24 * HOUR);
        int inside = 0;
        for (Mcl profile : events.timeseries(d.urn(), "datasetProfile")) {
            long loaded = profile.timestamp();
            double p = nullProportion(profile.aspect(), spike.column());
            boolean during =
                    profile.aspect()
                            .path("partitionSpec")
                            .path("partition")
                            .asText()
                            .startsWith("ds=" + spike.start().atZone(ZoneOffset.UTC).toLocalDate());
            if (during) {
                inside++;
                assertThat(p)
                        .as("null share during the spike at %s", Instant.ofEpochMilli(loaded))
                        .isBetween(0.3, 0.5);
            } else {
                assertThat(p)
                        .as("null share outside the spike at %s", Instant.ofEpochMilli(loaded))
                        .isBetween(0.005, 0.02);
            }
            assertThat((double) nullCount(profile.aspect(), spike.column()))
                    .isCloseTo(
                            p * profile.aspect().path("rowCount").asLong(),
                            org.assertj.core.data.Offset.offset(2.0));
        }
        assertThat(inside).isEqualTo(24);
    }

    @Test
    void upstreamColumnRemovalIsFollowedWithinTheHourByFailuresThreeHopsDeep() {
        Incident change = truth.incident(IncidentType.SCHEMA_CHANGE);
        String root = change.urns().get(0);
        long at = change.start().toEpochMilli();

        Mcl schema =
                events.versioned(root).stream()
                        .filter(m -> m.aspectName().equals("schemaMetadata") && m.timestamp() == at)
                        .findFirst()
                        .orElseThrow();
        assertThat(fieldPaths(schema.aspect())).doesNotContain(change.column());
        assertThat(fieldPaths(schema.previous())).contains(change.column());
        assertThat(schema.aspect().path("version").asLong()).isEqualTo(1);

        String fieldUrn = "urn:li:schemaField:(" + root + "," + change.column() + ")";
        Ece removal =
                events.eces(root).stream()
                        .filter(
                                e ->
                                        e.payload()
                                                        .path("category")
                                                        .asText()
                                                        .equals("TECHNICAL_SCHEMA")
                                                && e.payload()
                                                        .path("operation")
                                                        .asText()
                                                        .equals("REMOVE"))
                        .findFirst()
                        .orElseThrow();
        assertThat(removal.name()).isEqualTo("entityChangeEvent");
        assertThat(removal.timestamp()).isEqualTo(at);
        assertThat(removal.payload().path("entityUrn").asText()).isEqualTo(root);
        assertThat(removal.payload().path("modifier").asText()).isEqualTo(fieldUrn);
        assertThat(removal.payload().path("parameters").path("fieldPath").asText())
                .isEqualTo(change.column());
        assertThat(removal.payload().path("auditStamp").path("time").asLong()).isEqualTo(at);

        Map<String, Integer> hops = hopsFrom(root);
        Set<Integer> failedHops = new HashSet<>();
        List<String> downstream = change.urns().subList(1, change.urns().size());
        assertThat(downstream).hasSizeGreaterThanOrEqualTo(3);
        for (String urn : downstream) {
            Dataset d = dataset(urn);
            List<Run> fails =
                    events.runsOf(d.jobName()).stream()
                            .filter(r -> r.eventType().equals("FAIL"))
                            .toList();
            assertThat(fails).as("failed runs of %s", d.jobName()).isNotEmpty();
            assertThat(fails.get(0).timestamp() - at)
                    .as("first failure of %s after the change", d.jobName())
                    .isPositive()
                    .isLessThan(HOUR);
            assertThat(fails)
                    .allSatisfy(
                            f ->
                                    assertThat(f.timestamp())
                                            .isBetween(at, change.end().toEpochMilli()));
            assertThat(
                            fails.get(0)
                                    .event()
                                    .path("run")
                                    .path("facets")
                                    .path("errorMessage")
                                    .path("message")
                                    .asText())
                    .isNotBlank();
            failedHops.add(hops.get(urn));
        }
        assertThat(failedHops).hasSizeGreaterThanOrEqualTo(3);
        Run firstHop =
                events.runsOf(dataset(downstream.get(0)).jobName()).stream()
                        .filter(r -> r.eventType().equals("FAIL"))
                        .findFirst()
                        .orElseThrow();
        assertThat(
                        firstHop.event()
                                .path("run")
                                .path("facets")
                                .path("errorMessage")
                                .path("message")
                                .asText())
                .containsIgnoringCase(change.column());
        assertThat(
                        StreamSupport.stream(firstHop.event().path("inputs").spliterator(), false)
                                .map(i -> i.path("name").asText())
                                .toList())
                .contains(dataset(root).name());

        Mcl restore =
                events.versioned(root).stream()
                        .filter(
                                m ->
                                        m.aspectName().equals("schemaMetadata")
                                                && m.timestamp() == change.end().toEpochMilli())
                        .findFirst()
                        .orElseThrow();
        assertThat(fieldPaths(restore.aspect())).contains(change.column());
    }

    @Test
    void onePipelineFailsFourRunsInARowWithAnErrorMessage() {
        Incident failures = truth.incident(IncidentType.PIPELINE_FAILURES);
        Dataset d = dataset(failures.urns().get(0));
        List<Run> terminal =
                events.runsOf(d.jobName()).stream()
                        .filter(
                                r ->
                                        r.eventType().equals("COMPLETE")
                                                || r.eventType().equals("FAIL"))
                        .toList();
        String sequence =
                terminal.stream()
                        .map(r -> r.eventType().equals("FAIL") ? "F" : "C")
                        .collect(Collectors.joining());
        assertThat(sequence).contains("CFFFFC").doesNotContain("FFFFF");
        assertThat(sequence.chars().filter(c -> c == 'F').count()).isEqualTo(4);
        List<Run> fails = terminal.stream().filter(r -> r.eventType().equals("FAIL")).toList();
        assertThat(fails)
                .allSatisfy(
                        f -> {
                            assertThat(
                                            f.event()
                                                    .path("run")
                                                    .path("facets")
                                                    .path("errorMessage")
                                                    .path("message")
                                                    .asText())
                                    .isNotBlank();
                            assertThat(f.timestamp())
                                    .isBetween(
                                            failures.start().toEpochMilli(),
                                            failures.end().toEpochMilli());
                        });
        Set<String> runIds =
                fails.stream()
                        .map(f -> f.event().path("run").path("runId").asText())
                        .collect(Collectors.toSet());
        assertThat(runIds).hasSize(4);
    }

    @Test
    void onlyIncidentPipelinesEverFail() {
        Set<String> expected = new HashSet<>();
        expected.add(
                dataset(truth.incident(IncidentType.PIPELINE_FAILURES).urns().get(0)).jobName());
        List<String> chain = truth.incident(IncidentType.SCHEMA_CHANGE).urns();
        chain.subList(1, chain.size()).forEach(u -> expected.add(dataset(u).jobName()));

        Set<String> failing = new HashSet<>();
        events.keys(DemoFixtures.TOPICS.openLineage())
                .forEach(
                        (job, records) -> {
                            if (records.stream()
                                    .anyMatch(
                                            r ->
                                                    new String(r.value(), StandardCharsets.UTF_8)
                                                            .contains("\"eventType\":\"FAIL\""))) {
                                failing.add(job);
                            }
                        });
        assertThat(failing).isEqualTo(expected);
    }

    @Test
    void controlsLoadOnScheduleWithoutFailures() {
        for (String urn : truth.controls()) {
            Dataset d = dataset(urn);
            List<Run> runs = events.runsOf(d.jobName());
            int expected = d.cadence() == GroundTruth.Cadence.HOURLY ? 28 * 24 : 28;
            assertThat(runs.stream().filter(r -> r.eventType().equals("START"))).hasSize(expected);
            assertThat(runs.stream().filter(r -> r.eventType().equals("COMPLETE")))
                    .hasSize(expected);
            assertThat(events.timeseries(urn, "operation")).hasSize(expected);
            assertThat(events.timeseries(urn, "datasetProfile")).hasSize(expected);
        }
    }

    @Test
    void deletedDatasetsStopLoadingAfterTheirDeletion() {
        GroundTruth.Edit soft =
                truth.edits().stream()
                        .filter(e -> e.type() == GroundTruth.EditType.SOFT_DELETED)
                        .findFirst()
                        .orElseThrow();
        GroundTruth.Edit hard =
                truth.edits().stream()
                        .filter(e -> e.type() == GroundTruth.EditType.HARD_DELETED)
                        .findFirst()
                        .orElseThrow();

        Mcl status =
                events.versioned(soft.urn()).stream()
                        .filter(
                                m ->
                                        m.aspectName().equals("status")
                                                && m.timestamp() == soft.at().toEpochMilli())
                        .findFirst()
                        .orElseThrow();
        assertThat(status.aspect().path("removed").asBoolean()).isTrue();
        Mcl key =
                events.versioned(hard.urn()).stream()
                        .filter(m -> m.changeType().equals("DELETE"))
                        .findFirst()
                        .orElseThrow();
        assertThat(key.aspectName()).isEqualTo("datasetKey");
        assertThat(key.aspect()).isNull();
        assertThat(key.timestamp()).isEqualTo(hard.at().toEpochMilli());
        assertThat(events.eces(hard.urn()))
                .anySatisfy(
                        e -> {
                            assertThat(e.payload().path("entityUrn").asText())
                                    .isEqualTo(hard.urn());
                            assertThat(e.payload().path("operation").asText())
                                    .isEqualTo("HARD_DELETE");
                        });
        for (GroundTruth.Edit edit : List.of(soft, hard)) {
            Dataset d = dataset(edit.urn());
            assertThat(events.runsOf(d.jobName()))
                    .isNotEmpty()
                    .allSatisfy(
                            r ->
                                    assertThat(r.timestamp())
                                            .isLessThan(edit.at().toEpochMilli() + HOUR));
            assertThat(
                            events.runsOf(d.jobName()).stream()
                                    .filter(r -> r.eventType().equals("START")))
                    .allSatisfy(
                            r -> assertThat(r.timestamp()).isLessThan(edit.at().toEpochMilli()));
        }
    }

    @Test
    void descriptionAddedMidHistoryClosesTheGap() {
        GroundTruth.Edit added =
                truth.edits().stream()
                        .filter(e -> e.type() == GroundTruth.EditType.DESCRIPTION_ADDED)
                        .findFirst()
                        .orElseThrow();
        Dataset d = dataset(added.urn());
        assertThat(d.initialGaps()).contains(GroundTruth.GapType.MISSING_DESCRIPTION);
        assertThat(d.gaps()).doesNotContain(GroundTruth.GapType.MISSING_DESCRIPTION);
        Mcl edit =
                events.versioned(d.urn()).stream()
                        .filter(m -> m.aspectName().equals("editableDatasetProperties"))
                        .findFirst()
                        .orElseThrow();
        assertThat(edit.timestamp()).isEqualTo(added.at().toEpochMilli());
        assertThat(edit.aspect().path("description").asText()).isEqualTo(d.description());
        assertThat(events.versioned(d.urn()))
                .filteredOn(m -> m.aspectName().equals("datasetProperties"))
                .allSatisfy(m -> assertThat(m.aspect().has("description")).isFalse());
    }

    private Dataset dataset(String urn) {
        return truth.dataset(urn).orElseThrow(() -> new AssertionError("no dataset " + urn));
    }

    private Map<String, Integer> hopsFrom(String root) {
        Map<String, List<String>> down = new HashMap<>();
        truth.lineage()
                .forEach(
                        e ->
                                down.computeIfAbsent(e.upstream(), k -> new ArrayList<>())
                                        .add(e.downstream()));
        Map<String, Integer> hops = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        hops.put(root, 0);
        while (!todo.isEmpty()) {
            String urn = todo.pop();
            for (String next : down.getOrDefault(urn, List.of())) {
                if (!hops.containsKey(next)) {
                    hops.put(next, hops.get(urn) + 1);
                    todo.add(next);
                }
            }
        }
        return hops;
    }

    private static double mondayMean(
            Map<String, Long> byPartition, LocalDate day, int fromHour, int toHour) {
        double sum = 0;
        int n = 0;
        for (int h = fromHour; h < toHour; h++) {
            Long v = byPartition.get("ds=" + day + (h < 10 ? "/hr=0" : "/hr=") + h);
            if (v != null) {
                sum += v;
                n++;
            }
        }
        assertThat(n)
                .as("loads on %s between %d and %d h", day, fromHour, toHour)
                .isEqualTo(toHour - fromHour);
        return sum / n;
    }

    private static double mondayMeanAll(
            Map<String, Long> byPartition, LocalDate day, int fromHour, int toHour, int weeks) {
        double sum = 0;
        for (int w = 1; w <= weeks; w++) {
            sum += mondayMean(byPartition, day.minusWeeks(w), fromHour, toHour);
        }
        return sum / weeks;
    }

    private static List<String> fieldPaths(JsonNode schemaMetadata) {
        List<String> paths = new ArrayList<>();
        schemaMetadata.path("fields").forEach(f -> paths.add(f.path("fieldPath").asText()));
        return paths;
    }

    private static double nullProportion(JsonNode profile, String column) {
        for (JsonNode f : profile.path("fieldProfiles")) {
            if (f.path("fieldPath").asText().equals(column)) {
                return f.path("nullProportion").asDouble();
            }
        }
        throw new AssertionError("no field profile for " + column);
    }

    private static long nullCount(JsonNode profile, String column) {
        for (JsonNode f : profile.path("fieldProfiles")) {
            if (f.path("fieldPath").asText().equals(column)) {
                return f.path("nullCount").asLong();
            }
        }
        throw new AssertionError("no field profile for " + column);
    }
}
