package io.dataspoke.bench;

import io.dataspoke.knowledge.SearchDocuments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded warehouse tables and questions about them, for the knowledge bench: cryptic snake_case
 * names ({@code fct_cust_ordr_dly}, {@code stg_rfnd_hist}) mixing abbreviations {@code Names}
 * expands with ones it reads as they are, 5 to 40 columns, descriptions on about 60% of tables and
 * on some columns, tags, a glossary term, owners and a domain. Table {@code i} depends only on the
 * seed and {@code i}, so a run with a smaller pool sees the same first tables.
 *
 * <p>A {@link #variant variant} is a copy of a table elsewhere in the warehouse (another region or
 * version, a few columns dropped or added, its description sometimes lost): what the bench's
 * synthesized points stand for, since their dense vectors are their base table's, perturbed.
 */
final class WarehouseTables {

    /** A subject of the warehouse: abbreviation, words, its key column, domain and columns. */
    private record Subject(
            String abbrev,
            String words,
            String singular,
            String domain,
            List<String> measures,
            List<String> dimensions) {}

    /**
     * Columns: abbreviation | words | singular (its id column is {@code <singular>_id}) | domain |
     * measure columns | dimension columns.
     */
    private static final String SUBJECT_TABLE =
            """
cust     | customers              | cust      | sales     | ltv_usd, ordr_cnt, avg_bskt_amt   | ctry_cd, sgmt, acq_chnl, is_actv
ordr     | customer orders        | ordr      | sales     | gross_amt, net_amt, disc_amt, qty | ctry_cd, chnl, stat_cd, curr_cd
ordr_ln  | order lines            | ordr_ln   | sales     | unit_prc, qty, line_amt           | sku, prd_cat, whse_cd
txn      | payment transactions   | txn       | payments  | amt, fee_amt, fx_rate             | pmt_mthd, curr_cd, stat_cd, mrch_id
pmt      | payments               | pmt       | payments  | amt, fee_amt                      | pmt_mthd, psp, stat_cd
rfnd     | refunds                | rfnd      | payments  | rfnd_amt, cnt                     | rsn_cd, pmt_mthd, chnl
chrgbk   | chargebacks            | chrgbk    | payments  | amt, cnt                          | rsn_cd, card_brnd, mrch_id
shp      | shipments              | shp       | logistics | wt_kg, ship_cost, dlvry_days      | carrier, whse_cd, dest_ctry
dlvry    | deliveries             | dlvry     | logistics | late_mins, attempts               | carrier, rgn, stat_cd
stk      | warehouse stock levels | stk       | logistics | on_hand_qty, rsrv_qty, reord_pt   | whse_cd, sku, prd_cat
prd      | products               | prd       | catalog   | list_prc, cost_usd, margin_pct    | prd_cat, brnd, sku, is_actv
sess     | web sessions           | sess      | growth    | dur_sec, pv_cnt, bounce_flg       | dev_typ, os, utm_src, ctry_cd
pv       | page views             | pv        | growth    | cnt, load_ms                      | page_path, dev_typ, ref_dom
usr      | registered users       | usr       | growth    | login_cnt, days_actv              | plan_tier, signup_src, ctry_cd
subs     | subscriptions          | subs      | growth    | mrr_usd, seats, churn_flg         | plan_tier, bill_cycle, stat_cd
clk      | ad clicks              | clk       | marketing | cnt, cpc_usd                      | cmpgn_id, ad_grp, chnl, dev_typ
impr     | ad impressions         | impr      | marketing | cnt, spend_usd, ctr_pct           | cmpgn_id, pub, fmt
cmpgn    | marketing campaigns    | cmpgn     | marketing | budget_usd, spend_usd, conv_cnt   | chnl, objv, rgn
acct     | ledger accounts        | acct      | finance   | bal_usd, dr_amt, cr_amt           | acct_typ, ent_cd, curr_cd
gl_entry | general ledger entries | gl_entry  | finance   | dr_amt, cr_amt                    | acct_id, ent_cd, period_cd
invc     | invoices               | invc      | finance   | amt_due, amt_paid, days_overdue   | terms_cd, curr_cd, stat_cd
emp      | employees              | emp       | people    | salary_usd, tenure_mths, fte      | dept_cd, lvl, loc_cd, mgr_id
tkt      | support tickets        | tkt       | support   | resp_mins, resl_hrs, csat         | prio, queue, chnl, stat_cd
api_req  | api requests           | api_req   | platform  | latency_ms, err_cnt, bytes_out    | endpoint, svc, rgn, http_stat
evt      | app events             | evt       | platform  | cnt, prop_cnt                     | evt_nm, app_ver, os, dev_typ
""";

