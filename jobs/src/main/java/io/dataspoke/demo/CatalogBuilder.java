package io.dataspoke.demo;

import io.dataspoke.demo.GroundTruth.Cadence;
import io.dataspoke.demo.GroundTruth.Layer;
import io.dataspoke.demo.Vocabulary.ColumnSpec;
import io.dataspoke.demo.Vocabulary.Entity;
import io.dataspoke.demo.Vocabulary.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds the demo organisation: teams, a layered lineage DAG (sources → staging → intermediate →
 * marts → reports → exports), cadences, warehouse-style names, column schemas and descriptions, and
 * each dataset's volume parameters. Documentation gaps and incidents are laid on top by {@link
 * Scenario}.
 */
final class CatalogBuilder {

    private static final List<String> REGION_VARIANTS = List.of("eu", "us", "apac", "latam");

    private final long seed;
    private final int size;
    private final List<DemoTeam> teams = new ArrayList<>();
    private final List<DemoDataset> datasets = new ArrayList<>();
    private final Map<Layer, List<DemoDataset>> byLayer = new EnumMap<>(Layer.class);
    private final Set<String> shortNames = new HashSet<>();

    CatalogBuilder(long seed, int size) {
        this.seed = seed;
        this.size = size;
        for (Layer layer : Layer.values()) {
            byLayer.put(layer, new ArrayList<>());
        }
    }

    Catalog build() {
        for (Vocabulary.TeamSpec spec : Vocabulary.TEAMS) {
            teams.add(new DemoTeam(spec));
        }
        buildStructure();
        assignCadences();
        List<DemoDataset> chain = reserveSchemaChain();
        for (DemoDataset d : datasets) {
            d.depth = d.upstreams.stream().mapToInt(u -> u.depth + 1).max().orElse(0);
            for (DemoDataset u : d.upstreams) {
                u.downstreams.add(d);
            }
        }
        SplittableRandom names = Seeds.rng(seed, "names");
        for (DemoDataset d : datasets) {
            name(d, names);
        }
        SplittableRandom columns = Seeds.rng(seed, "columns");
        for (DemoDataset d : datasets) {
            columns(d, columns);
        }
        for (DemoDataset d : datasets) {
            d.goodDescription = Descriptions.of(d);
            d.description = d.goodDescription;
        }
        for (DemoDataset d : datasets) {
            loadParameters(d, Seeds.rng(seed, "load-params", d.index));
        }
        return new Catalog(List.copyOf(teams), List.copyOf(datasets), chain);
    }

    // ---------------------------------------------------------------- structure

    private void buildStructure() {
        SplittableRandom rng = Seeds.rng(seed, "structure");
        Map<Layer, Integer> counts = layerCounts(size);
        for (SourcePick pick : sourceEntities(counts.get(Layer.SOURCE), rng)) {
            DemoTeam team =
                    teams.stream().filter(t -> t.spec == pick.team()).findFirst().orElseThrow();
            add(
                    new DemoDataset(
                            datasets.size(),
                            Layer.SOURCE,
                            team,
                            pick.entity(),
                            sourcePlatform(pick.entity().kind(), rng)));
        }
        for (Layer layer :
                List.of(
                        Layer.STAGING,
                        Layer.INTERMEDIATE,
                        Layer.MART,
                        Layer.REPORT,
                        Layer.EXPORT)) {
            List<DemoDataset> primaries = primaryPool(layer, rng);
            for (int i = 0; i < counts.get(layer); i++) {
                DemoDataset primary = primaries.get(i % primaries.size());
                DemoTeam team = team(layer, primary, rng);
                DemoDataset d =
                        new DemoDataset(
                                datasets.size(), layer, team, primary.entity, platform(layer, rng));
                d.upstreams.add(primary);
                addSecondaryUpstreams(d, rng);
                add(d);
            }
        }
    }

    private void add(DemoDataset d) {
        datasets.add(d);
        byLayer.get(d.layer).add(d);
    }

    static Map<Layer, Integer> layerCounts(int size) {
        Map<Layer, Integer> counts = new EnumMap<>(Layer.class);
        double[] shares = {0.24, 0.24, 0.18, 0.17, 0.13};
        int used = 0;
        Layer[] layers = Layer.values();
        for (int i = 0; i < shares.length; i++) {
            int n = Math.max(2, (int) Math.round(size * shares[i]));
            counts.put(layers[i], n);
            used += n;
        }
        counts.put(Layer.EXPORT, Math.max(2, size - used));
        int excess = counts.values().stream().mapToInt(Integer::intValue).sum() - size;
        counts.put(Layer.REPORT, counts.get(Layer.REPORT) - excess);
        return counts;
    }

