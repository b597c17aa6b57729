package io.dataspoke.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.IncidentState;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.IncidentAlert;
import io.dataspoke.quality.alert.IncidentAlert.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2024-05-29 16:26:40 UTC. */
    static final long T0 = 1_717_000_000_000L;

    static final long MINUTE = 60_000L;

    static String urn(String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:hive," + name + ",PROD)";
    }

    static AffectedDataset dataset(String name, int hops, boolean recovered) {
        return new AffectedDataset(
                urn(name), hops, "run failed: UNRESOLVED_COLUMN amount", T0, recovered);
    }

    static Incident incident(
            IncidentState state,
            Severity severity,
            Long resolvedMillis,
            AffectedDataset... affected) {
        return new Incident(
                "inc-7f3a",
                urn("raw.orders"),
                "orders.amount changed type",
                "schema-change",
                state,
                severity,
                T0,
                resolvedMillis == null ? T0 + 4 * MINUTE : resolvedMillis,
                resolvedMillis,
                "amount",
                affected,
                3,
                "payments",
                "urn:li:domain:sales");
    }

    static IncidentAlert opened() {
        return new IncidentAlert(
                incident(
                        IncidentState.OPEN,
                        Severity.HIGH,
                        null,
                        new AffectedDataset(
                                urn("raw.orders"), 0, "column amount: BIGINT → VARCHAR", T0, false),
                        dataset("mart.orders_daily", 1, false),
                        dataset("mart.refunds", 1, false),
                        dataset("bi.revenue <!channel>", 2, false)),
                Kind.OPENED,
                1,
                new String[0],
                Severity.HIGH);
    }

    private static JsonNode blocks(SlackMessage message) throws Exception {
        return JSON.readTree(message.blocksJson());
    }

    private static List<String> texts(JsonNode blocks) {
        List<String> out = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.has("text")) {
                out.add(block.at("/text/text").asText());
            }
            for (JsonNode element : block.path("elements")) {
                out.add(element.path("text").asText());
            }
        }
        return out;
    }

    @Test
    void theFirstAlertShowsTheRootCauseAndTheBlastRadiusByHops() throws Exception {
        SlackMessage message = IncidentMessages.of(opened(), "https://datahub.example.com/");

        assertThat(message.dedupKey()).isEqualTo("inc-7f3a:1");
        assertThat(message.text())
                .isEqualTo(
                        "[HIGH] orders.amount changed type: schema-change at raw.orders,"
                                + " 3 downstream datasets affected (incident inc-7f3a)");
        JsonNode blocks = blocks(message);
        assertThat(blocks.findValuesAsText("type"))
                .startsWith("header", "plain_text", "context", "mrkdwn", "divider", "section");
        assertThat(blocks.get(0).at("/text/text").asText())
                .isEqualTo(":large_orange_circle: orders.amount changed type");
        assertThat(blocks.get(1).at("/elements/0/text").asText())
                .isEqualTo(
                        "*HIGH* · incident `inc-7f3a` · opened 2024-05-29 16:26 UTC · team"
                                + " payments · domain sales");
        String root = blocks.get(3).at("/text/text").asText();
        assertThat(root)
                .isEqualTo(
                        "*Root cause* *<https://datahub.example.com/dataset/"
                            + "urn%3Ali%3Adataset%3A%28urn%3Ali%3AdataPlatform%3Ahive%2Craw.orders%2CPROD%29|raw.orders>*"
                            + " · column `amount`\n"
                            + "*Cause* schema-change · column amount: BIGINT → VARCHAR");
        String radius = blocks.get(4).at("/text/text").asText();
        assertThat(radius.lines().toList())
                .hasSize(3)
                .first()
                .isEqualTo("*Blast radius* 3 downstream datasets");
        assertThat(radius.lines().toList().get(1))
                .startsWith("*1 hop:* <https://datahub.example.com/dataset/")
                .contains("|mart.orders_daily>, <")
                .endsWith("|mart.refunds>");
        // Catalog text cannot mention anyone.
        assertThat(radius.lines().toList().get(2))
                .startsWith("*2 hops:* <")
                .endsWith("|bi.revenue &lt;!channel&gt;>")
                .doesNotContain("<!channel>");
        assertThat(texts(blocks)).noneMatch(t -> t.contains("Since the last message"));
    }

    @Test
    void anUpdateSaysWhichOneAndWhatChanged() throws Exception {
        IncidentAlert first = opened();
        Incident worse =
                incident(
                        IncidentState.OPEN,
                        Severity.CRITICAL,
                        null,
                        first.incident().affected()[0],
                        dataset("mart.orders_daily", 1, true),
                        dataset("bi.revenue", 2, false));
        IncidentAlert update =
                new IncidentAlert(
                        worse,
                        Kind.UPDATED,
                        2,
                        new String[] {"severity HIGH → CRITICAL", "bi.revenue joined (2 hops)"},
                        Severity.CRITICAL);

        SlackMessage message = IncidentMessages.of(update, null);

        assertThat(message.dedupKey()).isEqualTo("inc-7f3a:2");
        assertThat(message.text())
                .isEqualTo(
                        "Update 2 [CRITICAL] orders.amount changed type: severity HIGH → CRITICAL;"
                                + " bi.revenue joined (2 hops) (incident inc-7f3a)");
        JsonNode blocks = blocks(message);
        assertThat(blocks.get(0).at("/text/text").asText())
                .isEqualTo(":red_circle: Update 2: orders.amount changed type");
        assertThat(blocks.get(2).at("/text/text").asText())
                .isEqualTo(
                        "*Since the last message*\n"
                                + "• severity HIGH → CRITICAL\n"
                                + "• bi.revenue joined (2 hops)");
        assertThat(texts(blocks))
                .contains(
                        "*Root cause* *raw.orders* · column `amount`\n"
                                + "*Cause* schema-change · column amount: BIGINT → VARCHAR",
                        "*Blast radius* 2 downstream datasets, 1 recovered\n"
                                + "*1 hop:* mart.orders_daily (recovered)\n"
                                + "*2 hops:* bi.revenue");
    }

    @Test
    void theResolveNoticeSaysHowLongItLasted() throws Exception {
        Incident done =
                incident(
                        IncidentState.RESOLVED,
                        Severity.HIGH,
                        T0 + 42 * MINUTE,
                        dataset("raw.orders", 0, true),
                        dataset("mart.orders_daily", 1, true));
        SlackMessage message =
                IncidentMessages.of(
                        new IncidentAlert(
                                done,
                                Kind.RESOLVED,
                                3,
                                new String[] {"mart.orders_daily recovered"},
                                Severity.CRITICAL),
                        "payments-oncall",
                        null);

        assertThat(message.dedupKey()).isEqualTo("inc-7f3a:3@payments-oncall");
        assertThat(message.text())
                .isEqualTo("Resolved after 42m: orders.amount changed type (incident inc-7f3a)");
        JsonNode blocks = blocks(message);
        assertThat(blocks.get(0).at("/text/text").asText())
                .isEqualTo(":white_check_mark: Resolved: orders.amount changed type");
        assertThat(blocks.get(2).at("/text/text").asText())
                .isEqualTo("*Resolved* after 42m, at 2024-05-29 17:08 UTC.");
        assertThat(blocks.get(3).at("/text/text").asText())
                .isEqualTo("*Since the last message*\n• mart.orders_daily recovered");
    }

    @Test
    void anIncidentResolvedBeforeItsFirstAlertIsOneMessage() throws Exception {
        Incident blip =
                incident(
                        IncidentState.RESOLVED,
                        Severity.MEDIUM,
                        T0 + 3 * MINUTE,
                        dataset("raw.orders", 0, true));
        SlackMessage message =
                IncidentMessages.of(
                        new IncidentAlert(blip, Kind.RESOLVED, 1, new String[0], Severity.MEDIUM),
                        null);

        assertThat(message.dedupKey()).isEqualTo("inc-7f3a:1");
        assertThat(message.text())
                .isEqualTo(
                        "Opened and resolved within 3m: orders.amount changed type"
                                + " (incident inc-7f3a)");
        JsonNode blocks = blocks(message);
        assertThat(blocks.get(2).at("/text/text").asText())
                .startsWith("*Opened and resolved* within 3m (resolved 2024-05-29 16:29 UTC)");
        assertThat(texts(blocks))
                .contains("*Blast radius* no downstream dataset affected")
                .noneMatch(t -> t.contains("Since the last message"));
    }

    @Test
    void aWideBlastRadiusIsCutPerHopAndInDepth() throws Exception {
        List<AffectedDataset> affected = new ArrayList<>();
        affected.add(dataset("raw.orders", 0, false));
        for (int i = 0; i < 11; i++) {
            affected.add(dataset("mart.m" + i, 1, false));
        }
        for (int hops = 2; hops <= 8; hops++) {
            affected.add(dataset("deep.d" + hops, hops, false));
        }
        Incident wide =
                incident(
                        IncidentState.OPEN,
                        Severity.LOW,
                        null,
                        affected.toArray(new AffectedDataset[0]));
        SlackMessage message =
                IncidentMessages.of(
                        new IncidentAlert(wide, Kind.OPENED, 1, new String[0], Severity.LOW), null);

        JsonNode blocks = blocks(message);
        assertThat(blocks.get(0).at("/text/text").asText()).startsWith(":large_blue_circle: ");
        List<String> radius =
                blocks.get(blocks.size() - 1).at("/text/text").asText().lines().toList();
        assertThat(radius.get(0)).isEqualTo("*Blast radius* 18 downstream datasets");
        assertThat(radius.get(1)).contains("mart.m7, and 3 more").doesNotContain("mart.m8");
        assertThat(radius).hasSize(8);
        assertThat(radius.get(6)).startsWith("*6 hops:*");
        assertThat(radius.get(7)).isEqualTo("and 2 more datasets further down");
    }
}
