package io.dataspoke.bench;

import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.SearchDocument;
import io.dataspoke.knowledge.SearchDocuments;
import io.dataspoke.knowledge.SparseVector;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.index.IndexedDocument;
import io.dataspoke.knowledge.index.LocalVectorIndex;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.index.VectorIndex;
import io.dataspoke.knowledge.search.KnowledgeSearch;
import io.dataspoke.knowledge.search.SearchResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * {@code dataspoke bench knowledge}: search documents built, embedded and indexed per second on the
 * local store, with each model the jar ships, and the latency of a search over an index of 100,000
 * documents.
 *
 * <p><b>Indexing.</b> {@code pool} seeded warehouse tables ({@link WarehouseTables}) go through
 * what the knowledge-sync job does to a document, on one thread, in batches of {@value #BATCH}:
 * {@link SearchDocuments#build} (and the content hash), {@link TextEmbedder#documents}, {@link
 * LexicalEncoder#document}, and {@link LocalVectorIndex#upsert} into an index opened on a
 * directory, so every batch is appended to the log and forced to disk. These are the steps of
 * {@code DocumentEncoder.encode}, taken apart so that each one's share of the time can be clocked.
 * The first {@value #WARMUP_DOCUMENTS} documents go through once beforehand into a throwaway index,
 * not counted, so the JIT and the ONNX session are warm; loading the model is reported apart. ONNX
 * Runtime may run one embedding call on both cores.
 *
 * <p><b>Search.</b> Embedding 100,000 documents takes about half an hour on two cores, so the index
 * is assembled: the pool's documents with the first model's real vectors, and {@code documents −
 * pool} copies of them ({@link WarehouseTables#variant}: another region or version, columns dropped
 * or added, the description sometimes lost). A copy's lexical vector is encoded from its own text;
 * its dense vector is its base table's plus Gaussian noise of standard deviation {@value
 * #PERTURBATION}/√dimension per component, re-normalised (a cosine of about 0.97 to its base, as a
 * regional copy's would be). Then {@code warmups} questions (not counted) and {@code queries}
 * others, generated from the same vocabulary, go through {@link KnowledgeSearch#search} with no
 * filter and a limit of {@value #LIMIT}; each question is also embedded alone ({@link
 * TextEmbedder#query}, timed) and its vectors put to {@link LocalVectorIndex#search} alone, as deep
 * as {@code KnowledgeSearch} asks it ({@value #CANDIDATES} candidates per result), so the three are
 * measured on the same questions, interleaved, in the same run.
 */
public final class KnowledgeBench {

    /** Documents embedded per call, as {@code RetrievalEvaluation} and the sync job batch them. */
    public static final int BATCH = 32;

    /** Documents indexed once before the counted run, per model. */
    public static final int WARMUP_DOCUMENTS = 2 * BATCH;

    /** Results per search, the CLI's default. */
    public static final int LIMIT = 10;

    /** What {@code KnowledgeSearch} asks the index for per result, so quality can re-rank. */
    static final int CANDIDATES = 3;

    /** Norm of the noise added to a copy's dense vector before it is re-normalised. */
    public static final double PERTURBATION = 0.25;

    /** Points per upsert while the search index is assembled. */
    static final int WRITE_BATCH = 1_000;

    /**
     * How to run the bench.
     *
     * @param pool tables built, embedded and indexed for real, with each model
     * @param documents points in the index searched: the pool and perturbed copies of it
     * @param queries questions timed
     * @param warmups questions asked first, not counted
     * @param seed seed of the tables, the questions and the perturbations
     * @param workDir where the indexes are written; null for a temporary directory, deleted after
     * @param models the models to index with; the first one also serves the search
     */
    public record Options(
            int pool,
            int documents,
            int queries,
            int warmups,
            long seed,
            Path workDir,
            List<EmbeddingModel> models) {
        public Options {
            if (pool < 1) {
                throw new IllegalArgumentException("pool must be at least 1, was " + pool);
            }
            if (documents < pool) {
                throw new IllegalArgumentException(
                        "documents (" + documents + ") must be at least the pool (" + pool + ")");
            }
            if (queries < 1 || warmups < 0) {
                throw new IllegalArgumentException(
                        "queries must be at least 1 and warmups not negative");
            }
            models = List.copyOf(models);
            if (models.isEmpty()) {
                throw new IllegalArgumentException("at least one model");
            }
        }

        /** 2,000 tables, 100,000 documents, 300 questions after 30, seed 42, both models. */
        public static Options defaults() {
            return new Options(2_000, 100_000, 300, 30, 42, null, List.of(EmbeddingModel.values()));
        }

        /** The same with another pool, index size, count of questions and seed. */
        public Options with(int pool, int documents, int queries, int warmups, long seed) {
            return new Options(pool, documents, queries, warmups, seed, workDir, models);
        }

        /** The same written under {@code dir} (kept after the run), or a temporary directory. */
        public Options in(Path dir) {
            return new Options(pool, documents, queries, warmups, seed, dir, models);
        }
    }

    /** Where the compiler cannot see the results go. */
    private static volatile long blackhole;

    private KnowledgeBench() {}

    /** Runs the bench; {@code out} gets a line per step as it ends. */
    public static KnowledgeBenchResult run(Options options, PrintStream out) throws IOException {
        Path dir =
                options.workDir() != null
                        ? Files.createDirectories(options.workDir())
                        : Files.createTempDirectory("dataspoke-bench-knowledge-");
        try {
            return run(options, dir, out);
        } finally {
            if (options.workDir() == null) {
                deleteTree(dir);
            }
        }
    }

    private static KnowledgeBenchResult run(Options options, Path dir, PrintStream out)
            throws IOException {
        WarehouseTables tables = new WarehouseTables(options.seed());
        List<SearchDocuments.Source> sources = new ArrayList<>(options.pool());
        for (int i = 0; i < options.pool(); i++) {
            sources.add(tables.table(i));
        }
        out.printf("Generated %,d warehouse tables (seed %d)%n", sources.size(), options.seed());

        List<KnowledgeBenchResult.Indexing> indexing = new ArrayList<>();
        TextEmbedder searchEmbedder = null;
        List<IndexedDocument> pooled = null;
        for (EmbeddingModel model : options.models()) {
            long loadStart = System.nanoTime();
            TextEmbedder embedder = new TextEmbedder(model);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            List<IndexedDocument> indexed = new ArrayList<>(sources.size());
            KnowledgeBenchResult.Indexing run =
                    index(embedder, sources, dir, loadSeconds, indexed, indexing, out);
            indexing.add(run);
            if (searchEmbedder == null) {
                searchEmbedder = embedder;
                pooled = indexed;
            }
        }
        KnowledgeBenchResult.Search search =
                search(options, tables, sources, pooled, searchEmbedder, dir, out);
        return new KnowledgeBenchResult(
                options.seed(),
                options.pool(),
                BATCH,
                WARMUP_DOCUMENTS,
                indexing,
                search,
                Machine.current());
    }

    /** One model's end-to-end indexing of the pool into a fresh persisted index. */
    private static KnowledgeBenchResult.Indexing index(
            TextEmbedder embedder,
            List<SearchDocuments.Source> sources,
            Path dir,
            double loadSeconds,
            List<IndexedDocument> indexed,
            List<KnowledgeBenchResult.Indexing> before,
            PrintStream out)
            throws IOException {
        EmbeddingModel model = embedder.model();
        LexicalEncoder lexical = new LexicalEncoder();
        try (LocalVectorIndex warm = LocalVectorIndex.open(dir.resolve(model.id() + "-warmup"))) {
            warm.create(model.dimension());
            List<SearchDocuments.Source> head =
                    sources.subList(0, Math.min(WARMUP_DOCUMENTS, sources.size()));
            for (int from = 0; from < head.size(); from += BATCH) {
                pipeline(
                        head.subList(from, Math.min(from + BATCH, head.size())),
                        embedder,
                        lexical,
                        warm,
                        new Phases());
            }
        }
        out.printf(
                "%s: model loaded in %.1f s; warm-up (%d documents, not counted) done%n",
                model.id(), loadSeconds, Math.min(WARMUP_DOCUMENTS, sources.size()));

        Path indexDir = dir.resolve(model.id());
        Phases phases = new Phases();
        long start = System.nanoTime();
        try (LocalVectorIndex index = LocalVectorIndex.open(indexDir)) {
            index.create(model.dimension());
            for (int from = 0; from < sources.size(); from += BATCH) {
                indexed.addAll(
                        pipeline(
                                sources.subList(from, Math.min(from + BATCH, sources.size())),
                                embedder,
                                lexical,
                                index,
                                phases));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long logBytes = Files.size(indexDir.resolve("points.log"));
        int n = sources.size();
        double rate = n / seconds;
        double embedRate = n / phases.embed;
        KnowledgeBenchResult.Indexing first = before.isEmpty() ? null : before.get(0);
        out.printf(
                "%s: %,d documents in %.1f s, %,.1f documents/s (embedding alone %,.1f/s)%n",
                model.id(), n, seconds, rate, embedRate);
        return new KnowledgeBenchResult.Indexing(
                model.id(),
                n,
                loadSeconds,
                seconds,
                rate,
                embedRate,
                phases.build,
                phases.embed,
                phases.lexical,
                phases.write,
                phases.build / seconds,
                phases.embed / seconds,
                phases.lexical / seconds,
                phases.write / seconds,
                logBytes,
                first == null ? 1.0 : rate / first.documentsPerSecond(),
                first == null ? 1.0 : embedRate / first.embeddedPerSecond());
    }

    /** Seconds spent in each step of indexing, summed over the batches. */
    private static final class Phases {
        double build;
        double embed;
        double lexical;
        double write;
    }

    /** One batch through build, embed, lexical encoding and the index write, each clocked. */
    private static List<IndexedDocument> pipeline(
            List<SearchDocuments.Source> batch,
            TextEmbedder embedder,
            LexicalEncoder lexical,
            LocalVectorIndex index,
            Phases phases)
            throws IOException {
        long t0 = System.nanoTime();
        List<SearchDocument> documents = new ArrayList<>(batch.size());
        List<String> texts = new ArrayList<>(batch.size());
        String[] hashes = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            SearchDocument d = SearchDocuments.build(batch.get(i));
            documents.add(d);
            texts.add(d.text());
            hashes[i] = d.contentHash();
        }
        long t1 = System.nanoTime();
        float[][] dense = embedder.documents(texts);
        long t2 = System.nanoTime();
        SparseVector[] sparse = new SparseVector[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            sparse[i] = lexical.document(documents.get(i).fields());
        }
        long t3 = System.nanoTime();
        List<IndexedDocument> points = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SearchDocument d = documents.get(i);
            points.add(new IndexedDocument(d.id(), dense[i], sparse[i], d.payload(), hashes[i]));
        }
        index.upsert(points);
        long t4 = System.nanoTime();
        phases.build += (t1 - t0) / 1e9;
        phases.embed += (t2 - t1) / 1e9;
        phases.lexical += (t3 - t2) / 1e9;
        phases.write += (t4 - t3) / 1e9;
        return points;
    }

    /** Assembles the index of {@code documents} points and times the questions against it. */
    private static KnowledgeBenchResult.Search search(
            Options options,
            WarehouseTables tables,
            List<SearchDocuments.Source> sources,
            List<IndexedDocument> pooled,
            TextEmbedder embedder,
            Path dir,
            PrintStream out)
            throws IOException {
        LexicalEncoder lexical = new LexicalEncoder();
        int pool = sources.size();
        Path indexDir = dir.resolve("search");
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        try (LocalVectorIndex index = LocalVectorIndex.open(indexDir)) {
            index.create(embedder.model().dimension());
            for (int from = 0; from < pool; from += WRITE_BATCH) {
                index.upsert(pooled.subList(from, Math.min(from + WRITE_BATCH, pool)));
            }
            List<IndexedDocument> chunk = new ArrayList<>(WRITE_BATCH);
            for (int j = pool; j < options.documents(); j++) {
                int base = j % pool;
                SearchDocument d =
                        SearchDocuments.build(
                                WarehouseTables.variant(
                                        sources.get(base), j / pool, options.seed()));
                chunk.add(
                        new IndexedDocument(
                                d.id(),
                                perturb(pooled.get(base).dense(), options.seed(), j),
                                lexical.document(d.fields()),
                                d.payload(),
                                d.contentHash()));
                if (chunk.size() == WRITE_BATCH) {
                    index.upsert(chunk);
                    chunk.clear();
                }
                if ((j + 1) % 20_000 == 0) {
                    out.printf("Search index: %,d documents%n", j + 1);
                }
            }
            index.upsert(chunk);
            chunk.clear();
            double assembleSeconds = (System.nanoTime() - start) / 1e9;
            long heapBytes = usedHeap() - heapBefore;
            long logBytes = Files.size(indexDir.resolve("points.log"));
            long count = index.count();
            if (count != options.documents()) {
                throw new IllegalStateException(
                        "the index holds "
                                + count
                                + " points, not "
                                + options.documents()
                                + ": two documents share an id");
            }
            out.printf(
                    "Search index: %,d documents assembled in %.1f s, log %,.1f MiB%n",
                    count, assembleSeconds, logBytes / (1024.0 * 1024));

            List<String> warm = tables.questions(options.warmups(), 0);
            List<String> questions = tables.questions(options.queries(), 1);
            Questions asked = new Questions(new KnowledgeSearch(embedder, lexical, index));
            for (int i = 0; i < warm.size(); i++) {
                asked.ask(warm.get(i), i, embedder, lexical, index);
            }
            int n = questions.size();
            double[] full = new double[n];
            double[] embed = new double[n];
            double[] alone = new double[n];
            double[] dense = new double[n];
            double[] sparse = new double[n];
            long results = 0;
            for (int i = 0; i < n; i++) {
                results += asked.ask(questions.get(i), i, embedder, lexical, index);
                full[i] = asked.search;
                embed[i] = asked.embed;
                alone[i] = asked.index;
                dense[i] = asked.dense;
                sparse[i] = asked.sparse;
            }
            out.printf("Searched %,d questions after %,d warm-up (not counted)%n", n, warm.size());
            int depth = LIMIT * CANDIDATES;

            KnowledgeBenchResult.Latency searchLatency = latency(full);
            KnowledgeBenchResult.Latency embedLatency = latency(embed);
            KnowledgeBenchResult.Latency indexLatency = latency(alone);
            KnowledgeBenchResult.Latency denseLatency = latency(dense);
            KnowledgeBenchResult.Latency sparseLatency = latency(sparse);
            return new KnowledgeBenchResult.Search(
                    embedder.model().id(),
                    options.documents(),
                    pool,
                    options.documents() - pool,
                    PERTURBATION,
                    assembleSeconds,
                    logBytes,
                    heapBytes,
                    LIMIT,
                    depth,
                    warm.size(),
                    questions.size(),
                    (double) results / n,
                    searchLatency,
                    embedLatency,
                    indexLatency,
                    denseLatency,
                    sparseLatency,
                    embedLatency.meanMillis() / searchLatency.meanMillis(),
                    indexLatency.meanMillis() / searchLatency.meanMillis(),
                    denseLatency.meanMillis() / searchLatency.meanMillis(),
                    sparseLatency.meanMillis() / searchLatency.meanMillis());
        }
    }

    /**
     * One question five ways, each timed in milliseconds: the whole search, the query embedding
     * alone, the index alone with the vectors just computed, and each of its two branches alone
     * (the dense scan, the sparse postings). The whole search goes first for even questions and
     * last for odd ones, so neither measurement always finds the caches warmed by the other, and
     * drift on a shared machine touches both alike.
     */
    private static final class Questions {
        private final KnowledgeSearch knowledge;
        double search;
        double embed;
        double index;
        double dense;
        double sparse;

        Questions(KnowledgeSearch knowledge) {
            this.knowledge = knowledge;
        }

        /** Asks {@code question}; returns how many results the whole search gave. */
        int ask(
                String question,
                int i,
                TextEmbedder embedder,
                LexicalEncoder lexical,
                LocalVectorIndex points)
                throws IOException {
            int results = i % 2 == 0 ? whole(question) : 0;
            long t = System.nanoTime();
            float[] dense = embedder.query(question);
            embed = (System.nanoTime() - t) / 1e6;
            SparseVector sparse = lexical.query(question);
            t = System.nanoTime();
            blackhole += points.search(dense, sparse, SearchFilter.NONE, LIMIT * CANDIDATES).size();
            index = (System.nanoTime() - t) / 1e6;
            // Each branch alone, as deep as the hybrid search prefetches it before fusion.
            int branch = LIMIT * CANDIDATES * VectorIndex.PREFETCH_FACTOR;
            t = System.nanoTime();
            blackhole += points.search(dense, null, SearchFilter.NONE, branch).size();
            this.dense = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            blackhole += points.search(null, sparse, SearchFilter.NONE, branch).size();
            this.sparse = (System.nanoTime() - t) / 1e6;
            return i % 2 == 0 ? results : whole(question);
        }

        private int whole(String question) throws IOException {
            long t = System.nanoTime();
            List<SearchResult> results = knowledge.search(question, SearchFilter.NONE, LIMIT);
            search = (System.nanoTime() - t) / 1e6;
            return results.size();
        }
    }

    /** Percentiles and mean; calls per second is what the mean allows, one after another. */
    private static KnowledgeBenchResult.Latency latency(double[] millis) {
        double sum = 0;
        for (double m : millis) {
            sum += m;
        }
        double mean = sum / millis.length;
        return new KnowledgeBenchResult.Latency(Percentiles.of(millis), mean, 1000 / mean);
    }

    /**
     * {@code vector} plus Gaussian noise of norm about {@code PERTURBATION}, re-normalised; seeded
     * by the point's index, so every run builds the same index.
     */
    static float[] perturb(float[] vector, long seed, int point) {
        Random rng = new Random(seed * 2_654_435_761L + point);
        double sigma = PERTURBATION / Math.sqrt(vector.length);
        float[] out = new float[vector.length];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] + sigma * rng.nextGaussian());
            norm += out[i] * out[i];
        }
        float inverse = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < out.length; i++) {
            out[i] *= inverse;
        }
        return out;
    }

    /** Heap in use after a collection: rough, but enough to size an index of this order. */
    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
