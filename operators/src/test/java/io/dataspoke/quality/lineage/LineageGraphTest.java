package io.dataspoke.quality.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineageGraphTest {

    private static LineageUpdate catalog(String down, long millis, String... ups) {
        return LineageUpdate.of(down, List.of(ups), LineageUpdate.CATALOG, millis);
    }

    private static LineageUpdate run(String down, long millis, String... ups) {
        return LineageUpdate.of(down, List.of(ups), LineageUpdate.RUN, millis);
    }

    /** a → b → c → d → e, plus x → c. */
    private static LineageGraph chain() {
        LineageGraph g = new LineageGraph();
        g.apply(catalog("b", 1, "a"));
        g.apply(catalog("c", 1, "b", "x"));
        g.apply(catalog("d", 1, "c"));
        g.apply(catalog("e", 1, "d"));
        return g;
    }

    @Test
    void ancestorsAreNearestFirstWithTheirDistanceUpToMaxHops() {
        LineageGraph g = chain();

        assertThat(g.ancestors("e", 3))
                .containsExactly(entry("d", 1), entry("c", 2), entry("b", 3), entry("x", 3));
        assertThat(g.ancestors("e", 1)).containsExactly(entry("d", 1));
        assertThat(g.ancestors("e", 0)).isEmpty();
        assertThat(g.ancestors("a", 3)).isEmpty();
        assertThat(g.ancestors("unknown", 3)).isEmpty();
    }

    @Test
    void descendantsWalkTheOtherWay() {
        LineageGraph g = chain();

        assertThat(g.descendants("a", 10))
                .containsExactly(entry("b", 1), entry("c", 2), entry("d", 3), entry("e", 4));
        assertThat(g.descendants("x", 2)).containsExactly(entry("c", 1), entry("d", 2));

        // The reverse index follows later updates.
        g.apply(catalog("f", 2, "a"));
        assertThat(g.descendants("a", 1)).containsExactly(entry("b", 1), entry("f", 1));
    }

    @Test
    void aDatasetReachedTwiceKeepsItsShortestDistance() {
        LineageGraph g = new LineageGraph();
        g.apply(catalog("mart", 1, "staging", "raw"));
        g.apply(catalog("staging", 1, "raw"));

        assertThat(g.ancestors("mart", 3)).containsExactly(entry("raw", 1), entry("staging", 1));
    }

    @Test
    void cyclesEndTheWalkAndNeverReportTheStart() {
        LineageGraph g = new LineageGraph();
        g.apply(catalog("a", 1, "c"));
        g.apply(catalog("b", 1, "a"));
        g.apply(catalog("c", 1, "b"));

        assertThat(g.ancestors("a", 10)).containsExactly(entry("c", 1), entry("b", 2));
        assertThat(g.descendants("a", 10)).containsExactly(entry("b", 1), entry("c", 2));
    }

    @Test
    void eachSourceReplacesOnlyItsOwnUpstreams() {
        LineageGraph g = new LineageGraph();
        g.apply(catalog("mart", 1, "a"));
        g.apply(run("mart", 2, "b"));
        assertThat(g.upstreamsOf("mart")).containsExactly("a", "b");

        g.apply(run("mart", 3, "c"));
        assertThat(g.upstreamsOf("mart")).containsExactly("a", "c");

        g.apply(catalog("mart", 4));
        assertThat(g.upstreamsOf("mart")).containsExactly("c");
        assertThat(g.descendants("a", 3)).isEmpty();
    }

    @Test
    void anOlderUpdateArrivingLateChangesNothing() {
        LineageGraph g = new LineageGraph();
        g.apply(catalog("mart", 10));

        assertThat(g.apply(catalog("mart", 5, "a"))).isFalse();
        assertThat(g.upstreamsOf("mart")).isEmpty();
        assertThat(g.apply(catalog("mart", 10, "b"))).isTrue();
        assertThat(g.upstreamsOf("mart")).containsExactly("b");
    }
}