    /**
     * One entity per source, teams drawn by weight, each team's entities in a shuffled order; when
     * a team runs out, its entities come back with a region suffix ({@code orders_eu}).
     */
    private record SourcePick(Vocabulary.TeamSpec team, Entity entity) {}

    private List<SourcePick> sourceEntities(int count, SplittableRandom rng) {
        Map<String, List<Entity>> queues = new LinkedHashMap<>();
        Map<String, Integer> rounds = new LinkedHashMap<>();
        for (Vocabulary.TeamSpec spec : Vocabulary.TEAMS) {
            // The team's two core entities come first (orders and customers, members and orders
            // ...), so every catalog has them and their PII columns; the rest in random order.
            List<Entity> rest = new ArrayList<>(spec.entities().subList(2, spec.entities().size()));
            Seeds.shuffle(rest, rng);
            List<Entity> q = new ArrayList<>(spec.entities().subList(0, 2));
            q.addAll(rest);
            queues.put(spec.name(), q);
            rounds.put(spec.name(), 0);
        }
        double total = Vocabulary.TEAMS.stream().mapToDouble(Vocabulary.TeamSpec::weight).sum();
        List<SourcePick> result = new ArrayList<>();
        // Round-robin first so every team has sources, then by weight.
        for (int i = 0; i < count; i++) {
            Vocabulary.TeamSpec spec;
            if (i < Vocabulary.TEAMS.size()) {
                spec = Vocabulary.TEAMS.get(i);
            } else {
                double r = rng.nextDouble() * total;
                spec = Vocabulary.TEAMS.get(Vocabulary.TEAMS.size() - 1);
                for (Vocabulary.TeamSpec s : Vocabulary.TEAMS) {
                    r -= s.weight();
                    if (r < 0) {
                        spec = s;
                        break;
                    }
                }
            }
            List<Entity> q = queues.get(spec.name());
            if (q.isEmpty()) {
                int round = rounds.merge(spec.name(), 1, Integer::sum);
                String region = REGION_VARIANTS.get((round - 1) % REGION_VARIANTS.size());
                String extra = round > REGION_VARIANTS.size() ? String.valueOf(round) : "";
                for (Entity e : spec.entities()) {
                    q.add(
                            new Entity(
                                    e.key() + "_" + region + extra,
                                    e.singular(),
                                    e.abbrev() + "_" + region + extra,
                                    e.label() + " (" + region.toUpperCase() + ")",
                                    e.kind(),
                                    e.korean()));
                }
                Seeds.shuffle(q, rng);
            }
            Entity entity = q.remove(0);
            result.add(new SourcePick(spec, entity));
        }
        return result;
    }

    private static String sourcePlatform(Kind kind, SplittableRandom rng) {
        double r = rng.nextDouble();
        return switch (kind) {
            case EVENT, LOG -> r < 0.85 ? "kafka" : "s3";
            case CAMPAIGN, LEDGER, INVENTORY, SHIPMENT ->
                    r < 0.45 ? "postgres" : r < 0.75 ? "s3" : "kafka";
            default -> r < 0.55 ? "postgres" : r < 0.85 ? "kafka" : "s3";
        };
    }

    private static String platform(Layer layer, SplittableRandom rng) {
        double r = rng.nextDouble();
        return switch (layer) {
            case STAGING -> r < 0.55 ? "hive" : r < 0.85 ? "snowflake" : "s3";
            case INTERMEDIATE -> r < 0.4 ? "hive" : "snowflake";
            case MART -> r < 0.3 ? "hive" : "snowflake";
            case REPORT -> r < 0.8 ? "snowflake" : "postgres";
            case EXPORT -> r < 0.5 ? "postgres" : "s3";
            case SOURCE -> throw new IllegalArgumentException("sources pick by kind");
        };
    }

    /** The datasets a layer builds on, shuffled, so each is used once before any is used twice. */
    private List<DemoDataset> primaryPool(Layer layer, SplittableRandom rng) {
        List<DemoDataset> pool = new ArrayList<>();
        if (layer == Layer.EXPORT) {
            pool.addAll(byLayer.get(Layer.MART));
            pool.addAll(byLayer.get(Layer.REPORT));
        } else {
            pool.addAll(byLayer.get(Layer.values()[layer.ordinal() - 1]));
        }
        Seeds.shuffle(pool, rng);
        return pool;
    }

