package io.dataspoke.demo;

import io.dataspoke.demo.DemoDataset.Role;
import io.dataspoke.demo.GroundTruth.GapType;
import io.dataspoke.demo.GroundTruth.Layer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Lays the story on the catalog: which datasets get the injected incidents and when, which are
 * deprecated, edited or deleted, which carry documentation gaps, and which are the clean controls.
 * Decisions only; the events are written by {@link HistoryWriter}.
 */
final class Scenario {

    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final double VOLUME_DROP_FACTOR = 0.8;
    static final double NULL_SPIKE_PROPORTION = 0.4;
    static final double NULL_BASELINE = 0.01;
    static final int FAILED_RUNS = 4;
    static final double GAP_SHARE = 0.35;

    /** How common each gap is once every type has been placed: description and column docs most. */
    private static final List<GapType> WEIGHTED_GAPS =
            List.of(
                    GapType.MISSING_DESCRIPTION,
                    GapType.MISSING_DESCRIPTION,
                    GapType.MISSING_DESCRIPTION,
                    GapType.PLACEHOLDER_DESCRIPTION,
                    GapType.PLACEHOLDER_DESCRIPTION,
                    GapType.DESCRIPTION_EQUALS_NAME,
                    GapType.DESCRIPTION_EQUALS_NAME,
                    GapType.NO_OWNER,
                    GapType.NO_OWNER,
                    GapType.NO_TAGS_OR_TERMS,
                    GapType.NO_TAGS_OR_TERMS,
                    GapType.NO_DOMAIN,
                    GapType.NO_DOMAIN,
                    GapType.LOW_COLUMN_DOC_COVERAGE,
                    GapType.LOW_COLUMN_DOC_COVERAGE,
                    GapType.LOW_COLUMN_DOC_COVERAGE,
                    GapType.UNTAGGED_PII,
                    GapType.UNTAGGED_PII,
                    GapType.NAMING_VIOLATION,
                    GapType.DEPRECATED_WITHOUT_REPLACEMENT,
                    GapType.MISSING_LINEAGE,
                    GapType.MISSING_LINEAGE);

    final DemoConfig config;
    final long startMillis;
    final Catalog catalog;

    // schema change: chain.get(0) loses a column, the next three fail
    List<DemoDataset> schemaChain;
    String removedColumn;
    long schemaChangeAt;
    long schemaRestoredAt;

    DemoDataset volumeDrop;
    long volumeDropStart;
    long volumeDropEnd;

    DemoDataset lateLoad;
    int lateLoadDay;
    long lateLoadDelay;

    DemoDataset nullSpike;
    String nullSpikeColumn;
    long nullSpikeStart;
    long nullSpikeEnd;

    DemoDataset failing;
    long failingFrom;
    long failingUntil;

    DemoDataset softDeleted;
    long softDeleteAt;
    DemoDataset hardDeleted;
    long hardDeleteAt;
    DemoDataset describedLater;
    long describedAt;

    final List<DemoDataset> controls = new ArrayList<>();

    private final SplittableRandom rng;
    private final Set<String> shortNames = new HashSet<>();

    Scenario(DemoConfig config, Catalog catalog) {
        this.config = config;
        this.startMillis = config.start().toEpochMilli();
        this.catalog = catalog;
        this.rng = Seeds.rng(config.seed(), "scenario");
        for (DemoDataset d : catalog.datasets()) {
            shortNames.add(d.shortName);
        }
    }

    Scenario plan() {
        planSchemaChange();
        planVolumeDrop();
        planNullSpike();
        planPipelineFailures();
        planLateLoad();
        planLifecycleEdits();
        planControls();
        planDocumentation();
        for (DemoDataset d : catalog.datasets()) {
            d.initialGaps = DocumentationAudit.gaps(d);
        }
        return this;
    }

    long dayStart(int day) {
        return startMillis + day * DAY;
    }

    private DayOfWeek dayOfWeek(int day) {
        return Instant.ofEpochMilli(dayStart(day)).atZone(ZoneOffset.UTC).getDayOfWeek();
    }

    // ---------------------------------------------------------------- incidents

