package io.dataspoke.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.decode.DecodeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule on small hand-written datasets, through the default configuration. */
class AuditRulesTest {

    private static final HealthRulesConfig.Rules RULES = HealthRulesConfig.defaults().rules();

    private static DatasetDocs dataset(String name, String aspects) throws DecodeException {
        return DatasetDocs.of(
                "urn:li:dataset:(urn:li:dataPlatform:hive," + name + ",PROD)", "{" + aspects + "}");
    }

    private static String properties(String description) {
        return "\"datasetProperties\":{\"description\":\"" + description + "\"}";
    }

    private static List<String> fields(AuditRule rule, DatasetDocs d) {
        return rule.check(d).stream().map(Violation::field).toList();
    }

    @Test
    void descriptionsThatSayNothingAreFlaggedEachWithItsReason() throws Exception {
        DescriptionRule rule = new DescriptionRule(RULES.description());
        assertThat(rule.check(dataset("sales.orders", "")))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("No description"));
        assertThat(rule.check(dataset("sales.orders", properties("TBD - add description"))))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("placeholder"));
        assertThat(rule.check(dataset("sales.orders", properties("n/a")))).hasSize(1);
        assertThat(rule.check(dataset("sales.orders", properties("Orders"))))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("repeats the name"));
        assertThat(rule.check(dataset("sales.orders", properties("Order rows"))))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("has 10 characters"));
        assertThat(rule.check(dataset("sales.orders", properties("One row per order placed"))))
                .isEmpty();
    }

    @Test
    void theEditedDescriptionWinsOverTheIngestedOne() throws Exception {
        DescriptionRule rule = new DescriptionRule(RULES.description());
        String both =
                properties("TODO")
                        + ",\"editableDatasetProperties\":{\"description\":\"One row per order"
                        + " placed\"}";
        assertThat(rule.check(dataset("sales.orders", both))).isEmpty();
    }

    @Test
    void personalColumnsNeedAPiiTagOrTerm() throws Exception {
        String schema =
                "\"schemaMetadata\":{\"schemaName\":\"m\",\"platform\":\"urn:li:dataPlatform:hive\","
                    + "\"version\":0,\"fields\":["
                        + field("customer_email", null)
                        + ","
                        + field("주민번호", null)
                        + ","
                        + field("home_address", "urn:li:tag:PII")
                        + ","
                        + field("shipment_id", null)
                        + ","
                        + field("campaign_name", null)
                        + ","
                        + field("email_send_id", null)
                        + "]}";
        PiiRule rule = new PiiRule(RULES.pii());
        List<Violation> violations = rule.check(dataset("crm.members", schema));
        assertThat(violations)
                .extracting(Violation::field)
                .containsExactly("customer_email", "주민번호");
        assertThat(violations).allSatisfy(v -> assertThat(v.share()).isEqualTo(1.0 / 3));
    }

    @Test
    void namesFollowTheConventionAndCarryNoScratchWords() throws Exception {
        NamingRule rule = new NamingRule(RULES.naming());
        assertThat(fields(rule, dataset("sales.orders_daily", ""))).isEmpty();
        assertThat(rule.check(dataset("sales.tmp_orders", "")))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("scratch word \"tmp\""));
        assertThat(rule.check(dataset("sales.FCT_ORDERS", "")))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("naming convention"));
        // "testimonials" is not the word "test".
        assertThat(fields(rule, dataset("web.testimonials", ""))).isEmpty();
    }

    @Test
    void deprecatedDatasetsNameTheirReplacement() throws Exception {
        DeprecationRule rule = new DeprecationRule(RULES.deprecation());
        assertThat(
                        rule.check(
                                dataset(
                                        "a.b",
                                        "\"deprecation\":{\"deprecated\":true,\"note\":\"old\",\"actor\":\"urn:li:corpuser:x\"}")))
                .hasSize(1);
        assertThat(
                        rule.check(
                                dataset(
                                        "a.b",
                                        "\"deprecation\":{\"deprecated\":true,\"note\":\"use it\","
                                            + "\"actor\":\"urn:li:corpuser:x\",\"replacement\":"
                                            + "\"urn:li:dataset:(urn:li:dataPlatform:hive,a.c,PROD)\"}")))
                .isEmpty();
        assertThat(rule.check(dataset("a.b", ""))).isEmpty();
    }

    @Test
    void sourcesNeedNoLineageButEverythingElseDoes() throws Exception {
        LineageRule rule = new LineageRule(RULES.lineage());
        String source = "\"datasetProperties\":{\"customProperties\":{\"layer\":\"source\"}}";
        assertThat(rule.check(dataset("raw.events", source))).isEmpty();
        assertThat(rule.check(dataset("mart.events", ""))).hasSize(1);
        assertThat(
                        rule.check(
                                dataset(
                                        "mart.events",
                                        "\"upstreamLineage\":{\"upstreams\":[{\"dataset\":"
                                            + "\"urn:li:dataset:(urn:li:dataPlatform:hive,raw.events,PROD)\","
                                            + "\"type\":\"TRANSFORMED\",\"auditStamp\":{\"time\":0,\"actor\":\"urn:li:corpuser:x\"}}]}")))
                .isEmpty();
    }

    @Test
    void aDatasetThatBreaksNothingScoresAHundred() throws Exception {
        DocumentationAuditor auditor = new DocumentationAuditor(HealthRulesConfig.defaults());
        String aspects =
                properties("One row per order placed in the shop")
                        + ",\"ownership\":{\"owners\":[{\"owner\":\"urn:li:corpuser:a\",\"type\":\"DATAOWNER\"}]}"
                        + ",\"globalTags\":{\"tags\":[{\"tag\":\"urn:li:tag:Tier1\"}]}"
                        + ",\"domains\":{\"domains\":[\"urn:li:domain:sales\"]}"
                        + ",\"upstreamLineage\":{\"upstreams\":[{\"dataset\":"
                        + "\"urn:li:dataset:(urn:li:dataPlatform:hive,raw.orders,PROD)\","
                        + "\"type\":\"TRANSFORMED\",\"auditStamp\":{\"time\":0,\"actor\":\"urn:li:corpuser:x\"}}]}";
        HealthReport report = auditor.audit(dataset("sales.orders", aspects), 7);
        assertThat(report.violations()).isEmpty();
        assertThat(report.score()).isEqualTo(100);
        assertThat(report.domain()).isEqualTo("urn:li:domain:sales");
    }

    private static String field(String path, String tag) {
        return "{\"fieldPath\":\""
                + path
                + "\",\"nativeDataType\":\"string\",\"type\":{\"type\":{\"com.linkedin.schema.StringType\":{}}}"
                + (tag == null ? "" : ",\"globalTags\":{\"tags\":[{\"tag\":\"" + tag + "\"}]}")
                + "}";
    }
}
