package io.dataspoke.sinks.qdrant;

import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.range;

import com.google.common.util.concurrent.ListenableFuture;
import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.SparseVector;
import io.dataspoke.knowledge.index.IndexedDocument;
import io.dataspoke.knowledge.index.RetryableIndexException;
import io.dataspoke.knowledge.index.ScoredPoint;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.index.VectorIndex;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorInputFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.Rrf;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorInput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VectorIndex} on a Qdrant collection, over gRPC with Qdrant's Java client. Each point
 * carries the named dense vector {@link VectorIndex#DENSE} (cosine) and the named sparse vector
 * {@link VectorIndex#SPARSE} (with Qdrant's IDF modifier), and the document's payload under
 * snake_case keys; hybrid search is one {@code Query} call with a prefetch per vector fused by
 * reciprocal rank fusion on the server.
 *
 * <p>Calls block until Qdrant answers (writes with {@code wait=true}); the client is opened in the
 * constructor and closed by {@link #close()}. gRPC's {@code UNAVAILABLE}, {@code
 * DEADLINE_EXCEEDED}, {@code RESOURCE_EXHAUSTED} and {@code ABORTED} become {@link
 * RetryableIndexException}s; any other status is an {@link IOException} naming it.
 */
public final class QdrantVectorIndex implements VectorIndex {

    private static final Logger LOG = LoggerFactory.getLogger(QdrantVectorIndex.class);

    /** Payload fields search filters on, with the index each needs. */
    static final Map<String, PayloadSchemaType> PAYLOAD_INDEXES = payloadIndexes();

    private final QdrantOptions options;
    private final String collection;
    private final QdrantClient client;

    /** Opens a client on {@code options}' collection; nothing is sent before the first call. */
    public QdrantVectorIndex(QdrantOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.collection = options.collection();
        // No version check at build time: it would block on a call before the first request.
        QdrantGrpcClient.Builder grpc =
                QdrantGrpcClient.newBuilder(options.host(), options.port(), options.useTls(), false)
                        .withTimeout(options.timeout());
        if (options.hasApiKey()) {
            grpc.withApiKey(options.apiKey());
        }
        this.client = new QdrantClient(grpc.build());
    }

    @Override
    public void create(int dimension) throws IOException {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        if (!call("check the collection exists", client.collectionExistsAsync(collection))) {
            try {
                call("create the collection", client.createCollectionAsync(definition(dimension)));
                LOG.info(
                        "Created Qdrant collection '{}' with {}-dimensional dense vectors",
                        collection,
                        dimension);
            } catch (RetryableIndexException e) {
                throw e;
            } catch (IOException e) {
                // Another writer may have created it in between; then its dimension decides.
                if (!call(
                        "check the collection exists", client.collectionExistsAsync(collection))) {
                    throw e;
                }
            }
        }
        checkDimension(
                call("read the collection", client.getCollectionInfoAsync(collection)), dimension);
        for (Map.Entry<String, PayloadSchemaType> index : PAYLOAD_INDEXES.entrySet()) {
            // Idempotent in Qdrant: an existing index of the same type is kept.
            call(
                    "index payload field " + index.getKey(),
                    client.createPayloadIndexAsync(
                            collection, index.getKey(), index.getValue(), null, true, null, null));
        }
    }

    @Override
    public void upsert(List<IndexedDocument> documents) throws IOException {
        if (documents.isEmpty()) {
            return;
        }
        List<PointStruct> points = new ArrayList<>(documents.size());
        for (IndexedDocument document : documents) {
            points.add(
                    PointStruct.newBuilder()
                            .setId(pointId(document.id()))
                            .setVectors(
                                    VectorsFactory.namedVectors(
                                            Map.of(
                                                    DENSE,
                                                    VectorFactory.vector(document.dense()),
                                                    SPARSE,
                                                    sparse(document.sparse()))))
                            .putAllPayload(
                                    QdrantPayloads.of(document.payload(), document.contentHash()))
                            .build());
        }
        call(
                "upsert " + points.size() + " points",
                client.upsertAsync(
                        UpsertPoints.newBuilder()
                                .setCollectionName(collection)
                                .setWait(true)
                                .addAllPoints(points)
                                .build()));
    }

    /**
     * Merges the document's keys into the point's payload: the content hash, which is not among
     * them, stays. The point is selected by a filter on its id, so an absent point matches nothing
     * and is not created.
     */
    @Override
    public void setPayload(String id, DocumentPayload payload) throws IOException {
        Filter onlyThisPoint = Filter.newBuilder().addMust(hasId(pointId(id))).build();
        call(
                "set the payload of point " + id,
                client.setPayloadAsync(
                        SetPayloadPoints.newBuilder()
                                .setCollectionName(collection)
                                .setWait(true)
                                .putAllPayload(QdrantPayloads.of(payload))
                                .setPointsSelector(
                                        PointsSelector.newBuilder().setFilter(onlyThisPoint))
                                .build(),
                        null));
    }

    @Override
    public void delete(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        PointsIdsList.Builder list = PointsIdsList.newBuilder();
        ids.forEach(id -> list.addIds(pointId(id)));
        call(
                "delete " + ids.size() + " points",
                client.deleteAsync(
                        DeletePoints.newBuilder()
                                .setCollectionName(collection)
                                .setWait(true)
                                .setPoints(PointsSelector.newBuilder().setPoints(list))
                                .build()));
    }

    @Override
    public Optional<DocumentPayload> payload(String id) throws IOException {
        List<RetrievedPoint> points =
                call(
                        "read point " + id,
                        client.retrieveAsync(
                                GetPoints.newBuilder()
                                        .setCollectionName(collection)
                                        .addIds(pointId(id))
                                        .setWithPayload(WithPayloadSelectorFactory.enable(true))
                                        .build(),
                                null));
        return points.stream()
                .findFirst()
                .map(point -> QdrantPayloads.toDocument(point.getPayloadMap()));
    }

    @Override
    public List<ScoredPoint> search(
            float[] dense, SparseVector sparse, SearchFilter filter, int limit) throws IOException {
        Objects.requireNonNull(filter, "filter");
        if (dense == null && sparse == null) {
            throw new IllegalArgumentException("a search needs a dense or a sparse vector");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Filter conditions = filter(filter);
        QueryPoints.Builder query =
                QueryPoints.newBuilder()
                        .setCollectionName(collection)
                        .setLimit(limit)
                        .setWithPayload(WithPayloadSelectorFactory.enable(true));
        if (dense != null && sparse != null) {
            long depth = (long) limit * PREFETCH_FACTOR;
            query.addPrefetch(prefetch(DENSE, nearest(dense), conditions, depth))
                    .addPrefetch(prefetch(SPARSE, nearest(sparse), conditions, depth))
                    .setQuery(QueryFactory.rrf(Rrf.newBuilder().setK(RRF_K).build()));
        } else {
            query.setQuery(dense != null ? nearest(dense) : nearest(sparse))
                    .setUsing(dense != null ? DENSE : SPARSE)
                    .setFilter(conditions);
        }
        List<io.qdrant.client.grpc.Points.ScoredPoint> hits =
                call("search", client.queryAsync(query.build()));
        List<ScoredPoint> results = new ArrayList<>(hits.size());
        for (io.qdrant.client.grpc.Points.ScoredPoint hit : hits) {
            results.add(
                    new ScoredPoint(
                            hit.getId().getUuid(),
                            hit.getScore(),
                            QdrantPayloads.toDocument(hit.getPayloadMap())));
        }
        return results;
    }

    @Override
    public long count() throws IOException {
        return call("count points", client.countAsync(collection, null, true));
    }

    @Override
    public void close() {
        client.close();
    }

    /** The options without the API key. */
    @Override
    public String toString() {
        return "QdrantVectorIndex[" + options + "]";
    }

    /** The Qdrant filter of {@code filter}: conditions on the indexed payload fields. */
    static Filter filter(SearchFilter filter) {
        Filter.Builder conditions = Filter.newBuilder();
        if (filter.platform() != null) {
            conditions.addMust(matchKeyword(QdrantPayloads.PLATFORM, filter.platform()));
        }
        if (filter.domain() != null) {
            conditions.addMust(matchKeyword(QdrantPayloads.DOMAIN, filter.domain()));
        }
        if (filter.team() != null) {
            // A keyword match on an array matches when any element is equal.
            conditions.addMust(matchKeyword(QdrantPayloads.TEAMS, filter.team()));
        }
        if (filter.tag() != null) {
            conditions.addMust(matchKeyword(QdrantPayloads.TAGS, filter.tag()));
        }
        if (filter.minHealth() != null) {
            // A null health score matches no range: unaudited documents are left out.
            conditions.addMust(
                    range(
                            QdrantPayloads.HEALTH_SCORE,
                            Range.newBuilder().setGte(filter.minHealth()).build()));
        }
        if (!filter.includeDeprecated()) {
            conditions.addMustNot(match(QdrantPayloads.DEPRECATED, true));
        }
        return conditions.build();
    }

    private CreateCollection definition(int dimension) {
        return CreateCollection.newBuilder()
                .setCollectionName(collection)
                .setVectorsConfig(
                        VectorsConfig.newBuilder()
                                .setParamsMap(
                                        VectorParamsMap.newBuilder()
                                                .putMap(
                                                        DENSE,
                                                        VectorParams.newBuilder()
                                                                .setSize(dimension)
                                                                .setDistance(Distance.Cosine)
                                                                .build())))
                .setSparseVectorsConfig(
                        SparseVectorConfig.newBuilder()
                                .putMap(
                                        SPARSE,
                                        SparseVectorParams.newBuilder()
                                                .setModifier(Modifier.Idf)
                                                .build()))
                .build();
    }

    private void checkDimension(CollectionInfo info, int dimension) throws IOException {
        VectorsConfig vectors = info.getConfig().getParams().getVectorsConfig();
        VectorParams dense = vectors.getParamsMap().getMapMap().get(DENSE);
        if (dense == null) {
            throw new IOException(
                    "Qdrant collection '"
                            + collection
                            + "' has no dense vector named '"
                            + DENSE
                            + "'; it was not created by DataSpoke");
        }
        if (dense.getSize() != dimension) {
            throw new IOException(
                    "Qdrant collection '"
                            + collection
                            + "' holds "
                            + dense.getSize()
                            + "-dimensional dense vectors but the embedding model gives "
                            + dimension
                            + "; its vectors came from another model: drop the collection or"
                            + " use another one");
        }
        if (!info.getConfig().getParams().getSparseVectorsConfig().containsMap(SPARSE)) {
            throw new IOException(
                    "Qdrant collection '"
                            + collection
                            + "' has no sparse vector named '"
                            + SPARSE
                            + "'; it was not created by DataSpoke");
        }
    }

    private static PrefetchQuery prefetch(String using, Query query, Filter filter, long limit) {
        return PrefetchQuery.newBuilder()
                .setQuery(query)
                .setUsing(using)
                .setFilter(filter)
                .setLimit(limit)
                .build();
    }

    private static Query nearest(float[] dense) {
        return QueryFactory.nearest(dense);
    }

    private static Query nearest(SparseVector sparse) {
        VectorInput input = VectorInputFactory.vectorInput(values(sparse), indices(sparse));
        return QueryFactory.nearest(input);
    }

    private static Vector sparse(SparseVector sparse) {
        return VectorFactory.vector(values(sparse), indices(sparse));
    }

    private static List<Float> values(SparseVector sparse) {
        List<Float> values = new ArrayList<>(sparse.size());
        for (float v : sparse.values()) {
            values.add(v);
        }
        return values;
    }

    private static List<Integer> indices(SparseVector sparse) {
        List<Integer> indices = new ArrayList<>(sparse.size());
        for (int i : sparse.indices()) {
            indices.add(i);
        }
        return indices;
    }

    private static PointId pointId(String id) {
        return PointId.newBuilder().setUuid(id).build();
    }

    /** Waits for a call and turns its failure into the exception the interface promises. */
    private <T> T call(String what, ListenableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted =
                    new InterruptedIOException("interrupted while waiting for Qdrant to " + what);
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            throw failure(what, e.getCause() == null ? e : e.getCause());
        }
    }

    private IOException failure(String what, Throwable error) {
        Status status = Status.fromThrowable(error);
        String message =
                String.format(
                        "Qdrant at %s:%d could not %s in collection '%s': %s%s",
                        options.host(),
                        options.port(),
                        what,
                        collection,
                        status.getCode(),
                        status.getDescription() == null ? "" : " " + status.getDescription());
        return isRetryable(status.getCode())
                ? new RetryableIndexException(message, error)
                : new IOException(message, error);
    }

    /** Statuses that say Qdrant is away, busy or slow, not that the request is wrong. */
    static boolean isRetryable(Status.Code code) {
        return switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED -> true;
            default -> false;
        };
    }

    private static Map<String, PayloadSchemaType> payloadIndexes() {
        Map<String, PayloadSchemaType> indexes = new LinkedHashMap<>();
        indexes.put(QdrantPayloads.PLATFORM, PayloadSchemaType.Keyword);
        indexes.put(QdrantPayloads.DOMAIN, PayloadSchemaType.Keyword);
        indexes.put(QdrantPayloads.TEAMS, PayloadSchemaType.Keyword);
        indexes.put(QdrantPayloads.TAGS, PayloadSchemaType.Keyword);
        indexes.put(QdrantPayloads.HEALTH_SCORE, PayloadSchemaType.Float);
        indexes.put(QdrantPayloads.DEPRECATED, PayloadSchemaType.Bool);
        return java.util.Collections.unmodifiableMap(indexes);
    }
}