    private DemoTeam team(Layer layer, DemoDataset primary, SplittableRandom rng) {
        boolean crossTeam =
                layer.ordinal() >= Layer.MART.ordinal()
                        && !primary.team.name.equals("commerce_kr")
                        && Seeds.chance(rng, 0.25);
        if (!crossTeam) {
            return primary.team;
        }
        // Other teams build marts and reports on it: finance on money, marketing on behaviour.
        String consumer =
                switch (primary.entity.kind()) {
                    case ORDER, TRANSACTION, LEDGER, EMPLOYEE -> "finance";
                    case EVENT, PERSON, CAMPAIGN -> "marketing";
                    default -> primary.team.name;
                };
        return teams.stream().filter(t -> t.name.equals(consumer)).findFirst().orElseThrow();
    }

    private void addSecondaryUpstreams(DemoDataset d, SplittableRandom rng) {
        int wanted =
                switch (d.layer) {
                    case INTERMEDIATE -> rng.nextInt(10) < 4 ? 0 : rng.nextInt(10) < 7 ? 1 : 2;
                    case MART -> rng.nextInt(10) < 5 ? 0 : 1 + rng.nextInt(2);
                    case REPORT -> rng.nextInt(10) < 6 ? 0 : 1;
                    default -> 0;
                };
        List<DemoDataset> candidates = new ArrayList<>();
        for (Layer l : Layer.values()) {
            if (l.ordinal() >= d.layer.ordinal() || l == Layer.SOURCE) {
                continue;
            }
            for (DemoDataset c : byLayer.get(l)) {
                if (c != d.primary() && c.entity.kind().dimension) {
                    // Favour reference data of the same team: customers, products, stores.
                    candidates.add(c);
                    if (c.team == d.team) {
                        candidates.add(c);
                        candidates.add(c);
                    }
                }
            }
        }
        for (int i = 0; i < wanted && !candidates.isEmpty(); i++) {
            DemoDataset c = Seeds.pick(rng, candidates);
            if (!d.upstreams.contains(c)) {
                d.upstreams.add(c);
            }
        }
    }

    // ---------------------------------------------------------------- cadence

    /** Share of datasets loaded hourly, whatever the seed, which keeps the record count steady. */
    static final double HOURLY_SHARE = 0.28;

    /**
     * Kafka topics load hourly. Other datasets become hourly in order of a random score weighted by
     * layer (staging most, exports least), but only once their primary upstream is hourly, until
     * {@link #HOURLY_SHARE} of the catalog is hourly.
     */
    private void assignCadences() {
        SplittableRandom rng = Seeds.rng(seed, "cadence");
        double[] score = new double[datasets.size()];
        for (DemoDataset d : datasets) {
            double weight =
                    switch (d.layer) {
                        case SOURCE -> "postgres".equals(d.platform) ? 0.3 : 0.1;
                        case STAGING -> 1.0;
                        case INTERMEDIATE -> 0.8;
                        case MART -> 0.6;
                        case REPORT -> 0.35;
                        case EXPORT -> 0.3;
                    };
            score[d.index] = weight * rng.nextDouble();
            d.cadence = "kafka".equals(d.platform) ? Cadence.HOURLY : Cadence.DAILY;
        }
        long hourly = datasets.stream().filter(DemoDataset::hourly).count();
        long target = Math.round(datasets.size() * HOURLY_SHARE);
        while (hourly < target) {
            DemoDataset best = null;
            for (DemoDataset d : datasets) {
                boolean eligible = !d.hourly() && (d.layer == Layer.SOURCE || d.primary().hourly());
                if (eligible && (best == null || score[d.index] > score[best.index])) {
                    best = d;
                }
            }
            if (best == null) {
                break;
            }
            best.cadence = Cadence.HOURLY;
            hourly++;
        }
    }