    /** Column names with their descriptions; columns not listed stay undocumented. */
    private static final Map<String, String> COLUMN_DOCS =
            Map.ofEntries(
                    Map.entry("ltv_usd", "Predicted lifetime value in US dollars"),
                    Map.entry("ordr_cnt", "Orders placed to date"),
                    Map.entry("avg_bskt_amt", "Average basket amount"),
                    Map.entry("ctry_cd", "ISO 3166 country code"),
                    Map.entry("sgmt", "Marketing segment (consumer, smb, enterprise)"),
                    Map.entry("acq_chnl", "Channel the customer was acquired through"),
                    Map.entry("is_actv", "True while active"),
                    Map.entry("gross_amt", "Amount before discounts and tax"),
                    Map.entry("net_amt", "Amount after discounts, before tax"),
                    Map.entry("disc_amt", "Total discount applied"),
                    Map.entry("qty", "Units"),
                    Map.entry("chnl", "Sales or marketing channel"),
                    Map.entry("stat_cd", "Status code"),
                    Map.entry("curr_cd", "ISO 4217 currency code"),
                    Map.entry("unit_prc", "Price per unit at the time of the order"),
                    Map.entry("sku", "Stock keeping unit"),
                    Map.entry("prd_cat", "Product category"),
                    Map.entry("whse_cd", "Warehouse code"),
                    Map.entry("fee_amt", "Processing fee charged by the provider"),
                    Map.entry("fx_rate", "Exchange rate to US dollars on the booking date"),
                    Map.entry("pmt_mthd", "Payment method (card, wallet, bank transfer)"),
                    Map.entry("psp", "Payment service provider"),
                    Map.entry("rsn_cd", "Reason code"),
                    Map.entry("card_brnd", "Card network"),
                    Map.entry("mrch_id", "Merchant identifier"),
                    Map.entry("wt_kg", "Parcel weight in kilograms"),
                    Map.entry("ship_cost", "Carrier cost of the shipment"),
                    Map.entry("carrier", "Shipping carrier"),
                    Map.entry("dest_ctry", "Destination country"),
                    Map.entry("late_mins", "Minutes past the promised delivery window"),
                    Map.entry("on_hand_qty", "Units on hand at the end of the day"),
                    Map.entry("reord_pt", "Reorder point"),
                    Map.entry("list_prc", "List price"),
                    Map.entry("margin_pct", "Gross margin in percent"),
                    Map.entry("dur_sec", "Duration in seconds"),
                    Map.entry("dev_typ", "Device type (desktop, mobile, tablet)"),
                    Map.entry("utm_src", "UTM source of the landing page"),
                    Map.entry("page_path", "URL path without query string"),
                    Map.entry("plan_tier", "Subscription plan (free, pro, enterprise)"),
                    Map.entry("mrr_usd", "Monthly recurring revenue in US dollars"),
                    Map.entry("churn_flg", "True when the subscription was cancelled"),
                    Map.entry("cpc_usd", "Cost per click"),
                    Map.entry("ctr_pct", "Click-through rate"),
                    Map.entry("spend_usd", "Media spend in US dollars"),
                    Map.entry("conv_cnt", "Attributed conversions"),
                    Map.entry("bal_usd", "Closing balance in US dollars"),
                    Map.entry("dr_amt", "Debit amount"),
                    Map.entry("cr_amt", "Credit amount"),
                    Map.entry("ent_cd", "Legal entity code"),
                    Map.entry("amt_due", "Amount due"),
                    Map.entry("days_overdue", "Days past the due date"),
                    Map.entry("salary_usd", "Annual base salary in US dollars"),
                    Map.entry("dept_cd", "Department code"),
                    Map.entry("resp_mins", "Minutes to first response"),
                    Map.entry("csat", "Customer satisfaction score, 1 to 5"),
                    Map.entry("latency_ms", "Server-side latency in milliseconds"),
                    Map.entry("err_cnt", "Responses with a 5xx status"),
                    Map.entry("evt_nm", "Event name as sent by the SDK"),
                    Map.entry("created_at", "When the row was created in the source system"),
                    Map.entry("updated_at", "When the row last changed in the source system"),
                    Map.entry("load_dt", "Partition date of the load"),
                    Map.entry("etl_batch_id", "Batch of the pipeline run that wrote the row"),
                    Map.entry("email_addr", "Contact email address"),
                    Map.entry("phone_num", "Contact phone number"));

