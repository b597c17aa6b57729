package io.dataspoke.demo;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Good dataset descriptions, written the way a careful owner would: what a row is, where it comes
 * from and what it is for. Cryptic warehouse names ({@code fct_ord_dly}) get the same plain-words
 * description as their readable siblings, which is what makes them findable by meaning. Korean team
 * datasets get a Korean sentence too.
 */
final class Descriptions {

    private Descriptions() {}

    static String of(DemoDataset d) {
        Vocabulary.Entity e = d.entity;
        String label = e.label();
        String singular = e.singular().replace('_', ' ');
        String team = d.team.spec.displayName();
        String text =
                switch (d.layer) {
                    case SOURCE ->
                            switch (d.platform) {
                                case "kafka" ->
                                        "Real-time stream of "
                                                + label
                                                + " published by the "
                                                + team
                                                + " services; one message per "
                                                + singular
                                                + ". Avro schema in the schema registry, seven days"
                                                + " of retention.";
                                case "postgres" ->
                                        "Operational table of "
                                                + label
                                                + " in the "
                                                + team
                                                + " application database (PostgreSQL); one row per "
                                                + singular
                                                + ", updated in place by the application.";
                                default ->
                                        "Raw "
                                                + label
                                                + " files landed in S3 by an upstream system; one"
                                                + " JSON record per "
                                                + singular
                                                + ", never modified after landing.";
                            };
                    case STAGING ->
                            "Staging copy of the raw "
                                    + label
                                    + " from the "
                                    + platformName(d.primary())
                                    + " source: typed, deduplicated on "
                                    + e.idColumn()
                                    + " and stamped with ingestion metadata; one row per "
                                    + singular
                                    + ".";
                    case INTERMEDIATE ->
                            capitalize(label)
                                    + " "
                                    + suffixPhrase(d.suffix)
                                    + joins(d)
                                    + "; intermediate model feeding the "
                                    + team
                                    + " marts, not meant for direct reporting.";
                    case MART ->
                            d.martKind.equals("dim")
                                    ? dimension(d, label, singular)
                                    : fact(d, label);
                    case REPORT ->
                            (d.hourly() ? "Intraday" : period(d.shortName))
                                    + " report of "
                                    + label
                                    + " for the "
                                    + team
                                    + " dashboards: "
                                    + measureList(d)
                                    + groupPhrase(d)
                                    + ".";
                    case EXPORT ->
                            "Export of "
                                    + label
                                    + " to "
                                    + target(d.shortName)
                                    + ", refreshed after each load of the upstream "
                                    + (d.primary().layer == GroundTruth.Layer.MART
                                            ? "mart."
                                            : "report.");
                };
        if (e.korean() != null) {
            text = text + " " + korean(d, e.korean());
        }
        return text;
    }

    private static String fact(DemoDataset d, String label) {
        String grain = d.hourly() ? "hour" : "day";
        List<String> groups =
                d.columns.stream()
                        .filter(c -> c.nullable && !c.key && !c.name.equals("wow_change_pct"))
                        .map(c -> c.name)
                        .collect(Collectors.toList());
        String by = groups.isEmpty() ? "" : " and " + String.join(" and ", groups);
        return (d.hourly() ? "Hourly" : "Daily")
                + " fact table of "
                + label
                + ": one row per "
                + grain
                + by
                + " with "
                + measureList(d)
                + ". The certified source for "
                + d.team.spec.displayName()
                + " metrics on "
                + label
                + ".";
    }

    private static String dimension(DemoDataset d, String label, String singular) {
        boolean history = d.shortName.contains("scd2");
        String text =
                "Dimension of "
                        + label
                        + (history
                                ? " with full change history (SCD type 2): one row per "
                                        + singular
                                        + " version, valid_from and valid_to bound each version."
                                : ": one row per "
                                        + singular
                                        + " version, is_current marks the latest one.");
        if (d.hasPii()) {
            text += " Contains personal data; access is restricted.";
        }
        return text;
    }

    private static String measureList(DemoDataset d) {
        List<String> measures =
                d.columns.stream()
                        .filter(
                                c ->
                                        !c.nullable
                                                && !c.key
                                                && c.type != Vocabulary.Type.DATE
                                                && c.type != Vocabulary.Type.TIMESTAMP
                                                && c.type != Vocabulary.Type.STRING)
                        .map(c -> c.name.replace('_', ' '))
                        .collect(Collectors.toList());
        return measures.isEmpty() ? "the key figures" : String.join(", ", measures);
    }

    private static String groupPhrase(DemoDataset d) {
        return d.columns.stream()
                .filter(c -> c.nullable && c.type == Vocabulary.Type.STRING)
                .findFirst()
                .map(c -> " by " + c.name.replace('_', ' '))
                .orElse("");
    }

    private static String suffixPhrase(String suffix) {
        return switch (suffix) {
            case "enriched" -> "enriched with reference data";
            case "joined" -> "joined with related records";
            case "deduped" -> "with duplicate records merged";
            case "cleaned" -> "with invalid and test records removed";
            case "sessionized" -> "grouped into user sessions";
            default -> "prepared for modelling";
        };
    }

    private static String joins(DemoDataset d) {
        if (d.upstreams.size() < 2) {
            return "";
        }
        return " and attributes from "
                + d.upstreams.subList(1, d.upstreams.size()).stream()
                        .map(u -> u.entity.label())
                        .distinct()
                        .collect(Collectors.joining(" and "));
    }

    private static String period(String shortName) {
        if (shortName.contains("monthly") || shortName.contains("mthly")) {
            return "Monthly";
        }
        if (shortName.contains("weekly") || shortName.contains("wkly")) {
            return "Weekly";
        }
        return "Daily";
    }

    private static String target(String shortName) {
        if (shortName.endsWith("_crm")) {
            return "the CRM (Salesforce) through the nightly sync";
        }
        if (shortName.endsWith("_partner_feed")) {
            return "the partner data feed";
        }
        if (shortName.endsWith("_ads_audience")) {
            return "the ad platforms as a customer audience";
        }
        return "the ERP system";
    }

    private static String korean(DemoDataset d, String ko) {
        return switch (d.layer) {
            case SOURCE -> ko + " 원천 데이터입니다.";
            case STAGING -> ko + " 스테이징 테이블입니다 (정제 및 중복 제거).";
            case INTERMEDIATE -> ko + " 데이터를 보강한 중간 모델입니다.";
            case MART ->
                    d.martKind.equals("dim")
                            ? ko + " 디멘전 테이블입니다."
                            : ko + (d.hourly() ? " 시간별" : " 일별") + " 집계 팩트 테이블입니다.";
            case REPORT -> ko + " 리포트입니다.";
            case EXPORT -> ko + " 외부 연동용 내보내기 데이터입니다.";
        };
    }

    private static String platformName(DemoDataset d) {
        return switch (d.platform) {
            case "kafka" -> "Kafka";
            case "postgres" -> "PostgreSQL";
            case "s3" -> "S3";
            case "hive" -> "Hive";
            default -> "Snowflake";
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