    /**
     * Picks a mart whose primary chain back to a source is hourly (forcing one if the dice gave
     * none), so that a column removed at the source breaks three hops within the hour.
     */
    private List<DemoDataset> reserveSchemaChain() {
        SplittableRandom rng = Seeds.rng(seed, "schema-chain");
        List<DemoDataset> hourlyChains = new ArrayList<>();
        for (DemoDataset mart : byLayer.get(Layer.MART)) {
            if (chainOf(mart).stream().allMatch(DemoDataset::hourly)
                    && !mart.team.name.equals("commerce_kr")) {
                hourlyChains.add(mart);
            }
        }
        DemoDataset end =
                hourlyChains.isEmpty()
                        ? Seeds.pick(rng, byLayer.get(Layer.MART))
                        : Seeds.pick(rng, hourlyChains);
        List<DemoDataset> chain = chainOf(end);
        for (DemoDataset d : chain) {
            d.cadence = Cadence.HOURLY;
        }
        return chain;
    }

    /** Source, staging, intermediate, mart: the primary chain ending at {@code mart}. */
    private static List<DemoDataset> chainOf(DemoDataset mart) {
        List<DemoDataset> chain = new ArrayList<>();
        for (DemoDataset d = mart; d != null; d = d.primary()) {
            chain.add(0, d);
        }
        return chain;
    }

    // ---------------------------------------------------------------- names

    private void name(DemoDataset d, SplittableRandom rng) {
        Entity e = d.entity;
        String key = e.key();
        String ab = e.abbrev();
        List<String> options = new ArrayList<>();
        boolean hourly = d.hourly();
        switch (d.layer) {
            case SOURCE -> options.add(key);
            case STAGING -> options.add("stg_" + key);
            case INTERMEDIATE -> {
                List<String> suffixes =
                        new ArrayList<>(List.of("enriched", "joined", "deduped", "cleaned"));
                if (e.kind() == Kind.EVENT) {
                    suffixes.add("sessionized");
                }
                Seeds.shuffle(suffixes, rng);
                d.cryptic = Seeds.chance(rng, 0.25);
                for (String s : suffixes) {
                    options.add(
                            d.cryptic ? "int_" + ab + "_" + abbreviate(s) : "int_" + key + "_" + s);
                }
            }
            case MART -> {
                boolean dim = e.kind().dimension && Seeds.chance(rng, 0.75);
                d.martKind = dim ? "dim" : "fct";
                d.cryptic = Seeds.chance(rng, 0.35);
                if (dim) {
                    if (d.cryptic) {
                        options.add("dim_" + ab + "_scd2");
                        options.add("dim_" + ab + "_cur");
                    }
                    options.add("dim_" + key);
                    options.add("dim_" + key + "_scd2");
                    options.add("dim_" + key + "_current");
                } else {
                    if (d.cryptic) {
                        options.add("fct_" + ab + (hourly ? "_hrly" : "_dly"));
                        options.add("fct_" + ab + "_smry");
                    }
                    options.add("fct_" + key + (hourly ? "_hourly" : "_daily"));
                    options.add("fct_" + key);
                    options.add("fct_" + key + "_summary");
                }
            }
            case REPORT -> {
                d.cryptic = Seeds.chance(rng, 0.3);
                List<String> plain =
                        hourly
                                ? new ArrayList<>(
                                        List.of("rpt_" + key + "_intraday", "rpt_" + key + "_live"))
                                : new ArrayList<>(
                                        List.of(
                                                "rpt_" + key + "_weekly", "rpt_" + key + "_kpis",
                                                "rpt_" + key + "_by_region",
                                                        "agg_" + key + "_monthly"));
                Seeds.shuffle(plain, rng);
                if (d.cryptic) {
                    options.add(
                            hourly
                                    ? "rpt_" + ab + "_intrdy"
                                    : Seeds.pick(
                                            rng,
                                            List.of(
                                                    "rpt_" + ab + "_wkly",
                                                    "rpt_" + ab + "_kpi",
                                                    "agg_" + ab + "_mthly",
                                                    "agg_" + ab + "_rgn")));
                }
                options.addAll(plain);
            }
            case EXPORT -> {
                // People go to the CRM and ad platforms, money to the ERP, the rest to partners.
                List<String> targets =
                        new ArrayList<>(
                                switch (e.kind()) {
                                    case PERSON, KR_MEMBER -> List.of("crm", "ads_audience");
                                    case EMPLOYEE, LEDGER, TRANSACTION -> List.of("erp");
                                    default -> List.of("partner_feed", "erp");
                                });
                Seeds.shuffle(targets, rng);
                for (String t : targets) {
                    options.add("exp_" + key + "_" + t);
                }
            }
        }
        String chosen = null;
        for (String option : options) {
            if (!shortNames.contains(option)) {
                chosen = option;
                break;
            }
        }
        for (int v = 2; chosen == null; v++) {
            String option = options.get(0) + "_v" + v;
            if (!shortNames.contains(option)) {
                chosen = option;
            }
        }
        if (d.layer == Layer.INTERMEDIATE) {
            for (String s : List.of("enriched", "joined", "deduped", "cleaned", "sessionized")) {
                if (chosen.contains("_" + s) || chosen.contains("_" + abbreviate(s))) {
                    d.suffix = s;
                    break;
                }
            }
        }
        d.cryptic = d.cryptic && chosen.contains(ab) && !chosen.contains(key);
        shortNames.add(chosen);
        d.rename(chosen, qualify(d, chosen));
    }

