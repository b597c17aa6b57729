package io.dataspoke.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class BlockKitTest {

    @Test
    void escapesTheThreeCharactersSlackParses() {
        assertThat(BlockKit.escape("a & b < c > d")).isEqualTo("a &amp; b &lt; c &gt; d");
        assertThat(BlockKit.escape("*bold* _it_ `code` @here #general"))
                .isEqualTo("*bold* _it_ `code` @here #general");
    }

    @Test
    void escapedMentionsAndLinksStayText() {
        String hostile = "<!channel> <@U024BE7LH> <https://evil.example|click me> &lt;";

        assertThat(BlockKit.escape(hostile))
                .isEqualTo(
                        "&lt;!channel&gt; &lt;@U024BE7LH&gt; &lt;https://evil.example|click me&gt;"
                                + " &amp;lt;")
                .doesNotContain("<")
                .doesNotContain(">");
    }

    @Test
    void mrkdwnEscapesArgumentsButNotTheTemplate() {
        String text =
                BlockKit.mrkdwn(
                        "*%s* owns %d datasets (%.1f%% described) <%s>",
                        "bob <!here>", 12, 87.5, "x>y");

        assertThat(text)
                .isEqualTo("*bob &lt;!here&gt;* owns 12 datasets (87.5% described) <x&gt;y>");
    }

    @Test
    void linkEscapesTheLabelAndRefusesUrlsThatBreakOut() {
        assertThat(BlockKit.link("https://datahub.example/dataset?a=1&b=2", "orders <prod>"))
                .isEqualTo("<https://datahub.example/dataset?a=1&amp;b=2|orders &lt;prod&gt;>");

        assertThatThrownBy(() -> BlockKit.link("https://x.example/|<!channel>", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockKit.link("https://x.example/a>b", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockKit.link("javascript:alert(1)", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("javascript");
    }

    @Test
    void buildsTheBlockShapesSlackExpects() {
        JsonNode blocks =
                BlockKit.blocks(
                        BlockKit.header("Quality alert"),
                        BlockKit.section("*orders* row count fell"),
                        BlockKit.fields("*Owner*", "alice"),
                        BlockKit.context("seen 12:00 UTC", "DataSpoke"),
                        BlockKit.divider());

        assertThat(blocks.get(0).toString())
                .isEqualTo(
                        "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"Quality"
                                + " alert\",\"emoji\":true}}");
        assertThat(blocks.get(1).toString())
                .isEqualTo(
                        "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*orders*"
                                + " row count fell\",\"verbatim\":true}}");
        assertThat(blocks.get(2).get("fields")).hasSize(2);
        assertThat(blocks.get(3).get("type").asText()).isEqualTo("context");
        assertThat(blocks.get(3).get("elements")).hasSize(2);
        assertThat(blocks.get(4).toString()).isEqualTo("{\"type\":\"divider\"}");
    }

    @Test
    void cutsTextsToSlackLimits() {
        ObjectNode header = BlockKit.header("h".repeat(200));
        String headerText = header.at("/text/text").asText();
        assertThat(headerText).hasSize(BlockKit.MAX_HEADER_CHARS).endsWith("…");

        // Cut in the middle of "&amp;": no torn entity may remain.
        String section = "x".repeat(BlockKit.MAX_SECTION_CHARS - 3) + BlockKit.escape("&&&&");
        String sectionText = BlockKit.section(section).at("/text/text").asText();
        assertThat(sectionText).hasSizeLessThanOrEqualTo(BlockKit.MAX_SECTION_CHARS).endsWith("x…");

        // Cut in the middle of a link: the half link goes.
        String withLink =
                "y".repeat(BlockKit.MAX_FIELD_CHARS - 10)
                        + BlockKit.link("https://datahub.example/a", "dataset");
        String field = BlockKit.fields(withLink).at("/fields/0/text").asText();
        assertThat(field).doesNotContain("<").endsWith("y…");
    }

    @Test
    void refusesMoreElementsThanSlackTakes() {
        assertThatThrownBy(() -> BlockKit.context(new String[11]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 11");
        assertThatThrownBy(() -> BlockKit.blocks(new ObjectNode[51]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("50");
    }
}
