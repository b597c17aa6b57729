package io.dataspoke.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.health.OwnerDigest;
import io.dataspoke.health.Violation;
import org.junit.jupiter.api.Test;

class DigestMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OwnerDigest.Entry entry(String name, int score, Integer before, int fixes) {
        Violation[] violations = new Violation[fixes];
        for (int i = 0; i < fixes; i++) {
            violations[i] = new Violation("r" + i, "f", "fix <" + i + "> & more", 1.0);
        }
        return new OwnerDigest.Entry(
                "urn:li:dataset:(urn:li:dataPlatform:hive," + name + ",PROD)",
                name,
                score,
                before,
                violations);
    }

    @Test
    void worstFirstWithScoresDropsAndEscapedFixes() throws Exception {
        OwnerDigest digest =
                new OwnerDigest(
                        "urn:li:corpuser:ana",
                        86_400_000L,
                        OwnerDigest.key("urn:li:corpuser:ana", 86_400_000L),
                        new OwnerDigest.Entry[] {
                            entry("events", 40, 75, 4), entry("orders", 80, null, 1)
                        },
                        3);
        SlackMessage message =
                DigestMessages.of(digest, "<@U024BE7LH>", "https://datahub.example.com/");

        assertThat(message.dedupKey())
                .isEqualTo("owner-digest/urn:li:corpuser:ana/1970-01-02T00:00:00Z");
        assertThat(message.text())
                .isEqualTo("Documentation digest: 5 datasets need your attention");
        JsonNode blocks = JSON.readTree(message.blocksJson());
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(1).toString()).contains("For <@U024BE7LH>").contains("1970-01-02");
        String first = blocks.get(3).get("text").get("text").asText();
        assertThat(first)
                .startsWith("*<https://datahub.example.com/dataset/urn%3Ali%3Adataset%3A")
                .contains("|events>*")
                .contains("score *40*/100 (down 35 since the last digest)")
                .contains("• fix &lt;0&gt; &amp; more")
                .contains("• and 1 more")
                .doesNotContain("fix <0>");
        assertThat(blocks.get(5).get("text").get("text").asText())
                .contains("orders")
                .doesNotContain("down");
        assertThat(blocks.get(blocks.size() - 1).toString()).contains("and 3 more datasets");
    }

    @Test
    void onlyRealMentionsAreAccepted() {
        OwnerDigest digest =
                new OwnerDigest("o", 0, "k", new OwnerDigest.Entry[] {entry("a", 50, null, 1)}, 0);
        assertThat(DigestMessages.of(digest, null, null).blocksJson()).contains("For o");
        assertThatThrownBy(() -> DigestMessages.of(digest, "<!channel>", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigestMessages.of(digest, "@ana", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