    private static String abbreviate(String suffix) {
        return switch (suffix) {
            case "enriched" -> "enr";
            case "joined" -> "jn";
            case "deduped" -> "ddp";
            case "cleaned" -> "cln";
            case "sessionized" -> "sess";
            default -> suffix;
        };
    }

    /** The full DataHub name of a dataset whose table (or topic, or folder) is {@code table}. */
    static String qualify(DemoDataset d, String table) {
        String team = d.team.name;
        String bucketTeam = team.replace('_', '-');
        return switch (d.layer) {
            case SOURCE ->
                    switch (d.platform) {
                        case "kafka" -> team + "." + table;
                        case "postgres" -> team + "_app.public." + table;
                        default -> "acme-raw-" + bucketTeam + "/" + table;
                    };
            case STAGING ->
                    switch (d.platform) {
                        case "hive" -> "staging." + table;
                        case "snowflake" -> "raw." + team + "." + table;
                        default -> "acme-lake/" + team + "/" + table;
                    };
            case INTERMEDIATE, MART ->
                    "hive".equals(d.platform)
                            ? (d.layer == Layer.MART ? "marts." : "warehouse.") + table
                            : "analytics." + team + "." + table;
            case REPORT ->
                    "postgres".equals(d.platform)
                            ? "bi_serving.public." + table
                            : "reporting." + team + "." + table;
            case EXPORT ->
                    "postgres".equals(d.platform)
                            ? "crm_sync.public." + table
                            : "acme-exports/" + team + "/" + table;
        };
    }

    // ---------------------------------------------------------------- columns