    private void planSchemaChange() {
        schemaChain = catalog.schemaChain();
        DemoDataset root = schemaChain.get(0);
        // A plain attribute column: not the key, not personal data, not a timestamp.
        List<DemoColumn> candidates = new ArrayList<>();
        for (DemoColumn c : root.columns) {
            if (!c.key && !c.isPii() && c.nullable && c.type != Vocabulary.Type.TIMESTAMP) {
                candidates.add(c);
            }
        }
        if (candidates.isEmpty()) {
            for (DemoColumn c : root.columns) {
                if (!c.key && !c.isPii()) {
                    candidates.add(c);
                }
            }
        }
        // Prefer a column the mart already carries, so the break is real all the way down.
        DemoDataset last = schemaChain.get(schemaChain.size() - 1);
        DemoColumn chosen =
                candidates.stream()
                        .filter(c -> last.column(c.name) != null)
                        .findFirst()
                        .orElse(Seeds.pick(rng, candidates));
        removedColumn = chosen.name;
        for (DemoDataset d : schemaChain.subList(1, schemaChain.size())) {
            if (d.column(removedColumn) == null) {
                DemoColumn carried = chosen.copy();
                carried.nullBase = -1;
                d.columns.add(d.columns.size() - 1, carried);
            }
        }
        schemaChain.get(0).roles.add(Role.SCHEMA_CHANGE_ROOT);
        for (DemoDataset d : schemaChain.subList(1, schemaChain.size())) {
            d.roles.add(Role.SCHEMA_CHANGE_DOWNSTREAM);
        }
        int day = config.days() - 9;
        for (int d = day; d > 0; d--) {
            DayOfWeek dow = dayOfWeek(d);
            if (dow == DayOfWeek.TUESDAY
                    || dow == DayOfWeek.WEDNESDAY
                    || dow == DayOfWeek.THURSDAY) {
                day = d;
                break;
            }
        }
        // After the sources' hourly loads (:02-:10), before staging's (:12 onwards).
        schemaChangeAt = dayStart(day) + 14 * HOUR + 8 * 60_000L + 17_000L;
        schemaRestoredAt = schemaChangeAt + 3 * HOUR - 2 * 60_000L;
    }

    private void planVolumeDrop() {
        volumeDrop =
                pickFree(
                        d ->
                                d.hourly()
                                        && !d.team.name.equals("commerce_kr")
                                        && d.layer.ordinal() <= Layer.MART.ordinal()
                                        && d.baseRows >= 200);
        volumeDrop.roles.add(Role.VOLUME_DROP);
        int monday = -1;
        for (int d = config.days() - 1; d >= 7; d--) {
            if (dayOfWeek(d) == DayOfWeek.MONDAY) {
                monday = d;
                break;
            }
        }
        volumeDropStart = dayStart(monday) + 7 * HOUR;
        volumeDropEnd = dayStart(monday) + 11 * HOUR;
    }

    private void planNullSpike() {
        nullSpike =
                pickFree(
                        d ->
                                d.hourly()
                                        && d.layer != Layer.SOURCE
                                        // enough rows that a 1% share is never rounded to 0
                                        && d.baseRows >= 5_000
                                        && d.columns.stream()
                                                .anyMatch(
                                                        c -> c.profiled() && c.nullable && !c.key));
        nullSpike.roles.add(Role.NULL_SPIKE);
        DemoColumn column =
                nullSpike.columns.stream()
                        .filter(c -> c.profiled() && c.nullable && !c.key)
                        .findFirst()
                        .orElseThrow();
        column.nullBase = NULL_BASELINE;
        nullSpikeColumn = column.name;
        nullSpikeStart = dayStart(config.days() - 6);
        nullSpikeEnd = nullSpikeStart + DAY;
    }

    private void planPipelineFailures() {
        failing = pickFree(d -> d.hourly() && d.layer != Layer.SOURCE);
        failing.roles.add(Role.PIPELINE_FAILURES);
        // Runs scheduled in [from, until) fail; the hourly schedule puts exactly four there.
        failingFrom = dayStart(config.days() - 3) + 9 * HOUR;
        failingUntil = failingFrom + FAILED_RUNS * HOUR;
    }

