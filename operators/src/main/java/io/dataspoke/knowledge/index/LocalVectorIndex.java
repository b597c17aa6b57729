package io.dataspoke.knowledge.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.SparseVector;
import io.dataspoke.knowledge.TextEmbedder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.zip.CRC32;

/**
 * The embedded vector index: what the demo and users without Qdrant search, with Qdrant's semantics
 * (cosine dense search, IDF-weighted sparse search, reciprocal rank fusion, payload filters) held
 * in memory and, when opened on a directory, persisted as an append-only log of changes.
 *
 * <p>One process writes ({@link #open}), any number read ({@link #reader}): a reader catches up
 * with what the writer appended before each call, and starts over when the writer compacted the
 * log. Each log record carries a CRC, so a record torn by a crash is dropped, not misread.
 */
public final class LocalVectorIndex implements VectorIndex {

    static final String LOG = "points.log";
    private static final String LOCK = "write.lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final byte CREATE = 1;
    private static final byte UPSERT = 2;
    private static final byte PAYLOAD = 3;
    private static final byte DELETE = 4;

    /** Compact on opening when the log holds this many times more records than live points. */
    private static final int COMPACT_FACTOR = 3;

    private record Point(
            float[] dense, SparseVector sparse, DocumentPayload payload, String hash) {}

    private final Path dir;
    private final boolean writer;
    private final Map<String, Point> points = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Float>> postings = new HashMap<>();
    private int dimension;
    private long records;

    private FileChannel log;
    private FileLock lock;
    private FileChannel lockChannel;
    private long readOffset;
    private Object logFileKey;

    private LocalVectorIndex(Path dir, boolean writer) {
        this.dir = dir;
        this.writer = writer;
    }

    /** An index that lives in memory only. */
    public static LocalVectorIndex inMemory() {
        return new LocalVectorIndex(null, true);
    }

    /**
     * The index persisted in {@code dir} (created when absent), opened for writing by this process
     * alone: a second writer is refused.
     */
    public static LocalVectorIndex open(Path dir) throws IOException {
        Files.createDirectories(dir);
        LocalVectorIndex index = new LocalVectorIndex(dir, true);
        index.lockChannel =
                FileChannel.open(
                        dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            index.lock = index.lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            index.lock = null;
        }
        if (index.lock == null) {
            index.lockChannel.close();
            throw new IOException(
                    "the local index in " + dir + " is open for writing by another process");
        }
        index.catchUp();
        if (index.records > COMPACT_FACTOR * (index.points.size() + 100L)) {
            index.compact();
        }
        index.log =
                FileChannel.open(
                        dir.resolve(LOG), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        index.log.position(index.readOffset);
        index.log.truncate(index.readOffset);
        return index;
    }

    /** The index persisted in {@code dir}, read-only, following what its writer appends. */
    public static LocalVectorIndex reader(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no local index in " + dir + " (the directory does not exist)");
        }
        LocalVectorIndex index = new LocalVectorIndex(dir, false);
        index.catchUp();
        return index;
    }

    @Override
    public synchronized void create(int dimension) throws IOException {
        catchUp();
        if (this.dimension == dimension) {
            return;
        }
        if (this.dimension != 0) {
            throw new IOException(
                    "the local index holds vectors of "
                            + this.dimension
                            + " dimensions, not "
                            + dimension
                            + ": it was built with another embedding model; index into a new"
                            + " directory");
        }
        append(CREATE, out -> out.writeInt(dimension));
        this.dimension = dimension;
    }

    @Override
    public synchronized void upsert(List<IndexedDocument> documents) throws IOException {
        requireWriter();
        catchUp();
        for (IndexedDocument d : documents) {
            if (dimension != 0 && d.dense().length != dimension) {
                throw new IOException(
                        "point "
                                + d.id()
                                + " has "
                                + d.dense().length
                                + " dimensions; the index has "
                                + dimension);
            }
        }
        for (IndexedDocument d : documents) {
            append(UPSERT, out -> writeUpsert(out, d));
            put(d.id(), new Point(d.dense(), d.sparse(), d.payload(), d.contentHash()));
        }
        sync();
    }