    private void columns(DemoDataset d, SplittableRandom rng) {
        List<DemoColumn> cols = d.columns;
        String label = d.entity.label();
        switch (d.layer) {
            case SOURCE -> {
                boolean first = true;
                for (ColumnSpec spec : Vocabulary.sourceColumns(d.entity)) {
                    if (d.column(spec.name()) != null) {
                        continue; // the entity's id is also a generic column (session_id)
                    }
                    cols.add(
                            new DemoColumn(
                                    spec.name(),
                                    spec.type(),
                                    spec.pii(),
                                    spec.nullable(),
                                    first,
                                    spec.description()));
                    first = false;
                }
            }
            case STAGING -> {
                for (DemoColumn c : d.primary().columns) {
                    cols.add(c.copy());
                }
                cols.add(
                        technical(
                                "_ingested_at",
                                Vocabulary.Type.TIMESTAMP,
                                "When the row was ingested into the lake, in UTC."));
                cols.add(
                        technical(
                                "_batch_id",
                                Vocabulary.Type.STRING,
                                "Ingestion batch that wrote the row."));
            }
            case INTERMEDIATE -> {
                for (DemoColumn c : d.primary().columns) {
                    if (!c.name.equals("_batch_id")) {
                        cols.add(c.copy());
                    }
                }
                joinColumns(d, rng);
                switch (d.suffix) {
                    case "deduped" ->
                            cols.add(
                                    technical(
                                            "dup_count",
                                            Vocabulary.Type.LONG,
                                            "How many raw duplicates were merged into this row."));
                    case "sessionized" ->
                            cols.add(
                                    technical(
                                            "session_seq",
                                            Vocabulary.Type.LONG,
                                            "Position of the event within its session, from 1."));
                    default ->
                            cols.add(
                                    technical(
                                            "enriched_at",
                                            Vocabulary.Type.TIMESTAMP,
                                            "When the row was last enriched, in UTC."));
                }
            }
            case MART -> {
                if (d.martKind.equals("dim")) {
                    cols.add(
                            new DemoColumn(
                                    d.entity.singular() + "_key",
                                    Vocabulary.Type.LONG,
                                    Vocabulary.Pii.NONE,
                                    false,
                                    true,
                                    "Surrogate key of the "
                                            + d.entity.singular().replace('_', ' ')
                                            + " version."));
                    for (DemoColumn c : d.primary().columns) {
                        if (!c.name.startsWith("_")
                                && !c.name.equals("enriched_at")
                                && !c.name.equals("dup_count")
                                && !c.name.equals("session_seq")) {
                            DemoColumn copy = c.copy();
                            cols.add(
                                    copy.key
                                            ? new DemoColumn(
                                                    copy.name,
                                                    copy.type,
                                                    copy.pii,
                                                    false,
                                                    false,
                                                    copy.description)
                                            : copy);
                        }
                    }
                    cols.add(
                            technical(
                                    "valid_from",
                                    Vocabulary.Type.TIMESTAMP,
                                    "Start of the validity of this version, in UTC."));
                    cols.add(
                            new DemoColumn(
                                    "valid_to",
                                    Vocabulary.Type.TIMESTAMP,
                                    Vocabulary.Pii.NONE,
                                    true,
                                    false,
                                    "End of the validity of this version; null for the current"
                                            + " version."));
                    cols.add(
                            technical(
                                    "is_current",
                                    Vocabulary.Type.BOOLEAN,
                                    "Whether this is the current version."));
                } else {
                    cols.add(timeColumn(d));
                    addGroupColumns(d, 2);
                    addMeasures(d, 4);
                    cols.add(
                            technical(
                                    "updated_at",
                                    Vocabulary.Type.TIMESTAMP,
                                    "When the row was last rebuilt, in UTC."));
                }
            }
            case REPORT -> {
                cols.add(
                        d.hourly()
                                ? technical(
                                        "report_hour",
                                        Vocabulary.Type.TIMESTAMP,
                                        "Hour the figures cover, in UTC.")
                                : technical(
                                        "report_date",
                                        Vocabulary.Type.DATE,
                                        "Day the figures cover, in UTC."));
                addGroupColumns(d, 1);
                addMeasures(d, 3);
                cols.add(
                        new DemoColumn(
                                "wow_change_pct",
                                Vocabulary.Type.DOUBLE,
                                Vocabulary.Pii.NONE,
                                true,
                                false,
                                "Change of the first measure against the same period a week"
                                        + " earlier, in percent."));
            }
            case EXPORT -> {
                DemoDataset p = d.primary();
                int taken = 0;
                for (DemoColumn c : p.columns) {
                    if (c.name.startsWith("_")
                            || c.name.equals("updated_at")
                            || c.name.equals("valid_from")
                            || c.name.equals("valid_to")) {
                        continue;
                    }
                    if (taken < 6 || c.isPii()) {
                        cols.add(c.copy());
                        taken++;
                    }
                }
                cols.add(
                        technical(
                                "exported_at",
                                Vocabulary.Type.TIMESTAMP,
                                "When the row was sent to the target system, in UTC."));
            }
        }
        if (d.layer == Layer.MART && !d.martKind.equals("dim") || d.layer == Layer.REPORT) {
            // measures read "%s" as the entity label
            for (int i = 0; i < cols.size(); i++) {
                DemoColumn c = cols.get(i);
                if (c.description.contains("%s")) {
                    cols.set(
                            i,
                            c.withDescription(capitalizeFirst(c.description.replace("%s", label))));
                }
            }
        }
        chooseProfiledColumns(d, rng);
    }

    private static DemoColumn technical(String name, Vocabulary.Type type, String description) {
        return new DemoColumn(name, type, Vocabulary.Pii.NONE, false, false, description);
    }

    private static DemoColumn timeColumn(DemoDataset d) {
        return d.hourly()
                ? technical(
                        "hour_ts", Vocabulary.Type.TIMESTAMP, "Hour the measures cover, in UTC.")
                : technical(
                        "date_key",
                        Vocabulary.Type.DATE,
                        "Calendar day the measures cover, in UTC.");
    }

    private static void addGroupColumns(DemoDataset d, int max) {
        int added = 0;
        for (String g : Vocabulary.groupColumns(d.entity.kind())) {
            DemoColumn source = d.primary().column(g);
            if (source != null && added < max) {
                d.columns.add(
                        new DemoColumn(
                                g, source.type, source.pii, true, false, source.description));
                added++;
            }
        }
    }

