package io.dataspoke.demo;

import io.dataspoke.demo.GroundTruth.Cadence;
import io.dataspoke.demo.GroundTruth.GapType;
import io.dataspoke.demo.GroundTruth.Layer;
import io.dataspoke.demo.GroundTruth.Lifecycle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A generated dataset while the generator works on it: structure (layer, upstreams), naming,
 * columns, documentation state, load behaviour and the roles the scenario gives it. Mutable and
 * package-private; the public view is {@link GroundTruth.Dataset}.
 */
final class DemoDataset {

    /** What the scenario uses a dataset for; a dataset with any role is never a control. */
    enum Role {
        SCHEMA_CHANGE_ROOT,
        SCHEMA_CHANGE_DOWNSTREAM,
        VOLUME_DROP,
        LATE_LOAD,
        NULL_SPIKE,
        PIPELINE_FAILURES,
        SOFT_DELETE,
        HARD_DELETE,
        DESCRIPTION_ADDED,
        DEPRECATED,
        CONTROL
    }

    final int index;
    final Layer layer;
    final DemoTeam team;
    final Vocabulary.Entity entity;
    final String platform;

    /** The first upstream is the primary one (one layer down); the rest are joined in. */
    final List<DemoDataset> upstreams = new ArrayList<>();

    final List<DemoDataset> downstreams = new ArrayList<>();

    Cadence cadence = Cadence.DAILY;
    int depth;

    // naming: set through rename() so the derived names stay in step
    String name;
    String shortName;
    private String urn;
    private String jobName;
    boolean cryptic;
    String martKind = "";
    String suffix = "";

    // schema
    final List<DemoColumn> columns = new ArrayList<>();

    // documentation state as emitted
    String goodDescription;
    String description;
    String editableDescription;
    boolean owned = true;
    boolean emptyOwnership;
    boolean hasDomain = true;
    boolean tagged = true;
    final List<String> extraTags = new ArrayList<>();
    boolean piiTagged = true;
    boolean lineageCataloged = true;
    boolean deprecated;
    DemoDataset replacement;
    boolean editableSchema;
    String tier = "Tier2";

    // load behaviour
    int minuteOffset;
    int dailyHour;
    double baseRows;
    double weekendFactor;
    double trendPerDay;
    double noiseSigma;

    // scenario
    final Set<Role> roles = EnumSet.noneOf(Role.class);
    Lifecycle lifecycle = Lifecycle.ACTIVE;
    long deletedAtMillis = Long.MAX_VALUE;
    List<GapType> initialGaps = List.of();

    DemoDataset(int index, Layer layer, DemoTeam team, Vocabulary.Entity entity, String platform) {
        this.index = index;
        this.layer = layer;
        this.team = team;
        this.entity = entity;
        this.platform = platform;
    }

    DemoDataset primary() {
        return upstreams.isEmpty() ? null : upstreams.get(0);
    }

    void rename(String newShortName, String newName) {
        shortName = newShortName;
        name = newName;
        urn = null;
        jobName = null;
    }

    String urn() {
        if (urn == null) {
            urn = "urn:li:dataset:(urn:li:dataPlatform:" + platform + "," + name + ",PROD)";
        }
        return urn;
    }

    String platformUrn() {
        return "urn:li:dataPlatform:" + platform;
    }

    String openLineageNamespace() {
        return "snowflake".equals(platform)
                ? "snowflake://acme-prod"
                : platform + "://" + team.name;
    }

    String jobName() {
        if (jobName != null) {
            return jobName;
        }
        String verb =
                switch (layer) {
                    case SOURCE -> "ingest";
                    case STAGING -> "stage";
                    case EXPORT -> "export";
                    default -> "build";
                };
        jobName = team.name + "." + verb + "_" + shortName;
        return jobName;
    }

    boolean hourly() {
        return cadence == Cadence.HOURLY;
    }

    boolean hasPii() {
        return columns.stream().anyMatch(DemoColumn::isPii);
    }

    boolean isLeaf() {
        return downstreams.isEmpty();
    }

    /** Whether the catalog shows loads for this dataset at {@code millis}. */
    boolean aliveAt(long millis) {
        return millis < deletedAtMillis;
    }

    DemoColumn column(String columnName) {
        return columns.stream().filter(c -> c.name.equals(columnName)).findFirst().orElse(null);
    }

    /** The effective description DataHub shows: the editable one wins. */
    String effectiveDescription() {
        return editableDescription != null ? editableDescription : description;
    }

    /** Dataset-level tags as emitted in globalTags. */
    List<String> tags() {
        List<String> tags = new ArrayList<>();
        if (!tagged) {
            return tags;
        }
        tags.add(tier);
        if (hasPii() && piiTagged) {
            tags.add("PII");
        }
        tags.addAll(extraTags);
        return tags;
    }

    /** Glossary terms at dataset level as emitted. */
    List<String> terms() {
        return tagged ? List.of(entity.kind().term) : List.of();
    }

    @Override
    public String toString() {
        return name;
    }
}
