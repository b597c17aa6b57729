package io.dataspoke.sinks.qdrant;

import io.dataspoke.knowledge.SparseVector;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An in-process server that speaks Qdrant's real gRPC protocol (the services generated in Qdrant's
 * Java client), so that {@link QdrantVectorIndex} is tested over a real channel with the real
 * client. <b>It is not a real Qdrant</b>: it keeps points in memory, searches by brute force, and
 * implements only the subset of Qdrant's semantics DataSpoke relies on: collections with named
 * dense (cosine) and sparse (optionally IDF-weighted) vectors; create, get, list, exists and delete
 * of collections; field indexes (accepted and listed, not used); upsert, delete, get, set and
 * overwrite payload by ids or by filter; exact count; and {@code Query} as a nearest search on one
 * named vector or as reciprocal rank fusion of prefetches, with filters of must, must_not and
 * should over keyword, boolean and integer matches, numeric ranges and point ids. Anything else is
 * answered {@code UNIMPLEMENTED} rather than approximated.
 *
 * <p>Failures can be injected: {@link #failNext} makes the next calls (of any or of one method)
 * answer a given status, as an outage or a bad request would.
 */
public final class QdrantGrpcServer implements AutoCloseable {

    private final Server server;
    private final Map<String, StoredCollection> collections = new LinkedHashMap<>();
    private final List<InjectedFailure> failures = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private long operations;
    private int injected;

    private QdrantGrpcServer() throws IOException {
        ServerInterceptor interceptor = new FailureInjector();
        this.server =
                ServerBuilder.forPort(0)
                        .addService(ServerInterceptors.intercept(new PointsService(), interceptor))
                        .addService(
                                ServerInterceptors.intercept(new CollectionsService(), interceptor))
                        .addService(ServerInterceptors.intercept(new HealthService(), interceptor))
                        .build()
                        .start();
    }

    /** A server on a free local port, started. */
    public static QdrantGrpcServer start() throws IOException {
        return new QdrantGrpcServer();
    }

    public int port() {
        return server.getPort();
    }

    /** Options for a client of {@code collection} on this server. */
    public QdrantOptions options(String collection) {
        return new QdrantOptions(
                "localhost", port(), false, null, collection, Duration.ofSeconds(5));
    }

    /** The next {@code count} calls answer {@code code}, whatever they ask. */
    public synchronized QdrantGrpcServer failNext(int count, Status.Code code) {
        return failNext(count, code, null);
    }

    /**
     * The next {@code count} calls of {@code method} (the RPC's name, e.g. {@code "Upsert"}; null
     * for any) answer {@code code}.
     */
    public synchronized QdrantGrpcServer failNext(int count, Status.Code code, String method) {
        failures.add(new InjectedFailure(method, code, count));
        return this;
    }

    /** Drops the failures not yet injected. */
    public synchronized void clearFailures() {
        failures.clear();
    }

    /** How many calls got an injected failure. */
    public synchronized int injectedFailures() {
        return injected;
    }

    /** The RPCs received, as service/method ({@code "Points/Upsert"}), failed ones included. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The ids of the points in {@code collection}, in insertion order. */
    public synchronized List<String> ids(String collection) {
        StoredCollection stored = collections.get(collection);
        return stored == null ? List.of() : List.copyOf(stored.points.keySet());
    }

    /** A point as the server stores it, for assertions the index's interface cannot make. */
    public synchronized Optional<StoredPoint> point(String collection, String id) {
        StoredCollection stored = collections.get(collection);
        return stored == null
                ? Optional.empty()
                : Optional.ofNullable(stored.points.get(key(uuid(id))));
    }

    /** The payload fields indexed in {@code collection}, with their types. */
    public synchronized Map<String, PayloadSchemaType> payloadIndexes(String collection) {
        StoredCollection stored = collections.get(collection);
        return stored == null ? Map.of() : Map.copyOf(stored.payloadIndexes);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A stored point: its id, named vectors and payload. */
    public record StoredPoint(
            String id,
            Map<String, float[]> dense,
            Map<String, SparseVector> sparse,
            Map<String, Value> payload) {}

    private record InjectedFailure(String method, Status.Code code, int count) {}

    private static final class StoredCollection {
        final Map<String, VectorParams> dense;
        final Map<String, SparseVectorParams> sparse;
        final Map<String, PayloadSchemaType> payloadIndexes = new LinkedHashMap<>();
        final Map<String, StoredPoint> points = new LinkedHashMap<>();

        StoredCollection(Map<String, VectorParams> dense, Map<String, SparseVectorParams> sparse) {
            this.dense = dense;
            this.sparse = sparse;
        }
    }

    /** Answers a call with an injected failure, if one is pending for it. */
    private final class FailureInjector implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            String service = call.getMethodDescriptor().getServiceName();
            String method = call.getMethodDescriptor().getBareMethodName();
            Status.Code failure;
            synchronized (QdrantGrpcServer.this) {
                calls.add(service.substring(service.lastIndexOf('.') + 1) + "/" + method);
                failure = takeFailure(method);
            }
            if (failure != null) {
                call.close(
                        Status.fromCode(failure).withDescription("injected by QdrantGrpcServer"),
                        new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
        }
    }

    private Status.Code takeFailure(String method) {
        for (int i = 0; i < failures.size(); i++) {
            InjectedFailure failure = failures.get(i);
            if (failure.method() == null || failure.method().equals(method)) {
                if (failure.count() <= 1) {
                    failures.remove(i);
                } else {
                    failures.set(
                            i,
                            new InjectedFailure(
                                    failure.method(), failure.code(), failure.count() - 1));
                }
                injected++;
                return failure.code();
            }
        }
        return null;
    }

    /** Runs {@code answer} under the server's lock and sends its result or its status. */
    private <T> void respond(StreamObserver<T> observer, Supplier<T> answer) {
        T result;
        try {
            synchronized (this) {
                result = answer.get();
            }
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT
                .withDescription("Wrong input: " + message)
                .asRuntimeException();
    }

    private static StatusRuntimeException unimplemented(String what) {
        return Status.UNIMPLEMENTED
                .withDescription("QdrantGrpcServer does not implement " + what)
                .asRuntimeException();
    }

    private StoredCollection collection(String name) {
        StoredCollection stored = collections.get(name);
        if (stored == null) {
            throw Status.NOT_FOUND
                    .withDescription("Not found: Collection `" + name + "` doesn't exist!")
                    .asRuntimeException();
        }
        return stored;
    }

    private PointsOperationResponse completed() {
        return PointsOperationResponse.newBuilder()
                .setResult(
                        UpdateResult.newBuilder()
                                .setOperationId(++operations)
                                .setStatus(UpdateStatus.Completed))
                .build();
    }

    // ---------------------------------------------------------------- collections

    private final class CollectionsService extends CollectionsGrpc.CollectionsImplBase {

        @Override
        public void create(
                CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
            respond(
                    observer,
                    () -> {
                        String name = request.getCollectionName();
                        if (collections.containsKey(name)) {
                            throw invalid("Collection `" + name + "` already exists!");
                        }
                        VectorsConfig vectors = request.getVectorsConfig();
                        if (vectors.hasParams()) {
                            throw unimplemented("unnamed vectors");
                        }
                        Map<String, VectorParams> dense =
                                new LinkedHashMap<>(vectors.getParamsMap().getMapMap());
                        for (Map.Entry<String, VectorParams> v : dense.entrySet()) {
                            if (v.getValue().getSize() < 1) {
                                throw invalid("vector '" + v.getKey() + "' needs a size");
                            }
                            if (v.getValue().getDistance() != Distance.Cosine) {
                                throw unimplemented("distances other than cosine");
                            }
                        }
                        collections.put(
                                name,
                                new StoredCollection(
                                        dense,
                                        new LinkedHashMap<>(
                                                request.getSparseVectorsConfig().getMapMap())));
                        return CollectionOperationResponse.newBuilder().setResult(true).build();
                    });
        }

        @Override
        public void delete(
                DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
            respond(
                    observer,
                    () ->
                            CollectionOperationResponse.newBuilder()
                                    .setResult(
                                            collections.remove(request.getCollectionName()) != null)
                                    .build());
        }

        @Override
        public void collectionExists(
                CollectionExistsRequest request,
                StreamObserver<CollectionExistsResponse> observer) {
            respond(
                    observer,
                    () ->
                            CollectionExistsResponse.newBuilder()
                                    .setResult(
                                            CollectionExists.newBuilder()
                                                    .setExists(
                                                            collections.containsKey(
                                                                    request.getCollectionName())))
                                    .build());
        }

        @Override
        public void list(
                ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> observer) {
            respond(
                    observer,
                    () -> {
                        ListCollectionsResponse.Builder answer =
                                ListCollectionsResponse.newBuilder();
                        collections
                                .keySet()
                                .forEach(
                                        name ->
                                                answer.addCollections(
                                                        CollectionDescription.newBuilder()
                                                                .setName(name)));
                        return answer.build();
                    });
        }

        @Override
        public void get(
                GetCollectionInfoRequest request,
                StreamObserver<GetCollectionInfoResponse> observer) {
            respond(
                    observer,
                    () -> {
                        StoredCollection stored = collection(request.getCollectionName());
                        CollectionInfo.Builder info =
                                CollectionInfo.newBuilder()
                                        .setStatus(CollectionStatus.Green)
                                        .setSegmentsCount(1)
                                        .setPointsCount(stored.points.size())
                                        .setConfig(
                                                CollectionConfig.newBuilder()
                                                        .setParams(
                                                                CollectionParams.newBuilder()
                                                                        .setShardNumber(1)
                                                                        .setVectorsConfig(
                                                                                VectorsConfig
                                                                                        .newBuilder()
                                                                                        .setParamsMap(
                                                                                                VectorParamsMap
                                                                                                        .newBuilder()
                                                                                                        .putAllMap(
                                                                                                                stored.dense)))
                                                                        .setSparseVectorsConfig(
                                                                                SparseVectorConfig
                                                                                        .newBuilder()
                                                                                        .putAllMap(
                                                                                                stored.sparse))));
                        stored.payloadIndexes.forEach(
                                (field, type) ->
                                        info.putPayloadSchema(
                                                field,
                                                PayloadSchemaInfo.newBuilder()
                                                        .setDataType(type)
                                                        .setPoints(stored.points.size())
                                                        .build()));
                        return GetCollectionInfoResponse.newBuilder().setResult(info).build();
                    });
        }
    }

    // ---------------------------------------------------------------- health

    private static final class HealthService extends QdrantGrpc.QdrantImplBase {
        @Override
        public void healthCheck(
                HealthCheckRequest request, StreamObserver<HealthCheckReply> observer) {
            observer.onNext(
                    HealthCheckReply.newBuilder()
                            .setTitle("QdrantGrpcServer (a test double, not Qdrant)")
                            .setVersion("1.18.0")
                            .build());
            observer.onCompleted();
        }
    }

    // ---------------------------------------------------------------- points

    private final class PointsService extends PointsGrpc.PointsImplBase {

        @Override
        public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
            respond(
                    observer,
                    () -> {
                        StoredCollection stored = collection(request.getCollectionName());
                        if (request.hasUpdateFilter() || request.hasUpdateMode()) {
                            throw unimplemented("conditional upserts");
                        }
                        // Validate every point before changing any: Qdrant rejects the batch.
                        List<StoredPoint> points = new ArrayList<>();
                        for (PointStruct point : request.getPointsList()) {
                            points.add(toStored(stored, point));
                        }
                        points.forEach(p -> stored.points.put(p.id(), p));
                        return completed();
                    });
        }

        @Override
        public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
            respond(
                    observer,
                    () -> {
                        StoredCollection stored = collection(request.getCollectionName());
                        selected(stored, request.getPoints(), false).forEach(stored.points::remove);
                        return completed();
                    });
        }

        @Override
        public void get(GetPoints request, StreamObserver<GetResponse> observer) {
            respond(
                    observer,
                    () -> {
                        StoredCollection stored = collection(request.getCollectionName());
                        boolean withPayload = withPayload(request.getWithPayload());
                        GetResponse.Builder answer = GetResponse.newBuilder();
                        for (PointId id : request.getIdsList()) {
                            StoredPoint point = stored.points.get(key(id));
                            if (point != null) {
                                RetrievedPoint.Builder retrieved =
                                        RetrievedPoint.newBuilder().setId(pointId(point.id()));
                                if (withPayload) {
                                    retrieved.putAllPayload(point.payload());
                                }
                                answer.addResult(retrieved);
                            }
                        }
                        return answer.build();
                    });
        }

        @Override
        public void setPayload(
                SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
            respond(observer, () -> changePayload(request, false));
        }

        @Override
        public void overwritePayload(
                SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
            respond(observer, () -> changePayload(request, true));
        }

        @Override
        public void createFieldIndex(
                CreateFieldIndexCollection request,
                StreamObserver<PointsOperationResponse> observer) {
            respond(
                    observer,
                    () -> {
                        StoredCollection stored = collection(request.getCollectionName());
                        stored.payloadIndexes.put(
                                request.getFieldName(), schemaType(request.getFieldType()));
                        return completed();
                    });
        }

        @Override
        public void count(CountPoints request, StreamObserver<CountResponse> observer) {
            respond(
                    observer,
                    () -> {
                        StoredCollection stored = collection(request.getCollectionName());
                        long count =
                                stored.points.values().stream()
                                        .filter(p -> matches(request.getFilter(), p))
                                        .count();
                        return CountResponse.newBuilder()
                                .setResult(CountResult.newBuilder().setCount(count))
                                .build();
                    });
        }

        @Override
        public void query(QueryPoints request, StreamObserver<QueryResponse> observer) {
            respond(
                    observer,
                    () -> {
                        StoredCollection stored = collection(request.getCollectionName());
                        if (request.hasLookupFrom() || request.hasShardKeySelector()) {
                            throw unimplemented("lookups and shard keys");
                        }
                        List<Hit> hits =
                                evaluate(
                                        stored,
                                        request.getPrefetchList(),
                                        request.hasQuery() ? request.getQuery() : null,
                                        request.getUsing(),
                                        request.getFilter(),
                                        request.hasScoreThreshold()
                                                ? request.getScoreThreshold()
                                                : null,
                                        request.getOffset()
                                                + (request.hasLimit() ? request.getLimit() : 10));
                        boolean withPayload =
                                request.hasWithPayload() && withPayload(request.getWithPayload());
                        QueryResponse.Builder answer = QueryResponse.newBuilder();
                        hits.stream()
                                .skip(request.getOffset())
                                .forEach(
                                        hit -> {
                                            ScoredPoint.Builder scored =
                                                    ScoredPoint.newBuilder()
                                                            .setId(pointId(hit.point().id()))
                                                            .setScore((float) hit.score());
                                            if (withPayload) {
                                                scored.putAllPayload(hit.point().payload());
                                            }
                                            answer.addResult(scored);
                                        });
                        return answer.build();
                    });
        }
    }

    private PointsOperationResponse changePayload(SetPayloadPoints request, boolean overwrite) {
        StoredCollection stored = collection(request.getCollectionName());
        if (request.hasKey()) {
            throw unimplemented("payload updates under a key");
        }
        if (!request.hasPointsSelector()) {
            throw invalid("points selector is required");
        }
        for (String id : selected(stored, request.getPointsSelector(), true)) {
            StoredPoint point = stored.points.get(id);
            Map<String, Value> payload =
                    overwrite ? new LinkedHashMap<>() : new LinkedHashMap<>(point.payload());
            payload.putAll(request.getPayloadMap());
            stored.points.put(
                    id,
                    new StoredPoint(
                            id,
                            point.dense(),
                            point.sparse(),
                            Collections.unmodifiableMap(payload)));
        }
        return completed();
    }

    /**
     * The ids a selector picks. Listed ids must exist when {@code mustExist} (Qdrant fails a
     * payload update of an absent point); a filter picks only existing points.
     */
    private List<String> selected(
            StoredCollection stored, PointsSelector selector, boolean mustExist) {
        List<String> ids = new ArrayList<>();
        if (selector.hasFilter()) {
            stored.points.values().stream()
                    .filter(p -> matches(selector.getFilter(), p))
                    .forEach(p -> ids.add(p.id()));
            return ids;
        }
        for (PointId id : selector.getPoints().getIdsList()) {
            String key = key(id);
            if (stored.points.containsKey(key)) {
                ids.add(key);
            } else if (mustExist) {
                throw Status.NOT_FOUND
                        .withDescription("No point with id " + key + " found")
                        .asRuntimeException();
            }
        }
        return ids;
    }

    private static StoredPoint toStored(StoredCollection stored, PointStruct point) {
        String id = key(point.getId());
        if (!point.getVectors().hasVectors()) {
            throw unimplemented("unnamed vectors");
        }
        Map<String, float[]> dense = new LinkedHashMap<>();
        Map<String, SparseVector> sparse = new LinkedHashMap<>();
        for (Map.Entry<String, Vector> named :
                point.getVectors().getVectors().getVectorsMap().entrySet()) {
            String name = named.getKey();
            Vector vector = named.getValue();
            if (stored.dense.containsKey(name)) {
                float[] values = denseOf(vector, name);
                long size = stored.dense.get(name).getSize();
                if (values.length != size) {
                    throw invalid(
                            "Vector dimension error: expected dim: "
                                    + size
                                    + ", got "
                                    + values.length);
                }
                dense.put(name, values);
            } else if (stored.sparse.containsKey(name)) {
                sparse.put(name, sparseOf(vector, name));
            } else {
                throw invalid("Not existing vector name error: " + name);
            }
        }
        return new StoredPoint(
                id,
                Collections.unmodifiableMap(dense),
                Collections.unmodifiableMap(sparse),
                Collections.unmodifiableMap(new LinkedHashMap<>(point.getPayloadMap())));
    }

    @SuppressWarnings("deprecation")
    private static float[] denseOf(Vector vector, String name) {
        List<Float> data;
        if (vector.hasDense()) {
            data = vector.getDense().getDataList();
        } else if (vector.getVectorCase() == Vector.VectorCase.VECTOR_NOT_SET
                && !vector.hasIndices()) {
            data = vector.getDataList();
        } else {
            throw invalid("vector '" + name + "' is dense, got another kind");
        }
        return floats(data);
    }

    @SuppressWarnings("deprecation")
    private static SparseVector sparseOf(Vector vector, String name) {
        if (vector.hasSparse()) {
            return sparseOf(
                    vector.getSparse().getIndicesList(), vector.getSparse().getValuesList(), name);
        }
        if (vector.getVectorCase() == Vector.VectorCase.VECTOR_NOT_SET && vector.hasIndices()) {
            return sparseOf(vector.getIndices().getDataList(), vector.getDataList(), name);
        }
        throw invalid("vector '" + name + "' is sparse, got another kind");
    }

    private static SparseVector sparseOf(List<Integer> indices, List<Float> values, String name) {
        if (indices.size() != values.size()) {
            throw invalid("sparse vector '" + name + "' has unequal indices and values");
        }
        Map<Integer, Float> weights = new TreeMap<>();
        for (int i = 0; i < indices.size(); i++) {
            if (weights.put(indices.get(i), values.get(i)) != null) {
                throw invalid("sparse vector '" + name + "' repeats index " + indices.get(i));
            }
        }
        return SparseVector.of(weights);
    }

    // ---------------------------------------------------------------- query

    private record Hit(StoredPoint point, double score) {}

    private List<Hit> evaluate(
            StoredCollection stored,
            List<PrefetchQuery> prefetches,
            Query query,
            String using,
            Filter filter,
            Float threshold,
            long limit) {
        List<Hit> hits;
        if (!prefetches.isEmpty()) {
            List<List<Hit>> branches = new ArrayList<>();
            for (PrefetchQuery prefetch : prefetches) {
                branches.add(
                        evaluate(
                                stored,
                                prefetch.getPrefetchList(),
                                prefetch.hasQuery() ? prefetch.getQuery() : null,
                                prefetch.getUsing(),
                                prefetch.getFilter(),
                                prefetch.hasScoreThreshold() ? prefetch.getScoreThreshold() : null,
                                prefetch.hasLimit() ? prefetch.getLimit() : 10));
            }
            hits = fuse(query, branches, filter);
        } else if (query != null && query.hasNearest()) {
            hits = nearest(stored, query.getNearest(), using, filter);
        } else {
            throw unimplemented("this query: " + (query == null ? "none" : query.getVariantCase()));
        }
        return hits.stream()
                .filter(hit -> threshold == null || hit.score() >= threshold)
                .limit(limit)
                .toList();
    }

    /** Reciprocal rank fusion: a point ranked r-th (from 1) in a branch adds 1 / (k + r). */
    private List<Hit> fuse(Query query, List<List<Hit>> branches, Filter filter) {
        int k;
        if (query != null && query.hasRrf()) {
            if (query.getRrf().getWeightsCount() > 0) {
                throw unimplemented("weighted RRF");
            }
            k = query.getRrf().hasK() ? query.getRrf().getK() : 2;
        } else if (query != null && query.hasFusion() && query.getFusion() == Fusion.RRF) {
            k = 2;
        } else {
            throw unimplemented(
                    "prefetches under "
                            + (query == null ? "no query" : query.getVariantCase().toString()));
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, StoredPoint> points = new HashMap<>();
        for (List<Hit> branch : branches) {
            for (int rank = 1; rank <= branch.size(); rank++) {
                StoredPoint point = branch.get(rank - 1).point();
                if (matches(filter, point)) {
                    scores.merge(point.id(), 1.0 / (k + rank), Double::sum);
                    points.put(point.id(), point);
                }
            }
        }
        List<Hit> fused = new ArrayList<>();
        scores.forEach((id, score) -> fused.add(new Hit(points.get(id), score)));
        fused.sort(Comparator.comparingDouble(Hit::score).reversed());
        return fused;
    }

    private List<Hit> nearest(
            StoredCollection stored, VectorInput input, String using, Filter filter) {
        List<Hit> hits = new ArrayList<>();
        if (stored.dense.containsKey(using)) {
            if (!input.hasDense()) {
                throw invalid("vector '" + using + "' is dense, the query is not");
            }
            float[] query = floats(input.getDense().getDataList());
            long size = stored.dense.get(using).getSize();
            if (query.length != size) {
                throw invalid(
                        "Vector dimension error: expected dim: " + size + ", got " + query.length);
            }
            for (StoredPoint point : stored.points.values()) {
                float[] vector = point.dense().get(using);
                if (vector != null && matches(filter, point)) {
                    hits.add(new Hit(point, cosine(query, vector)));
                }
            }
        } else if (stored.sparse.containsKey(using)) {
            if (!input.hasSparse()) {
                throw invalid("vector '" + using + "' is sparse, the query is not");
            }
            SparseVector query =
                    sparseOf(
                            input.getSparse().getIndicesList(),
                            input.getSparse().getValuesList(),
                            using);
            boolean idf = stored.sparse.get(using).getModifier() == Modifier.Idf;
            Map<Integer, Double> weights = idf ? idf(stored, using, query) : Map.of();
            for (StoredPoint point : stored.points.values()) {
                SparseVector vector = point.sparse().get(using);
                if (vector == null || !matches(filter, point)) {
                    continue;
                }
                double score = 0;
                boolean overlaps = false;
                for (int i = 0; i < query.size(); i++) {
                    int term = query.indices()[i];
                    float weight = vector.weight(term);
                    if (weight != 0f) {
                        overlaps = true;
                        score +=
                                query.values()[i]
                                        * (double) weight
                                        * (idf ? weights.get(term) : 1.0);
                    }
                }
                // Qdrant's sparse search returns only points that share a term with the query.
                if (overlaps) {
                    hits.add(new Hit(point, score));
                }
            }
        } else {
            throw invalid("Not existing vector name error: " + using);
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits;
    }

    /**
     * Qdrant's IDF modifier: idf(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5)), N the points with
     * the sparse vector and n(t) those of them having term t, counted over the whole collection.
     */
    private static Map<Integer, Double> idf(
            StoredCollection stored, String using, SparseVector query) {
        int total = 0;
        Map<Integer, Integer> having = new HashMap<>();
        for (StoredPoint point : stored.points.values()) {
            SparseVector vector = point.sparse().get(using);
            if (vector == null) {
                continue;
            }
            total++;
            for (int term : query.indices()) {
                if (vector.weight(term) != 0f) {
                    having.merge(term, 1, Integer::sum);
                }
            }
        }
        Map<Integer, Double> idf = new HashMap<>();
        for (int term : query.indices()) {
            int n = having.getOrDefault(term, 0);
            idf.put(term, Math.log(1 + (total - n + 0.5) / (n + 0.5)));
        }
        return idf;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
            na += a[i] * (double) a[i];
            nb += b[i] * (double) b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    // ---------------------------------------------------------------- filters

    private static boolean matches(Filter filter, StoredPoint point) {
        for (Condition condition : filter.getMustList()) {
            if (!matches(condition, point)) {
                return false;
            }
        }
        for (Condition condition : filter.getMustNotList()) {
            if (matches(condition, point)) {
                return false;
            }
        }
        if (filter.getShouldCount() > 0
                && filter.getShouldList().stream().noneMatch(c -> matches(c, point))) {
            return false;
        }
        if (filter.hasMinShould()) {
            long met =
                    filter.getMinShould().getConditionsList().stream()
                            .filter(c -> matches(c, point))
                            .count();
            return met >= filter.getMinShould().getMinCount();
        }
        return true;
    }

    private static boolean matches(Condition condition, StoredPoint point) {
        return switch (condition.getConditionOneOfCase()) {
            case FIELD -> matches(condition.getField(), point);
            case FILTER -> matches(condition.getFilter(), point);
            case HAS_ID -> {
                Set<String> ids = new HashSet<>();
                condition.getHasId().getHasIdList().forEach(id -> ids.add(key(id)));
                yield ids.contains(point.id());
            }
            case IS_NULL -> {
                Value value = point.payload().get(condition.getIsNull().getKey());
                yield value != null && value.hasNullValue();
            }
            case IS_EMPTY -> values(point, condition.getIsEmpty().getKey()).isEmpty();
            default -> throw unimplemented("condition " + condition.getConditionOneOfCase());
        };
    }

    private static boolean matches(FieldCondition field, StoredPoint point) {
        List<Value> values = values(point, field.getKey());
        if (field.hasMatch()) {
            Match match = field.getMatch();
            return switch (match.getMatchValueCase()) {
                case KEYWORD ->
                        values.stream()
                                .anyMatch(
                                        v ->
                                                v.hasStringValue()
                                                        && v.getStringValue()
                                                                .equals(match.getKeyword()));
                case KEYWORDS ->
                        values.stream()
                                .anyMatch(
                                        v ->
                                                v.hasStringValue()
                                                        && match.getKeywords()
                                                                .getStringsList()
                                                                .contains(v.getStringValue()));
                case BOOLEAN ->
                        values.stream()
                                .anyMatch(
                                        v ->
                                                v.hasBoolValue()
                                                        && v.getBoolValue() == match.getBoolean());
                case INTEGER ->
                        values.stream()
                                .anyMatch(
                                        v ->
                                                v.hasIntegerValue()
                                                        && v.getIntegerValue()
                                                                == match.getInteger());
                default -> throw unimplemented("match " + match.getMatchValueCase());
            };
        }
        if (field.hasRange()) {
            Range range = field.getRange();
            return values.stream()
                    .filter(v -> v.hasDoubleValue() || v.hasIntegerValue())
                    .mapToDouble(v -> v.hasDoubleValue() ? v.getDoubleValue() : v.getIntegerValue())
                    .anyMatch(
                            x ->
                                    (!range.hasGte() || x >= range.getGte())
                                            && (!range.hasGt() || x > range.getGt())
                                            && (!range.hasLte() || x <= range.getLte())
                                            && (!range.hasLt() || x < range.getLt()));
        }
        throw unimplemented("field conditions other than match and range on " + field.getKey());
    }

    /** A payload field's values: the elements of an array, one value, or none for null. */
    private static List<Value> values(StoredPoint point, String key) {
        Value value = point.payload().get(key);
        if (value == null || value.hasNullValue()) {
            return List.of();
        }
        return value.hasListValue() ? value.getListValue().getValuesList() : List.of(value);
    }

    // ---------------------------------------------------------------- ids and helpers

    private static boolean withPayload(io.qdrant.client.grpc.Points.WithPayloadSelector selector) {
        if (selector.hasInclude() || selector.hasExclude()) {
            throw unimplemented("payload include and exclude selectors");
        }
        return selector.getEnable();
    }

    private static PayloadSchemaType schemaType(FieldType type) {
        return switch (type) {
            case FieldTypeKeyword -> PayloadSchemaType.Keyword;
            case FieldTypeInteger -> PayloadSchemaType.Integer;
            case FieldTypeFloat -> PayloadSchemaType.Float;
            case FieldTypeBool -> PayloadSchemaType.Bool;
            default -> throw unimplemented("field index type " + type);
        };
    }

    /** A point's key: the UUID in canonical form, as Qdrant answers it; or the number. */
    private static String key(PointId id) {
        if (id.hasNum()) {
            return Long.toUnsignedString(id.getNum());
        }
        try {
            return UUID.fromString(id.getUuid()).toString();
        } catch (IllegalArgumentException e) {
            throw invalid("Unable to parse UUID: " + id.getUuid());
        }
    }

    private static PointId uuid(String id) {
        return PointId.newBuilder().setUuid(id).build();
    }

    private static PointId pointId(String key) {
        return key.contains("-")
                ? uuid(key)
                : PointId.newBuilder().setNum(Long.parseUnsignedLong(key)).build();
    }

    private static float[] floats(List<Float> data) {
        float[] values = new float[data.size()];
        Iterator<Float> it = data.iterator();
        for (int i = 0; i < values.length; i++) {
            values[i] = it.next();
        }
        return values;
    }
}
