package io.dataspoke.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.SearchDocuments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge bench on a pool of 64 tables and an index of 2,000 documents: both models index the
 * pool, every share and ratio is computed from the figures beside it, the latencies are those of
 * the questions asked, and the JSON carries them. Figures are only checked for consistency here;
 * their values belong in docs/benchmarks.md.
 */
class KnowledgeBenchTest {

    private static final Offset<Double> EXACT = Offset.offset(1e-9);

    @Test
    void indexesWithBothModelsAndSearchesTheAssembledIndex(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        KnowledgeBenchResult result =
                KnowledgeBench.run(
                        KnowledgeBench.Options.defaults().with(64, 2_000, 20, 5, 7).in(dir),
                        new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(result.pool()).isEqualTo(64);
        assertThat(result.batch()).isEqualTo(KnowledgeBench.BATCH);
        assertThat(result.indexing())
                .extracting(KnowledgeBenchResult.Indexing::model)
                .containsExactly("all-minilm-l6-v2", "bge-small-en-v1.5");
        KnowledgeBenchResult.Indexing first = result.indexing().get(0);
        for (KnowledgeBenchResult.Indexing i : result.indexing()) {
            assertThat(i.documents()).isEqualTo(64);
            assertThat(i.seconds()).as(i.model()).isPositive();
            assertThat(i.documentsPerSecond()).isCloseTo(i.documents() / i.seconds(), EXACT);
            assertThat(i.embeddedPerSecond()).isCloseTo(i.documents() / i.embedSeconds(), EXACT);
            assertThat(i.buildShare()).isCloseTo(i.buildSeconds() / i.seconds(), EXACT);
            assertThat(i.embedShare()).isCloseTo(i.embedSeconds() / i.seconds(), EXACT);
            assertThat(i.lexicalShare()).isCloseTo(i.lexicalSeconds() / i.seconds(), EXACT);
            assertThat(i.writeShare()).isCloseTo(i.writeSeconds() / i.seconds(), EXACT);
            assertThat(List.of(i.buildShare(), i.embedShare(), i.lexicalShare(), i.writeShare()))
                    .as(i.model())
                    .allSatisfy(share -> assertThat(share).isPositive());
            assertThat(i.buildShare() + i.embedShare() + i.lexicalShare() + i.writeShare())
                    .isLessThanOrEqualTo(1.0);
            assertThat(i.ratioToFirst())
                    .isCloseTo(i.documentsPerSecond() / first.documentsPerSecond(), EXACT);
            assertThat(i.embedRatioToFirst())
                    .isCloseTo(i.embeddedPerSecond() / first.embeddedPerSecond(), EXACT);
            assertThat(i.logBytes()).isEqualTo(Files.size(dir.resolve(i.model() + "/points.log")));
        }
        assertThat(first.ratioToFirst()).isEqualTo(1.0);
        assertThat(first.embedRatioToFirst()).isEqualTo(1.0);

        KnowledgeBenchResult.Search s = result.search();
        assertThat(s.model()).isEqualTo("all-minilm-l6-v2");
        assertThat(s.documents()).isEqualTo(2_000);
        assertThat(s.embedded()).isEqualTo(64);
        assertThat(s.perturbed()).isEqualTo(2_000 - 64);
        assertThat(s.queries()).isEqualTo(20);
        assertThat(s.warmups()).isEqualTo(5);
        assertThat(s.depth()).isEqualTo(s.limit() * 3);
        // The dense ranking covers every point, so every search fills its page.
        assertThat(s.meanResults()).isEqualTo(s.limit());
        assertThat(s.logBytes())
                .isEqualTo(Files.size(dir.resolve("search/points.log")))
                .isGreaterThan(first.logBytes() * 10);
        for (KnowledgeBenchResult.Latency l :
                List.of(s.search(), s.queryEmbedding(), s.index(), s.dense(), s.sparse())) {
            Percentiles p = l.millis();
            assertThat(p.count()).isEqualTo(20);
            assertThat(p.p50()).isPositive().isLessThanOrEqualTo(p.p90());
            assertThat(p.p90()).isLessThanOrEqualTo(p.p99());
            assertThat(p.p99()).isLessThanOrEqualTo(p.max());
            assertThat(l.meanMillis()).isBetween(p.p50() / 20, p.max());
            assertThat(l.perSecond()).isCloseTo(1000 / l.meanMillis(), EXACT);
        }
        assertThat(s.embeddingShare())
                .isCloseTo(s.queryEmbedding().meanMillis() / s.search().meanMillis(), EXACT);
        assertThat(s.indexShare())
                .isCloseTo(s.index().meanMillis() / s.search().meanMillis(), EXACT);
        assertThat(s.denseShare())
                .isCloseTo(s.dense().meanMillis() / s.search().meanMillis(), EXACT);
        assertThat(s.sparseShare())
                .isCloseTo(s.sparse().meanMillis() / s.search().meanMillis(), EXACT);

        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains(
                        "Generated 64 warehouse tables",
                        "warm-up (64 documents, not counted)",
                        "bge-small-en-v1.5: 64 documents",
                        "Searched 20 questions after 5 warm-up");

        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertThat(json.get("pool").asInt()).isEqualTo(64);
        assertThat(json.at("/indexing/1/model").asText()).isEqualTo("bge-small-en-v1.5");
        assertThat(json.at("/indexing/0/documentsPerSecond").asDouble())
                .isEqualTo(first.documentsPerSecond());
        assertThat(json.at("/indexing/1/ratioToFirst").asDouble())
                .isEqualTo(result.indexing().get(1).ratioToFirst());
        assertThat(json.at("/indexing/0/embedShare").asDouble()).isEqualTo(first.embedShare());
        assertThat(json.at("/search/documents").asInt()).isEqualTo(2_000);
        assertThat(json.at("/search/search/millis/p99").asDouble())
                .isEqualTo(s.search().millis().p99());
        assertThat(json.at("/search/index/millis/p50").asDouble())
                .isEqualTo(s.index().millis().p50());
        assertThat(json.at("/search/queryEmbedding/meanMillis").isNumber()).isTrue();
        assertThat(json.at("/search/indexShare").asDouble()).isEqualTo(s.indexShare());
        assertThat(json.at("/search/sparse/millis/p99").asDouble())
                .isEqualTo(s.sparse().millis().p99());
        assertThat(json.at("/search/heapBytes").isNumber()).isTrue();
        assertThat(json.at("/machine/cores").asInt()).isPositive();

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        result.print(new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8))
                .contains(
                        "bge-small-en-v1.5",
                        "1.00x",
                        "KnowledgeSearch.search",
                        "index search alone (30 deep)",
                        "dense branch alone (120 deep)",
                        "100.0%");
    }