    private static void addMeasures(DemoDataset d, int max) {
        List<ColumnSpec> measures = Vocabulary.measures(d.entity.kind());
        for (int i = 0; i < measures.size() && i < max; i++) {
            ColumnSpec m = measures.get(i);
            d.columns.add(
                    new DemoColumn(
                            m.name(),
                            m.type(),
                            Vocabulary.Pii.NONE,
                            false,
                            false,
                            m.description()));
        }
    }

    /** One or two attributes from each joined upstream, prefixed with its entity. */
    private static void joinColumns(DemoDataset d, SplittableRandom rng) {
        for (int i = 1; i < d.upstreams.size(); i++) {
            DemoDataset other = d.upstreams.get(i);
            List<DemoColumn> candidates = new ArrayList<>();
            for (DemoColumn c : other.columns) {
                if (!c.key && !c.name.startsWith("_") && c.type != Vocabulary.Type.TIMESTAMP) {
                    candidates.add(c);
                }
            }
            Seeds.shuffle(candidates, rng);
            int n = Math.min(candidates.size(), 1 + rng.nextInt(2));
            String prefix = other.entity.singular() + "_";
            for (int j = 0; j < n; j++) {
                DemoColumn c = candidates.get(j);
                String name = c.name.startsWith(prefix) ? c.name : prefix + c.name;
                if (d.column(name) == null) {
                    d.columns.add(
                            new DemoColumn(
                                    name,
                                    c.type,
                                    c.pii,
                                    true,
                                    false,
                                    stripPeriod(c.description)
                                            + " (joined from "
                                            + other.entity.label()
                                            + ")."));
                }
            }
        }
    }

    private static void chooseProfiledColumns(DemoDataset d, SplittableRandom rng) {
        List<DemoColumn> nullable = new ArrayList<>();
        for (DemoColumn c : d.columns) {
            if (c.nullable && !c.key) {
                nullable.add(c);
            }
        }
        Seeds.shuffle(nullable, rng);
        int profiled = 0;
        for (DemoColumn c : nullable) {
            if (profiled == 4) {
                break;
            }
            c.nullBase = Seeds.logUniform(rng, 0.002, 0.03);
            profiled++;
        }
        for (DemoColumn c : d.columns) {
            if (profiled >= 2) {
                break;
            }
            if (!c.profiled()) {
                c.nullBase = 0.0;
                profiled++;
            }
        }
    }

    // ---------------------------------------------------------------- loads

    private static void loadParameters(DemoDataset d, SplittableRandom rng) {
        int layerMinute =
                switch (d.layer) {
                    case SOURCE -> 2;
                    case STAGING -> 12;
                    case INTERMEDIATE -> 22;
                    case MART -> 32;
                    case REPORT -> 42;
                    case EXPORT -> 50;
                };
        if (d.hourly()) {
            d.minuteOffset = layerMinute + rng.nextInt(5);
        } else {
            d.dailyHour = 1 + d.layer.ordinal();
            d.minuteOffset = rng.nextInt(45);
        }
        if (d.layer == Layer.SOURCE) {
            double perHour = Seeds.logUniform(rng, 8_000, 300_000);
            d.baseRows = d.hourly() ? perHour : perHour * 24;
        } else {
            DemoDataset p = d.primary();
            double primaryPerHour = p.hourly() ? p.baseRows : p.baseRows / 24;
            double ratio =
                    switch (d.layer) {
                        case STAGING -> Seeds.uniform(rng, 0.93, 0.995);
                        case INTERMEDIATE -> Seeds.uniform(rng, 0.6, 0.98);
                        case MART ->
                                d.martKind.equals("dim")
                                        ? Seeds.uniform(rng, 0.05, 0.3)
                                        : Seeds.logUniform(rng, 0.003, 0.05);
                        case REPORT -> Seeds.logUniform(rng, 0.01, 0.2);
                        default -> Seeds.uniform(rng, 0.1, 0.6);
                    };
            double perHour = Math.max(primaryPerHour * ratio, d.hourly() ? 40 : 5);
            d.baseRows = d.hourly() ? perHour : perHour * 24;
        }
        Vocabulary.TeamSpec team = d.team.spec;
        d.weekendFactor = Seeds.uniform(rng, team.weekendLow(), team.weekendHigh());
        d.trendPerDay = Seeds.uniform(rng, -0.002, 0.006);
        d.noiseSigma = Seeds.uniform(rng, 0.015, 0.04);
    }

    private static String stripPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String capitalizeFirst(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