    private void planLateLoad() {
        lateLoad = pickFree(d -> !d.hourly() && d.isLeaf() && d.layer != Layer.SOURCE);
        lateLoad.roles.add(Role.LATE_LOAD);
        lateLoadDay = config.days() - 4;
        lateLoadDelay = 6 * HOUR + (5 + rng.nextInt(20)) * 60_000L;
    }

    private void planLifecycleEdits() {
        softDeleted = pickFree(d -> d.isLeaf() && d.layer == Layer.REPORT);
        softDeleted.roles.add(Role.SOFT_DELETE);
        DemoDataset replacement =
                catalog.datasets().stream()
                        .filter(
                                d ->
                                        d != softDeleted
                                                && d.layer == softDeleted.layer
                                                && d.roles.isEmpty()
                                                && d.team == softDeleted.team)
                        .findFirst()
                        .orElseGet(
                                () ->
                                        catalog.datasets().stream()
                                                .filter(
                                                        d ->
                                                                d != softDeleted
                                                                        && d.layer
                                                                                == softDeleted.layer
                                                                        && d.roles.isEmpty())
                                                .findFirst()
                                                .orElseThrow());
        deprecate(softDeleted, replacement);
        softDeleteAt = dayStart((int) Math.round(config.days() * 0.6)) + 16 * HOUR + 12 * 60_000L;
        softDeleted.deletedAtMillis = softDeleteAt;
        softDeleted.lifecycle = GroundTruth.Lifecycle.SOFT_DELETED;

        hardDeleted =
                pickFree(d -> d.isLeaf() && d.layer != Layer.SOURCE && d.layer != Layer.STAGING);
        hardDeleted.roles.add(Role.HARD_DELETE);
        rename(hardDeleted, "tmp_" + hardDeleted.shortName + "_bak");
        hardDeleteAt = dayStart((int) Math.round(config.days() * 0.75)) + 11 * HOUR + 3 * 60_000L;
        hardDeleted.deletedAtMillis = hardDeleteAt;
        hardDeleted.lifecycle = GroundTruth.Lifecycle.HARD_DELETED;

        describedLater = pickFree(d -> d.layer == Layer.MART || d.layer == Layer.INTERMEDIATE);
        describedLater.roles.add(Role.DESCRIPTION_ADDED);
        describedLater.description = null;
        describedAt = dayStart((int) Math.round(config.days() * 0.4)) + 10 * HOUR + 41 * 60_000L;
    }

    private void deprecate(DemoDataset d, DemoDataset replacement) {
        d.roles.add(Role.DEPRECATED);
        d.deprecated = true;
        d.replacement = replacement;
        if (!d.extraTags.contains("Legacy")) {
            d.extraTags.add("Legacy");
        }
    }

    /**
     * Controls: at least ten clean datasets, hourly and daily, away from every incident — neither
     * an incident dataset, nor its direct upstream, nor anywhere downstream of one.
     */
    private void planControls() {
        Set<DemoDataset> tainted = new HashSet<>();
        for (DemoDataset d : catalog.datasets()) {
            if (!d.roles.isEmpty()) {
                tainted.add(d);
                tainted.addAll(d.upstreams);
                tainted.addAll(descendants(d));
            }
        }
        List<DemoDataset> candidates = new ArrayList<>();
        for (DemoDataset d : catalog.datasets()) {
            if (!tainted.contains(d)) {
                candidates.add(d);
            }
        }
        Seeds.shuffle(candidates, rng);
        int wanted = Math.max(10, (int) Math.round(catalog.datasets().size() * 0.04));
        int hourly = 0;
        for (DemoDataset d : candidates) {
            if (d.hourly() && hourly < Math.max(3, wanted / 3)) {
                controls.add(d);
                hourly++;
            }
        }
        for (DemoDataset d : candidates) {
            if (controls.size() >= wanted) {
                break;
            }
            if (!controls.contains(d)) {
                controls.add(d);
            }
        }
        controls.sort((a, b) -> Integer.compare(a.index, b.index));
        for (DemoDataset d : controls) {
            d.roles.add(Role.CONTROL);
        }
    }

