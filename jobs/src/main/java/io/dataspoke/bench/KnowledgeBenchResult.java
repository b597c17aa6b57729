package io.dataspoke.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.knowledge.index.VectorIndex;
import java.io.PrintStream;
import java.util.List;

/**
 * What {@code dataspoke bench knowledge} measured.
 *
 * @param seed seed of the tables, questions and perturbations
 * @param pool tables built, embedded and indexed with each model
 * @param batch documents embedded per call
 * @param warmupDocuments documents indexed per model before the counted run, not counted
 * @param indexing each model's end-to-end indexing of the pool, the first model first
 * @param search latency of searches over the assembled index
 * @param machine where it ran
 */
public record KnowledgeBenchResult(
        long seed,
        int pool,
        int batch,
        int warmupDocuments,
        List<Indexing> indexing,
        Search search,
        Machine machine)
        implements BenchResult {

    /**
     * One model building, embedding, encoding and writing the pool into a persisted local index.
     * The four steps' seconds are summed over the batches; what they leave of {@code seconds} is
     * opening, creating and closing the index and the loop itself.
     *
     * @param model the embedding model's id
     * @param documents documents indexed
     * @param loadSeconds loading the ONNX model from the jar, not counted in {@code seconds}
     * @param seconds wall-clock time of the whole run, end to end
     * @param documentsPerSecond {@code documents / seconds}
     * @param embeddedPerSecond documents over the seconds spent embedding alone
     * @param buildSeconds in {@code SearchDocuments.build} and the content hash
     * @param embedSeconds in {@code TextEmbedder.documents}
     * @param lexicalSeconds in {@code LexicalEncoder.document}
     * @param writeSeconds in {@code LocalVectorIndex.upsert}, appended to the log and forced
     * @param buildShare {@code buildSeconds / seconds}
     * @param embedShare {@code embedSeconds / seconds}
     * @param lexicalShare {@code lexicalSeconds / seconds}
     * @param writeShare {@code writeSeconds / seconds}
     * @param logBytes size of the index's log file afterwards
     * @param ratioToFirst documents per second over the first model's, in the same run
     * @param embedRatioToFirst embedded per second over the first model's, in the same run
     */
    public record Indexing(
            String model,
            int documents,
            double loadSeconds,
            double seconds,
            double documentsPerSecond,
            double embeddedPerSecond,
            double buildSeconds,
            double embedSeconds,
            double lexicalSeconds,
            double writeSeconds,
            double buildShare,
            double embedShare,
            double lexicalShare,
            double writeShare,
            long logBytes,
            double ratioToFirst,
            double embedRatioToFirst) {}

    /**
     * Searches over the assembled index, one at a time on one thread.
     *
     * @param model the model that embedded the pool and embeds the questions
     * @param documents points in the index
     * @param embedded of those, the pool's documents with their real vectors
     * @param perturbed of those, copies of pool tables with their own text and lexical vector and
     *     their base table's dense vector perturbed by {@code perturbation} and re-normalised
     * @param perturbation norm of the Gaussian noise added to a copy's unit dense vector
     * @param assembleSeconds building, encoding and writing the index (not a throughput figure:
     *     most of its dense vectors are not embedded)
     * @param logBytes size of the index's log file
     * @param heapBytes heap in use after a collection with the index open, less before: rough
     * @param limit results asked of {@code KnowledgeSearch.search}
     * @param depth points asked of the index alone: what {@code KnowledgeSearch} asks it for
     * @param warmups questions asked before the counted ones, in each measurement
     * @param queries questions counted
     * @param meanResults results per search, on average
     * @param search {@code KnowledgeSearch.search}: query embedding, lexical query, hybrid index
     *     search (dense and sparse, fused by RRF), quality re-ranking and matched words
     * @param queryEmbedding {@code TextEmbedder.query} alone, on the same questions
     * @param index {@code LocalVectorIndex.search} alone, with the vectors just computed
     * @param dense the index's dense branch alone (cosine against every point), {@code
     *     VectorIndex.PREFETCH_FACTOR × depth} deep, as the hybrid search prefetches it
     * @param sparse the index's sparse branch alone (IDF-weighted postings), as deep
     * @param embeddingShare mean query embedding over mean search latency
     * @param indexShare mean index search over mean search latency
     * @param denseShare mean dense branch over mean search latency
     * @param sparseShare mean sparse branch over mean search latency
     */
    public record Search(
            String model,
            int documents,
            int embedded,
            int perturbed,
            double perturbation,
            double assembleSeconds,
            long logBytes,
            long heapBytes,
            int limit,
            int depth,
            int warmups,
            int queries,
            double meanResults,
            Latency search,
            Latency queryEmbedding,
            Latency index,
            Latency dense,
            Latency sparse,
            double embeddingShare,
            double indexShare,
            double denseShare,
            double sparseShare) {}

    /**
     * Latencies of one kind of call.
     *
     * @param millis nearest-rank percentiles in milliseconds
     * @param meanMillis mean in milliseconds
     * @param perSecond calls per second one after another on one thread: {@code 1000 / meanMillis}
     */
    public record Latency(Percentiles millis, double meanMillis, double perSecond) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final double MIB = 1024.0 * 1024;

    /** The result as one line of JSON. */
    @Override
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result as a person reads it. */
    @Override
    public void print(PrintStream out) {
        out.println();
        out.printf(
                "DataSpoke knowledge bench: %,d generated warehouse tables (seed %d) built,"
                        + " embedded (batches of %d), lexically encoded and written to a persisted"
                        + " local index, one thread, after %d warm-up documents%n",
                pool, seed, batch, warmupDocuments);
        String first = indexing.get(0).model();
        out.printf(
                "  %-18s %8s %9s %8s %7s %7s %7s %7s %7s %9s %9s%n",
                "model",
                "docs/s",
                "embed/s",
                "seconds",
                "build",
                "embed",
                "lexical",
                "write",
                "other",
                "log MiB",
                "vs first");
        for (Indexing i : indexing) {
            double other = 1 - i.buildShare() - i.embedShare() - i.lexicalShare() - i.writeShare();
            out.printf(
                    "  %-18s %,8.1f %,9.1f %8.1f %6.1f%% %6.1f%% %6.1f%% %6.1f%% %6.1f%% %9.1f"
                            + " %8.2fx%n",
                    i.model(),
                    i.documentsPerSecond(),
                    i.embeddedPerSecond(),
                    i.seconds(),
                    100 * i.buildShare(),
                    100 * i.embedShare(),
                    100 * i.lexicalShare(),
                    100 * i.writeShare(),
                    100 * other,
                    i.logBytes() / MIB,
                    i.ratioToFirst());
        }
        out.printf(
                "  shares of the end-to-end time; vs first: documents/s over %s's in this run"
                        + " (embedding alone: %s)%n",
                first,
                String.join(
                        ", ",
                        indexing.stream()
                                .map(
                                        i ->
                                                String.format(
                                                        "%s %.2fx",
                                                        i.model(), i.embedRatioToFirst()))
                                .toList()));
        out.println();
        Search s = search;
        out.printf(
                "Search over %,d documents (%,d embedded with %s, %,d copies with perturbed"
                        + " vectors), %,d questions after %,d warm-up, top %d%n",
                s.documents(),
                s.embedded(),
                s.model(),
                s.perturbed(),
                s.queries(),
                s.warmups(),
                s.limit());
        out.printf(
                "  %-34s %8s %8s %8s %8s %8s %10s %8s%n",
                "", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms", "per second", "of mean");
        row(out, "KnowledgeSearch.search", s.search(), 1.0);
        row(out, "query embedding alone", s.queryEmbedding(), s.embeddingShare());
        row(out, "index search alone (" + s.depth() + " deep)", s.index(), s.indexShare());
        int branch = s.depth() * VectorIndex.PREFETCH_FACTOR;
        row(out, "  dense branch alone (" + branch + " deep)", s.dense(), s.denseShare());
        row(out, "  sparse branch alone (" + branch + " deep)", s.sparse(), s.sparseShare());
        out.printf(
                "  index: log %,.1f MiB on disk, about %,.0f MiB of heap; assembled in %.1f s;"
                        + " %.1f results per search%n",
                s.logBytes() / MIB, s.heapBytes() / MIB, s.assembleSeconds(), s.meanResults());
        out.printf("  machine: %s%n", machine.describe());
    }

    private static void row(PrintStream out, String name, Latency l, double share) {
        out.printf(
                "  %-34s %8.2f %8.2f %8.2f %8.2f %8.2f %,10.1f %7.1f%%%n",
                name,
                l.millis().p50(),
                l.millis().p90(),
                l.millis().p99(),
                l.millis().max(),
                l.meanMillis(),
                l.perSecond(),
                100 * share);
    }
}