    @Test
    void tablesAreCrypticUniqueAndTheSameForTheSameSeed() {
        WarehouseTables tables = new WarehouseTables(3);
        List<SearchDocuments.Source> sources = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            sources.add(tables.table(i));
        }

        Set<String> urns = new HashSet<>();
        for (SearchDocuments.Source s : sources) {
            assertThat(urns.add(s.urn())).as(s.urn()).isTrue();
            assertThat(s.table()).matches("[a-z0-9_]+").contains("_");
            assertThat(s.columns()).hasSizeBetween(5, 40);
            assertThat(s.name()).endsWith("." + s.table());
        }
        assertThat(sources).filteredOn(s -> s.description() != null).hasSizeBetween(1500, 2100);
        assertThat(sources).anySatisfy(s -> assertThat(s.table()).startsWith("fct_"));
        assertThat(sources)
                .flatExtracting(SearchDocuments.Source::columns)
                .anySatisfy(c -> assertThat(c.description()).isNotNull())
                .anySatisfy(c -> assertThat(c.description()).isNull());
        assertThat(new WarehouseTables(3).table(17)).isEqualTo(sources.get(17));
        assertThat(new WarehouseTables(4).table(17)).isNotEqualTo(sources.get(17));
    }

    @Test
    void copiesHaveTheirOwnNamesAndPerturbedVectors() {
        SearchDocuments.Source base = new WarehouseTables(3).table(0);
        Set<String> urns = new HashSet<>(Set.of(base.urn()));
        for (int round = 1; round <= 60; round++) {
            SearchDocuments.Source copy = WarehouseTables.variant(base, round, 3);
            assertThat(urns.add(copy.urn())).as(copy.urn()).isTrue();
            assertThat(copy.table()).startsWith(base.table() + "_");
            assertThat(copy.columns()).isNotEmpty();
        }

        float[] v = new float[EmbeddingModel.ALL_MINILM_L6_V2.dimension()];
        v[0] = 0.6f;
        v[1] = 0.8f;
        float[] p = KnowledgeBench.perturb(v, 3, 1);
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            dot += v[i] * p[i];
            norm += p[i] * p[i];
        }
        assertThat(norm).isCloseTo(1.0, Offset.offset(1e-5));
        assertThat(dot).isBetween(0.93, 0.99);
        assertThat(KnowledgeBench.perturb(v, 3, 1)).isEqualTo(p);
        assertThat(KnowledgeBench.perturb(v, 3, 2)).isNotEqualTo(p);
    }

    @Test
    void questionsAreSeededAndWarmUpOnesDiffer() {
        WarehouseTables tables = new WarehouseTables(5);
        List<String> counted = tables.questions(50, 1);
        assertThat(counted).hasSize(50).allSatisfy(q -> assertThat(q).isNotBlank());
        assertThat(new WarehouseTables(5).questions(50, 1)).isEqualTo(counted);
        assertThat(tables.questions(50, 0)).isNotEqualTo(counted);
    }

    @Test
    void rejectsAnIndexSmallerThanItsPool() {
        assertThatThrownBy(() -> KnowledgeBench.Options.defaults().with(100, 99, 10, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KnowledgeBench.Options.defaults().with(10, 100, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