    /** Table prefixes by layer, and what a description says of each. */
    private static final List<String> PREFIXES =
            List.of("fct", "dim", "stg", "int", "agg", "rpt", "raw", "snap");

    private static final List<String> GRAINS = List.of("dly", "hrly", "wkly", "mthly", "", "");

    private static final List<String> QUALIFIERS =
            List.of("", "", "", "hist", "geo", "chnl", "smry", "v2", "enr", "dedup", "scd2");

    private static final List<String> DATABASES =
            List.of("analytics", "edw", "lake", "bi", "warehouse");

    private static final List<String> PLATFORMS =
            List.of("snowflake", "snowflake", "bigquery", "hive", "postgres", "databricks");

    private static final List<String> REGIONS = List.of("eu", "us", "apac", "latam", "uk", "jp");

    private static final List<String> PEOPLE =
            List.of(
                    "alice.kim",
                    "ben.okafor",
                    "daniel.ortiz",
                    "grace.lee",
                    "jonas.berg",
                    "maria.garcia",
                    "paul.nguyen",
                    "sam.patel",
                    "jiwoo.park",
                    "rosa.silva");

    private static final List<String> TECHNICAL =
            List.of("created_at", "updated_at", "load_dt", "etl_batch_id", "src_sys", "_row_hash");

    private static final Map<String, String> GRAIN_WORDS =
            Map.of("dly", "daily", "hrly", "hourly", "wkly", "weekly", "mthly", "monthly");

    private static final List<Subject> SUBJECTS = parse(SUBJECT_TABLE);

    private final long seed;
    private final Set<String> names = new HashSet<>();

    WarehouseTables(long seed) {
        this.seed = seed;
    }