    private static Set<DemoDataset> descendants(DemoDataset d) {
        Set<DemoDataset> seen = new LinkedHashSet<>();
        Deque<DemoDataset> todo = new ArrayDeque<>(d.downstreams);
        while (!todo.isEmpty()) {
            DemoDataset next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(next.downstreams);
            }
        }
        return seen;
    }

    private DemoDataset pickFree(Predicate<DemoDataset> filter) {
        List<DemoDataset> candidates = new ArrayList<>();
        Set<DemoDataset> near = new HashSet<>();
        for (DemoDataset d : catalog.datasets()) {
            if (!d.roles.isEmpty()) {
                near.add(d);
                near.addAll(d.upstreams);
                near.addAll(d.downstreams);
            }
        }
        for (DemoDataset d : catalog.datasets()) {
            if (d.roles.isEmpty() && !near.contains(d) && filter.test(d)) {
                candidates.add(d);
            }
        }
        if (candidates.isEmpty()) {
            for (DemoDataset d : catalog.datasets()) {
                if (d.roles.isEmpty() && filter.test(d)) {
                    candidates.add(d);
                }
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException(
                    "catalog too small for the scenario: no free dataset fits");
        }
        return Seeds.pick(rng, candidates);
    }

    private void rename(DemoDataset d, String newShortName) {
        shortNames.remove(d.shortName);
        d.rename(newShortName, CatalogBuilder.qualify(d, newShortName));
        shortNames.add(newShortName);
    }

    // ---------------------------------------------------------------- documentation

    /**
     * Documentation: most datasets are fully documented (some through the UI-edited aspects, which
     * take precedence); about a third carry one to three gaps, every gap type at least once.
     */
    private void planDocumentation() {
        SplittableRandom docs = Seeds.rng(config.seed(), "documentation");
        for (DemoDataset d : catalog.datasets()) {
            d.tier =
                    (d.layer == Layer.MART || d.layer == Layer.REPORT) && Seeds.chance(docs, 0.5)
                            ? "Tier1"
                            : d.layer == Layer.SOURCE || d.layer == Layer.STAGING
                                    ? "Tier3"
                                    : "Tier2";
            double r = docs.nextDouble();
            if (r < 0.15) {
                // Documented in the UI only.
                d.editableDescription = d.description;
                d.description = null;
            } else if (r < 0.22) {
                // Ingestion left a placeholder, an owner fixed it in the UI: not a gap.
                d.editableDescription = d.description;
                d.description = "TODO";
            }
            if (Seeds.chance(docs, 0.25)) {
                d.editableSchema = true;
                for (DemoColumn c : d.columns) {
                    c.editable = c.isPii() || Seeds.chance(docs, 0.4);
                }
            }
        }
        // The dataset documented later starts with no description anywhere.
        describedLater.description = null;
        describedLater.editableDescription = null;

        List<DemoDataset> pool = new ArrayList<>();
        for (DemoDataset d : catalog.datasets()) {
            if (d.roles.isEmpty()) {
                pool.add(d);
            }
        }
        Seeds.shuffle(pool, docs);
        // A couple of deprecations with a replacement (fine) and without (a gap).
        int deprecations = Math.max(2, catalog.datasets().size() / 60);
        for (int i = 0; i < deprecations && !pool.isEmpty(); i++) {
            DemoDataset d = pool.remove(pool.size() - 1);
            if (i % 2 == 0) {
                DemoDataset replacement =
                        catalog.datasets().stream()
                                .filter(
                                        o ->
                                                o != d
                                                        && o.layer == d.layer
                                                        && !o.deprecated
                                                        && o.team == d.team)
                                .findFirst()
                                .orElse(null);
                if (replacement != null) {
                    deprecate(d, replacement);
                    continue;
                }
            }
            d.roles.add(Role.DEPRECATED);
            d.deprecated = true;
            d.extraTags.add("Legacy");
        }
        int gapped = 0;
        for (DemoDataset d : catalog.datasets()) {
            if (!DocumentationAudit.gaps(d).isEmpty()) {
                gapped++;
            }
        }
        int target = (int) Math.round(catalog.datasets().size() * GAP_SHARE) - gapped;
        List<DemoDataset> chosen = new ArrayList<>(pool.subList(0, Math.min(target, pool.size())));
        List<Set<GapType>> gaps = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            gaps.add(EnumSet.noneOf(GapType.class));
        }
        // Every gap type twice first, each on the next dataset it applies to, then 1-3 at random.
        int next = 0;
        for (int round = 0; round < 2; round++) {
            for (GapType type : GapType.values()) {
                for (int k = 0; k < chosen.size(); k++) {
                    int i = (next + k) % chosen.size();
                    if (gaps.get(i).isEmpty() && applicable(chosen.get(i), type)) {
                        gaps.get(i).add(type);
                        next = i + 1;
                        break;
                    }
                }
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            DemoDataset d = chosen.get(i);
            Set<GapType> set = gaps.get(i);
            int n = docs.nextInt(100) < 70 ? 1 : docs.nextInt(100) < 75 ? 2 : 3;
            for (int attempt = 0; set.size() < n && attempt < 40; attempt++) {
                GapType type = Seeds.pick(docs, WEIGHTED_GAPS);
                if (applicable(d, type)) {
                    set.add(type);
                }
            }
            for (GapType type : set) {
                inject(d, type, docs);
            }
        }
    }

    private static boolean applicable(DemoDataset d, GapType type) {
        return switch (type) {
            case UNTAGGED_PII -> d.hasPii();
            case MISSING_LINEAGE -> d.layer != Layer.SOURCE;
            default -> true;
        };
    }

    private void inject(DemoDataset d, GapType type, SplittableRandom docs) {
        switch (type) {
            case MISSING_DESCRIPTION -> {
                d.description = null;
                d.editableDescription = null;
            }
            case PLACEHOLDER_DESCRIPTION -> {
                d.description = Seeds.pick(docs, Vocabulary.PLACEHOLDERS);
                d.editableDescription = null;
            }
            case DESCRIPTION_EQUALS_NAME -> {
                d.description = Seeds.chance(docs, 0.7) ? d.shortName : d.name;
                d.editableDescription = null;
            }
            case NO_OWNER -> {
                d.owned = false;
                d.emptyOwnership = Seeds.chance(docs, 0.5);
            }
            case NO_TAGS_OR_TERMS -> {
                d.tagged = false;
                d.extraTags.clear();
            }
            case NO_DOMAIN -> d.hasDomain = false;
            case LOW_COLUMN_DOC_COVERAGE -> {
                int keep = (int) Math.floor(d.columns.size() * Seeds.uniform(docs, 0.0, 0.4));
                List<DemoColumn> shuffled = new ArrayList<>(d.columns);
                Seeds.shuffle(shuffled, docs);
                for (int i = keep; i < shuffled.size(); i++) {
                    shuffled.get(i).documented = false;
                }
            }
            case UNTAGGED_PII -> d.piiTagged = false;
            case NAMING_VIOLATION -> rename(d, violating(d.shortName, docs));
            case DEPRECATED_WITHOUT_REPLACEMENT -> {
                d.roles.add(Role.DEPRECATED);
                d.deprecated = true;
                d.replacement = null;
                if (d.tagged && !d.extraTags.contains("Legacy")) {
                    d.extraTags.add("Legacy");
                }
            }
            case MISSING_LINEAGE -> d.lineageCataloged = false;
        }
    }

    /** A name breaking the convention the way people do: CamelCase, scratch copies, upper case. */
    private String violating(String shortName, SplittableRandom docs) {
        List<String> options = new ArrayList<>();
        StringBuilder camel = new StringBuilder();
        for (String part : shortName.split("_")) {
            if (!part.isEmpty()) {
                camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        options.add(camel.toString());
        options.add(shortName + "_final_v2");
        options.add("tmp_" + shortName);
        options.add(shortName + "_copy");
        options.add(shortName.toUpperCase(Locale.ROOT));
        options.add(shortName + "_old");
        Seeds.shuffle(options, docs);
        for (String option : options) {
            if (!shortNames.contains(option)) {
                return option;
            }
        }
        return "test_" + shortName;
    }
}