    @Override
    public synchronized void setPayload(String id, DocumentPayload payload) throws IOException {
        requireWriter();
        catchUp();
        Point point = points.get(id);
        if (point == null) {
            return;
        }
        byte[] json = JSON.writeValueAsBytes(payload);
        append(
                PAYLOAD,
                out -> {
                    out.writeUTF(id);
                    out.writeInt(json.length);
                    out.write(json);
                });
        points.put(id, new Point(point.dense(), point.sparse(), payload, point.hash()));
        sync();
    }

    @Override
    public synchronized void delete(Collection<String> ids) throws IOException {
        requireWriter();
        catchUp();
        for (String id : ids) {
            if (points.containsKey(id)) {
                append(DELETE, out -> out.writeUTF(id));
                remove(id);
            }
        }
        sync();
    }

    @Override
    public synchronized Optional<DocumentPayload> payload(String id) throws IOException {
        catchUp();
        Point point = points.get(id);
        return point == null ? Optional.empty() : Optional.of(point.payload());
    }

    /** The content hash of point {@code id}, empty when absent. */
    public synchronized Optional<String> contentHash(String id) throws IOException {
        catchUp();
        Point point = points.get(id);
        return point == null ? Optional.empty() : Optional.of(point.hash());
    }

    @Override
    public synchronized long count() throws IOException {
        catchUp();
        return points.size();
    }

    @Override
    public synchronized List<ScoredPoint> search(
            float[] dense, SparseVector sparse, SearchFilter filter, int limit) throws IOException {
        catchUp();
        if (limit <= 0) {
            return List.of();
        }
        boolean hasDense = dense != null;
        boolean hasSparse = sparse != null && !sparse.isEmpty();
        if (hasDense && hasSparse) {
            int depth = limit * PREFETCH_FACTOR;
            return fuse(
                    List.of(
                            denseRanking(dense, filter, depth),
                            sparseRanking(sparse, filter, depth)),
                    limit);
        }
        if (hasDense) {
            return denseRanking(dense, filter, limit);
        }
        if (hasSparse) {
            return sparseRanking(sparse, filter, limit);
        }
        return List.of();
    }

    /** Cosine similarity against every point that passes the filter (vectors are unit length). */
    private List<ScoredPoint> denseRanking(float[] query, SearchFilter filter, int depth) {
        float[] q = TextEmbedder.unit(query);
        TopK top = new TopK(depth);
        boolean everyPoint = filter.equals(SearchFilter.NONE);
        for (Map.Entry<String, Point> e : points.entrySet()) {
            Point p = e.getValue();
            if (everyPoint || filter.matches(p.payload())) {
                top.offer(e.getKey(), dot(q, p.dense()), p.payload());
            }
        }
        return top.ranked();
    }