    /** Table {@code i}: the same for the same seed and index; names unique within this instance. */
    SearchDocuments.Source table(int i) {
        Random rng = new Random(seed * 1_000_003L + i);
        Subject s = SUBJECTS.get(rng.nextInt(SUBJECTS.size()));
        String prefix = pick(rng, PREFIXES);
        String grain = prefix.equals("dim") || prefix.equals("raw") ? "" : pick(rng, GRAINS);
        String qualifier = pick(rng, QUALIFIERS);
        String table = join(prefix, s.abbrev(), qualifier, grain);
        String name = pick(rng, DATABASES) + "." + s.domain() + "." + table;
        for (int v = 2; !names.add(name); v++) {
            name = pick(rng, DATABASES) + "." + s.domain() + "." + join(table, "v" + v);
        }
        table = name.substring(name.lastIndexOf('.') + 1);

        boolean documented = rng.nextDouble() < 0.6;
        int width = 5 + rng.nextInt(36);
        List<SearchDocuments.Column> columns = new ArrayList<>();
        Set<String> used = new HashSet<>();
        addColumn(columns, used, s.singular() + "_id", documented, rng);
        Set<String> pool = new LinkedHashSet<>();
        pool.addAll(s.measures());
        pool.addAll(s.dimensions());
        for (Subject other : SUBJECTS) {
            if (other.domain().equals(s.domain()) && other != s) {
                pool.add(other.singular() + "_id");
                pool.addAll(other.dimensions());
            }
        }
        pool.addAll(TECHNICAL);
        if (s.domain().equals("sales") || s.domain().equals("people")) {
            pool.addAll(List.of("email_addr", "phone_num"));
        }
        List<String> candidates = new ArrayList<>(pool);
        Collections.shuffle(candidates, rng);
        for (int k = 0; k < candidates.size() && columns.size() < width; k++) {
            addColumn(columns, used, candidates.get(k), documented, rng);
        }
        for (int k = 1; columns.size() < width; k++) {
            // Wide tables pivot a measure by period, as reporting tables do.
            String measure = s.measures().get(k % s.measures().size());
            addColumn(columns, used, measure + "_m" + k, false, rng);
        }

        boolean pii = used.contains("email_addr") || used.contains("phone_num");
        List<String> tags = new ArrayList<>();
        tags.add("urn:li:tag:Tier" + (1 + rng.nextInt(3)));
        if (pii) {
            tags.add("urn:li:tag:PII");
        }
        if (rng.nextDouble() < 0.3) {
            tags.add("urn:li:tag:" + (prefix.equals("raw") ? "Landing" : "Certified"));
        }
        String owner = "urn:li:corpuser:" + pick(rng, PEOPLE);
        String platform = pick(rng, PLATFORMS);
        return new SearchDocuments.Source(
                "urn:li:dataset:(urn:li:dataPlatform:" + platform + "," + name + ",PROD)",
                name,
                table,
                null,
                platform,
                documented ? description(s, prefix, grain, columns, rng) : null,
                columns,
                tags,
                List.of("urn:li:glossaryTerm:" + capitalize(s.domain()) + "." + term(s)),
                List.of(owner),
                List.of(s.domain()),
                "urn:li:domain:" + s.domain(),
                pii,
                rng.nextDouble() < 0.05);
    }

    /**
     * Copy {@code round} (from 1) of {@code base} in another region, or a later version of it: a
     * name no other call gives, a fifth of the columns dropped and up to three technical ones
     * added, the description kept seven times in ten.
     */
    static SearchDocuments.Source variant(SearchDocuments.Source base, int round, long seed) {
        Random rng = new Random(seed * 31 + base.urn().hashCode() * 1_000_003L + round);
        String region = REGIONS.get((round - 1) % REGIONS.size());
        int version = (round - 1) / REGIONS.size();
        String table = join(base.table(), region, version == 0 ? "" : "v" + (version + 1));
        String schema = base.name().substring(0, base.name().lastIndexOf('.'));
        String name = schema + "_" + region + "." + table;
        List<SearchDocuments.Column> columns = new ArrayList<>();
        for (SearchDocuments.Column c : base.columns()) {
            if (columns.isEmpty() || rng.nextDouble() >= 0.2) {
                columns.add(c);
            }
        }
        for (int k = rng.nextInt(4); k > 0; k--) {
            String c = pick(rng, TECHNICAL);
            if (columns.stream().noneMatch(x -> x.name().equals(c))) {
                columns.add(new SearchDocuments.Column(c, null, "VARCHAR", COLUMN_DOCS.get(c)));
            }
        }
        String description =
                base.description() != null && rng.nextDouble() < 0.7
                        ? base.description() + " " + region.toUpperCase(Locale.ROOT) + " copy."
                        : null;
        return new SearchDocuments.Source(
                "urn:li:dataset:(urn:li:dataPlatform:" + base.platform() + "," + name + ",PROD)",
                name,
                table,
                null,
                base.platform(),
                description,
                columns,
                base.tags(),
                base.terms(),
                base.owners(),
                base.teams(),
                base.domain(),
                base.pii(),
                base.deprecated() || rng.nextDouble() < 0.05);
    }

