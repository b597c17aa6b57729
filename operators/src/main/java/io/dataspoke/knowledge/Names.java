package io.dataspoke.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns warehouse identifiers into words people search with: {@code fct_cust_ordr_dly} and {@code
 * CustOrderDaily} become "fact customer order daily". Splits snake_case, kebab-case, dotted paths,
 * camelCase and letter–digit boundaries, and spells out the abbreviations warehouse schemas are
 * full of, keeping the abbreviation beside its expansion so a search for either finds it.
 */
public final class Names {

    /**
     * Abbreviations common in warehouse and lake schemas, each with the word it stands for. Only
     * unambiguous ones: {@code prod} (product or production), {@code inv} (inventory or invoice),
     * {@code hr} and the like are read as they are.
     */
    static final Map<String, String> ABBREVIATIONS =
            Map.ofEntries(
                    Map.entry("acct", "account"),
                    Map.entry("addr", "address"),
                    Map.entry("agg", "aggregate"),
                    Map.entry("amt", "amount"),
                    Map.entry("attr", "attribute"),
                    Map.entry("avg", "average"),
                    Map.entry("bal", "balance"),
                    Map.entry("cat", "category"),
                    Map.entry("cnt", "count"),
                    Map.entry("ctry", "country"),
                    Map.entry("cust", "customer"),
                    Map.entry("dept", "department"),
                    Map.entry("desc", "description"),
                    Map.entry("dim", "dimension"),
                    Map.entry("dly", "daily"),
                    Map.entry("dt", "date"),
                    Map.entry("emp", "employee"),
                    Map.entry("evt", "event"),
                    Map.entry("fct", "fact"),
                    Map.entry("fin", "finance"),
                    Map.entry("geo", "geography"),
                    Map.entry("hrly", "hourly"),
                    Map.entry("impr", "impression"),
                    Map.entry("lkp", "lookup"),
                    Map.entry("mkt", "market"),
                    Map.entry("mktg", "marketing"),
                    Map.entry("mthly", "monthly"),
                    Map.entry("mth", "month"),
                    Map.entry("num", "number"),
                    Map.entry("ord", "order"),
                    Map.entry("ordr", "order"),
                    Map.entry("org", "organization"),
                    Map.entry("pct", "percent"),
                    Map.entry("pmt", "payment"),
                    Map.entry("prd", "product"),
                    Map.entry("qty", "quantity"),
                    Map.entry("sess", "session"),
                    Map.entry("shp", "shipment"),
                    Map.entry("src", "source"),
                    Map.entry("stg", "staging"),
                    Map.entry("subs", "subscription"),
                    Map.entry("tmp", "temporary"),
                    Map.entry("tx", "transaction"),
                    Map.entry("txn", "transaction"),
                    Map.entry("usr", "user"),
                    Map.entry("wkly", "weekly"),
                    Map.entry("yr", "year"));

    private Names() {}

    /**
     * The parts of an identifier, lower case: {@code dim_CustomerV2.addr} → [dim, customer, v, 2,
     * addr].
     */
    public static List<String> split(String identifier) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int n = identifier.length();
        for (int i = 0; i < n; i++) {
            char c = identifier.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(part, parts);
                continue;
            }
            if (part.length() > 0) {
                char prev = part.charAt(part.length() - 1);
                boolean lowerToUpper = Character.isLowerCase(prev) && Character.isUpperCase(c);
                // "HTTPServer": the S starts a word when a lower-case letter follows it.
                boolean acronymEnd =
                        Character.isUpperCase(prev)
                                && Character.isUpperCase(c)
                                && i + 1 < n
                                && Character.isLowerCase(identifier.charAt(i + 1));
                boolean digitEdge = Character.isDigit(prev) != Character.isDigit(c);
                if (lowerToUpper || acronymEnd || digitEdge) {
                    flush(part, parts);
                }
            }
            part.append(c);
        }
        flush(part, parts);
        return parts;
    }

    /**
     * The words of an identifier for search: its parts, each abbreviation followed by what it
     * stands for. {@code fct_cust_ordr} → "fct fact cust customer ordr order".
     */
    public static String words(String identifier) {
        StringBuilder out = new StringBuilder();
        for (String part : split(identifier)) {
            out.append(out.length() == 0 ? "" : " ").append(part);
            String expansion = ABBREVIATIONS.get(part);
            if (expansion != null) {
                out.append(' ').append(expansion);
            }
        }
        return out.toString();
    }

    /**
     * The words of an identifier as a reader would say them: abbreviations replaced by what they
     * stand for. {@code fct_cust_ordr} → "fact customer order". What the embedding model reads.
     */
    public static String spoken(String identifier) {
        StringBuilder out = new StringBuilder();
        for (String part : split(identifier)) {
            out.append(out.length() == 0 ? "" : " ").append(ABBREVIATIONS.getOrDefault(part, part));
        }
        return out.toString();
    }

    private static void flush(StringBuilder part, List<String> parts) {
        if (part.length() > 0) {
            parts.add(part.toString().toLowerCase(Locale.ROOT));
            part.setLength(0);
        }
    }
}