    /** Σ idf(t)·q(t)·d(t) over the query's terms, idf as Qdrant computes it. */
    private List<ScoredPoint> sparseRanking(SparseVector query, SearchFilter filter, int depth) {
        // One mutable cell per point, not a boxed Double per posting.
        Map<String, double[]> scores = new HashMap<>();
        int n = points.size();
        for (int i = 0; i < query.size(); i++) {
            Map<String, Float> posting = postings.get(query.indices()[i]);
            if (posting == null) {
                continue;
            }
            double idf = idf(n, posting.size());
            double q = query.values()[i];
            for (Map.Entry<String, Float> e : posting.entrySet()) {
                scores.computeIfAbsent(e.getKey(), id -> new double[1])[0] +=
                        idf * q * e.getValue();
            }
        }
        TopK top = new TopK(depth);
        boolean everyPoint = filter.equals(SearchFilter.NONE);
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            Point p = points.get(e.getKey());
            if (everyPoint || filter.matches(p.payload())) {
                top.offer(e.getKey(), e.getValue()[0], p.payload());
            }
        }
        return top.ranked();
    }

    /** BM25's inverse document frequency, as Qdrant's {@code Modifier.Idf} computes it. */
    static double idf(int documents, int withTerm) {
        return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));
    }

    /** Reciprocal rank fusion: each ranking adds 1/(k + rank) to a point, rank from 1. */
    static List<ScoredPoint> fuse(List<List<ScoredPoint>> rankings, int limit) {
        Map<String, Double> fused = new HashMap<>();
        Map<String, DocumentPayload> payloads = new HashMap<>();
        for (List<ScoredPoint> ranking : rankings) {
            for (int r = 0; r < ranking.size(); r++) {
                ScoredPoint p = ranking.get(r);
                fused.merge(p.id(), 1.0 / (RRF_K + r + 1), Double::sum);
                payloads.putIfAbsent(p.id(), p.payload());
            }
        }
        TopK top = new TopK(limit);
        for (Map.Entry<String, Double> e : fused.entrySet()) {
            top.offer(e.getKey(), e.getValue(), payloads.get(e.getKey()));
        }
        return top.ranked();
    }

    @Override
    public synchronized void close() throws IOException {
        if (log != null) {
            log.force(true);
            log.close();
            log = null;
        }
        if (lock != null) {
            lock.release();
            lockChannel.close();
            lock = null;
        }
    }

    private void put(String id, Point point) {
        remove(id);
        points.put(id, point);
        SparseVector sparse = point.sparse();
        for (int i = 0; i < sparse.size(); i++) {
            postings.computeIfAbsent(sparse.indices()[i], t -> new HashMap<>())
                    .put(id, sparse.values()[i]);
        }
    }

    private void remove(String id) {
        Point old = points.remove(id);
        if (old == null) {
            return;
        }
        SparseVector sparse = old.sparse();
        for (int i = 0; i < sparse.size(); i++) {
            Map<String, Float> posting = postings.get(sparse.indices()[i]);
            if (posting != null) {
                posting.remove(id);
                if (posting.isEmpty()) {
                    postings.remove(sparse.indices()[i]);
                }
            }
        }
    }

    private interface RecordWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Appends one record: length, CRC of the body, body (kind byte first). */
    private void append(byte kind, RecordWriter body) throws IOException {
        records++;
        if (dir == null) {
            return;
        }
        requireWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(kind);
        body.write(out);
        out.flush();
        byte[] record = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(record);
        ByteBuffer buffer = ByteBuffer.allocate(12 + record.length);
        buffer.putInt(record.length).putLong(crc.getValue()).put(record).flip();
        while (buffer.hasRemaining()) {
            log.write(buffer);
        }
        readOffset = log.position();
    }

    private void requireWriter() throws IOException {
        if (!writer) {
            throw new IOException("the local index in " + dir + " is open read-only");
        }
    }

    private void sync() throws IOException {
        if (log != null) {
            log.force(false);
        }
    }

    /**
     * Applies the records appended to the log since the last call; starts over after compaction.
     */
    private void catchUp() throws IOException {
        if (dir == null || (writer && log != null)) {
            return;
        }
        Path file = dir.resolve(LOG);
        if (!Files.exists(file)) {
            return;
        }
        Object key =
                Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
                        .fileKey();
        long size = Files.size(file);
        if ((logFileKey != null && !logFileKey.equals(key)) || size < readOffset) {
            points.clear();
            postings.clear();
            dimension = 0;
            records = 0;
            readOffset = 0;
        }
        logFileKey = key;
        if (size == readOffset) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(readOffset);
            DataInputStream in =
                    new DataInputStream(
                            new java.io.BufferedInputStream(
                                    java.nio.channels.Channels.newInputStream(channel), 1 << 16));
            long offset = readOffset;
            while (true) {
                byte[] record;
                long crc;
                try {
                    int length = in.readInt();
                    crc = in.readLong();
                    if (length < 1 || offset + 12 + length > size) {
                        break;
                    }
                    record = new byte[length];
                    in.readFully(record);
                } catch (EOFException torn) {
                    break;
                }
                CRC32 check = new CRC32();
                check.update(record);
                if (check.getValue() != crc) {
                    break;
                }
                apply(record);
                records++;
                offset += 12 + record.length;
            }
            readOffset = offset;
        }
    }

    private void apply(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(record));
        byte kind = in.readByte();
        switch (kind) {
            case CREATE -> dimension = in.readInt();
            case UPSERT -> {
                String id = in.readUTF();
                String hash = in.readUTF();
                float[] dense = new float[in.readInt()];
                for (int i = 0; i < dense.length; i++) {
                    dense[i] = in.readFloat();
                }
                int n = in.readInt();
                int[] indices = new int[n];
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    indices[i] = in.readInt();
                    values[i] = in.readFloat();
                }
                put(id, new Point(dense, new SparseVector(indices, values), readPayload(in), hash));
            }
            case PAYLOAD -> {
                String id = in.readUTF();
                DocumentPayload payload = readPayload(in);
                Point point = points.get(id);
                if (point != null) {
                    points.put(id, new Point(point.dense(), point.sparse(), payload, point.hash()));
                }
            }
            case DELETE -> remove(in.readUTF());
            default ->
                    throw new IOException(
                            "unknown record kind " + kind + " in " + dir.resolve(LOG));
        }
    }

    private static DocumentPayload readPayload(DataInputStream in) throws IOException {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return JSON.readValue(json, DocumentPayload.class);
    }

    private static void writeUpsert(DataOutputStream out, IndexedDocument d) throws IOException {
        out.writeUTF(d.id());
        out.writeUTF(d.contentHash());
        float[] dense = TextEmbedder.unit(d.dense());
        out.writeInt(dense.length);
        for (float x : dense) {
            out.writeFloat(x);
        }
        SparseVector sparse = d.sparse();
        out.writeInt(sparse.size());
        for (int i = 0; i < sparse.size(); i++) {
            out.writeInt(sparse.indices()[i]);
            out.writeFloat(sparse.values()[i]);
        }
        byte[] json = JSON.writeValueAsBytes(d.payload());
        out.writeInt(json.length);
        out.write(json);
    }

    /** Rewrites the log as one record per live point, and swaps it in atomically. */
    private void compact() throws IOException {
        Path tmp = dir.resolve(LOG + ".compacting");
        try (FileChannel out =
                FileChannel.open(
                        tmp,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            FileChannel previous = log;
            log = out;
            records = 0;
            int dim = dimension;
            append(CREATE, o -> o.writeInt(dim));
            for (Map.Entry<String, Point> e : points.entrySet()) {
                Point p = e.getValue();
                IndexedDocument d =
                        new IndexedDocument(
                                e.getKey(), p.dense(), p.sparse(), p.payload(), p.hash());
                append(UPSERT, o -> writeUpsert(o, d));
            }
            out.force(true);
            log = previous;
        }
        Files.move(
                tmp,
                dir.resolve(LOG),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        readOffset = Files.size(dir.resolve(LOG));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The best {@code k} by score, ties broken by id so results do not depend on map order. */
    private static final class TopK {
        private static final Comparator<ScoredPoint> WORST_FIRST =
                Comparator.comparingDouble(ScoredPoint::score)
                        .thenComparing(ScoredPoint::id, Comparator.reverseOrder());

        private final int k;
        private final PriorityQueue<ScoredPoint> heap;

        TopK(int k) {
            this.k = k;
            this.heap = new PriorityQueue<>(Math.max(1, k), WORST_FIRST);
        }

        void offer(String id, double score, DocumentPayload payload) {
            if (heap.size() == k && score < heap.peek().score()) {
                // Most points of a large index: no allocation for them.
                return;
            }
            ScoredPoint point = new ScoredPoint(id, score, payload);
            if (heap.size() < k) {
                heap.add(point);
            } else if (WORST_FIRST.compare(point, heap.peek()) > 0) {
                heap.poll();
                heap.add(point);
            }
        }

        List<ScoredPoint> ranked() {
            List<ScoredPoint> out = new ArrayList<>(heap);
            out.sort(WORST_FIRST.reversed());
            return out;
        }
    }
}