    /**
     * {@code count} questions people ask a catalog, in words, not table names: "daily net amount of
     * customer orders by country code", "where can I find refunds with reason code?". Seeded apart
     * from the tables; {@code stream} tells warm-up questions from counted ones.
     */
    List<String> questions(int count, int stream) {
        Random rng = new Random(seed * 7_919L + 104_729L * (stream + 1));
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Subject s = pick(rng, SUBJECTS);
            String measure = words(pick(rng, s.measures()));
            String dimension = words(pick(rng, s.dimensions()));
            String grain = GRAIN_WORDS.get(pick(rng, List.of("dly", "hrly", "wkly", "mthly")));
            out.add(
                    switch (rng.nextInt(7)) {
                        case 0 -> grain + " " + measure + " of " + s.words() + " by " + dimension;
                        case 1 -> "where can I find " + s.words() + " with " + dimension + "?";
                        case 2 -> "which table has " + measure + " per " + dimension;
                        case 3 -> s.words() + " " + measure + " per " + dimension + " last month";
                        case 4 -> "how many " + s.words() + " per day";
                        case 5 -> s.domain() + " data about " + s.words();
                        default -> "history of " + s.words() + " " + dimension + " changes";
                    });
        }
        return out;
    }

    private static void addColumn(
            List<SearchDocuments.Column> columns,
            Set<String> used,
            String name,
            boolean documented,
            Random rng) {
        if (!used.add(name)) {
            return;
        }
        String doc = COLUMN_DOCS.get(name);
        boolean described = doc != null && rng.nextDouble() < (documented ? 0.7 : 0.1);
        columns.add(new SearchDocuments.Column(name, null, type(name), described ? doc : null));
    }

    private static String description(
            Subject s,
            String prefix,
            String grain,
            List<SearchDocuments.Column> columns,
            Random rng) {
        String grainWord = GRAIN_WORDS.getOrDefault(grain, "");
        String by = words(columns.get(Math.min(columns.size() - 1, 1 + rng.nextInt(4))).name());
        String sentence =
                switch (prefix) {
                    case "dim" ->
                            "Dimension of "
                                    + s.words()
                                    + ": current attributes, one row per "
                                    + words(s.singular())
                                    + ".";
                    case "stg" ->
                            "Staging copy of "
                                    + s.words()
                                    + " from the source system, deduplicated on "
                                    + s.singular()
                                    + "_id.";
                    case "raw" -> "Raw " + s.words() + " as landed, not cleaned.";
                    case "snap" -> "End-of-day snapshot of " + s.words() + ".";
                    default ->
                            capitalize((grainWord + " " + s.words()).strip())
                                    + " by "
                                    + by
                                    + (grainWord.isEmpty()
                                            ? "."
                                            : ", one row per " + by + " per period.");
                };
        return rng.nextBoolean()
                ? sentence
                : sentence + " Owned by the " + s.domain() + " team; refreshed by the nightly run.";
    }

    private static String type(String column) {
        if (column.endsWith("_id") || column.endsWith("_cnt") || column.equals("qty")) {
            return "NUMBER(38,0)";
        }
        if (column.endsWith("_at") || column.endsWith("_dt")) {
            return "TIMESTAMP_NTZ";
        }
        if (column.contains("amt") || column.contains("usd") || column.contains("prc")) {
            return "NUMBER(18,2)";
        }
        return "VARCHAR";
    }

    /** A column name read out for a question: {@code ctry_cd} → "country cd". */
    private static String words(String column) {
        return io.dataspoke.knowledge.Names.spoken(column).toLowerCase(Locale.ROOT);
    }

    private static String term(Subject s) {
        StringBuilder out = new StringBuilder();
        for (String w : s.words().split(" ")) {
            out.append(capitalize(w));
        }
        return out.toString();
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty()) {
                out.append(out.length() == 0 ? "" : "_").append(p);
            }
        }
        return out.toString();
    }

    private static <T> T pick(Random rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static List<Subject> parse(String table) {
        List<Subject> out = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String[] f = line.split("\\|");
            out.add(
                    new Subject(
                            f[0].strip(),
                            f[1].strip(),
                            f[2].strip(),
                            f[3].strip(),
                            List.of(f[4].strip().split("\\s*,\\s*")),
                            List.of(f[5].strip().split("\\s*,\\s*"))));
        }
        return out;
    }
}
