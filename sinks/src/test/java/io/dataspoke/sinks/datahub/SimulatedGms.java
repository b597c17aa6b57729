package io.dataspoke.sinks.datahub;

import com.datahub.util.RecordUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linkedin.assertion.AssertionInfo;
import com.linkedin.assertion.AssertionRunEvent;
import com.linkedin.data.DataMap;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.events.metadata.ChangeType;
import com.linkedin.incident.IncidentInfo;
import com.linkedin.metadata.aspect.patch.template.common.StructuredPropertiesTemplate;
import com.linkedin.mxe.MetadataChangeProposal;
import com.linkedin.structured.PrimitivePropertyValue;
import com.linkedin.structured.StructuredProperties;
import com.linkedin.structured.StructuredPropertyDefinition;
import com.linkedin.structured.StructuredPropertyValueAssignment;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import datahub.shaded.json.Json;
import datahub.shaded.json.JsonPatch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * DataHub GMS, simulated by an in-process HTTP server (the JDK's {@link HttpServer} on a free
 * loopback port) that speaks GMS's REST protocol for {@code POST /aspects?action=ingestProposal}.
 * It reads the {@code {"proposal": {...}}} body the DataHub client sends, decodes it back with
 * DataHub's own classes ({@link MetadataChangeProposal}, the aspect record classes, and GMS's own
 * {@link StructuredPropertiesTemplate} for PATCHes), keeps the resulting aspects in memory and
 * answers as GMS does: {@code {"value": "<urn>"}} on success, a Rest.li error body otherwise.
 *
 * <p>Like GMS, it refuses a request without the expected bearer token (401), an aspect its entity
 * type does not have (422, with GMS's "Unknown aspect … for entity …"; the status differs between
 * GMS versions), and a structured property value whose property is not defined or whose type does
 * not match (422). It also refuses (422) a proposal whose entity type is not its URN's, which may
 * be stricter than GMS: it is there to catch a write labelled with the wrong entity type.
 * Timeseries aspects ({@code assertionRunEvent}) are kept as a list of events, not as one latest
 * value, as GMS keeps them apart from versioned aspects. A test can script answers (429 with
 * Retry-After, 503, 4xx, a hang) that come before the normal behaviour.
 */
final class SimulatedGms implements AutoCloseable {

    /** One request as GMS received it. */
    record Received(MetadataChangeProposal proposal, String authorization, long atNanos) {}

    /** A scripted answer to the next request. */
    record Reply(
            int status,
            String body,
            Map<String, String> headers,
            boolean hanging,
            CountDownLatch gate) {

        static Reply status(int status, String message) {
            return new Reply(status, restLiError(status, message), Map.of(), false, null);
        }

        static Reply throttled(String retryAfter) {
            return new Reply(
                    429,
                    restLiError(429, "Too many requests"),
                    Map.of("Retry-After", retryAfter),
                    false,
                    null);
        }

        /** No answer until the server closes: the client's response timeout has to fire. */
        static Reply hang() {
            return new Reply(0, "", Map.of(), true, null);
        }

        /** Processed normally, but only once {@code gate} opens. */
        static Reply after(CountDownLatch gate) {
            return new Reply(0, "", Map.of(), false, gate);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The entity types and aspects it knows, with the classes it decodes them with: a small part of
     * GMS's entity registry, enough for what DataSpoke writes.
     */
    private static final Map<String, Map<String, Class<? extends RecordTemplate>>> REGISTRY =
            Map.of(
                    "dataset", Map.of("structuredProperties", StructuredProperties.class),
                    "structuredProperty",
                            Map.of("propertyDefinition", StructuredPropertyDefinition.class),
                    "assertion",
                            Map.of(
                                    "assertionInfo", AssertionInfo.class,
                                    "assertionRunEvent", AssertionRunEvent.class),
                    "incident", Map.of("incidentInfo", IncidentInfo.class));

    private static final Set<String> TIMESERIES = Set.of("assertionRunEvent");

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, DataMap> aspects = new ConcurrentHashMap<>();
    private final Map<String, List<DataMap>> timeseries = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile String requiredToken;

    private SimulatedGms() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    static SimulatedGms start() throws IOException {
        return new SimulatedGms();
    }

    /** The base URL, as a DataHub client is configured with it. */
    String url() {
        return "http://"
                + server.getAddress().getHostString()
                + ":"
                + server.getAddress().getPort();
    }

    /** From now on, requests without {@code Authorization: Bearer <token>} get a 401. */
    SimulatedGms requireToken(String token) {
        this.requiredToken = token;
        return this;
    }

    /** Answers the next request with {@code reply} instead of processing it. */
    SimulatedGms then(Reply reply) {
        script.add(reply);
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Puts an aspect in the store, as if someone else had written it. */
    void seed(String urn, String aspectName, RecordTemplate aspect) {
        aspects.put(key(urn, aspectName), aspect.data());
    }

    /** The aspect GMS now holds, decoded into DataHub's class for it; null when there is none. */
    <T extends RecordTemplate> T aspect(String urn, String aspectName, Class<T> type) {
        DataMap data = aspects.get(key(urn, aspectName));
        return data == null ? null : RecordUtils.toRecordTemplate(type, data);
    }

    /** The events of a timeseries aspect GMS now holds, in the order they arrived. */
    <T extends RecordTemplate> List<T> timeseries(String urn, String aspectName, Class<T> type) {
        List<T> events = new ArrayList<>();
        for (DataMap data : timeseries.getOrDefault(key(urn, aspectName), List.of())) {
            events.add(RecordUtils.toRecordTemplate(type, data));
        }
        return events;
    }

    /** Polls until {@code count} requests arrived, failing with what did arrive. */
    void awaitReceived(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "expected " + count + " requests at GMS, got " + received.size());
            }
            Thread.sleep(5);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"/aspects".equals(exchange.getRequestURI().getPath())
                    || !"action=ingestProposal".equals(exchange.getRequestURI().getQuery())) {
                respond(
                        exchange,
                        Reply.status(404, "No such resource " + exchange.getRequestURI()));
                return;
            }
            String body =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            DataMap request = RecordUtils.toDataMap(body);
            MetadataChangeProposal proposal =
                    new MetadataChangeProposal(request.getDataMap("proposal"));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            received.add(new Received(proposal, authorization, System.nanoTime()));

            Reply scripted = script.poll();
            if (scripted != null && scripted.hanging()) {
                closing.await(30, TimeUnit.SECONDS);
                return;
            }
            if (scripted != null && scripted.gate() != null) {
                scripted.gate().await(30, TimeUnit.SECONDS);
                scripted = null;
            }
            if (scripted != null) {
                respond(exchange, scripted);
            } else if (requiredToken != null
                    && !("Bearer " + requiredToken).equals(authorization)) {
                // GMS's authentication filter, before any Rest.li resource runs.
                respondPlain(exchange, 401, "Unauthorized to perform this action.");
            } else {
                respond(exchange, apply(proposal));
            }
        } catch (Exception e) {
            respond(exchange, Reply.status(500, "Simulated GMS failed: " + e));
        }
    }

    private synchronized Reply apply(MetadataChangeProposal proposal) throws Exception {
        String urn = proposal.getEntityUrn().toString();
        String aspectName = proposal.getAspectName();
        String value = proposal.getAspect().getValue().asString(StandardCharsets.UTF_8);
        Class<? extends RecordTemplate> type =
                REGISTRY.getOrDefault(proposal.getEntityType(), Map.of()).get(aspectName);
        if (type == null) {
            return Reply.status(
                    422,
                    String.format(
                            "Unknown aspect %s for entity %s",
                            aspectName, proposal.getEntityType()));
        }
        if (!proposal.getEntityType().equals(proposal.getEntityUrn().getEntityType())) {
            return Reply.status(
                    422,
                    "Entity type " + proposal.getEntityType() + " does not match the URN " + urn);
        }
        DataMap stored;
        if (proposal.getChangeType() == ChangeType.UPSERT) {
            stored = RecordUtils.toRecordTemplate(type, value).data();
        } else if (proposal.getChangeType() == ChangeType.PATCH
                && "structuredProperties".equals(aspectName)) {
            StructuredPropertiesTemplate template = new StructuredPropertiesTemplate();
            DataMap current = aspects.get(key(urn, aspectName));
            RecordTemplate base =
                    current == null
                            ? template.getDefault()
                            : new StructuredProperties(current.copy());
            JsonPatch patch =
                    Json.createPatch(Json.createReader(new StringReader(value)).readArray());
            stored = template.applyPatch(base, patch).data();
        } else {
            return Reply.status(
                    400, "Unsupported " + proposal.getChangeType() + " of " + aspectName);
        }
        if ("structuredProperties".equals(aspectName)) {
            String problem = checkStructuredProperties(new StructuredProperties(stored));
            if (problem != null) {
                return Reply.status(422, problem);
            }
        }
        if (TIMESERIES.contains(aspectName)) {
            timeseries
                    .computeIfAbsent(key(urn, aspectName), k -> new CopyOnWriteArrayList<>())
                    .add(stored);
        } else {
            aspects.put(key(urn, aspectName), stored);
        }
        return new Reply(200, JSON.writeValueAsString(Map.of("value", urn)), Map.of(), false, null);
    }

    /** What GMS's structured property validation would refuse, or null. */
    private String checkStructuredProperties(StructuredProperties properties) {
        for (StructuredPropertyValueAssignment assignment : properties.getProperties()) {
            String propertyUrn = assignment.getPropertyUrn().toString();
            StructuredPropertyDefinition definition =
                    aspect(propertyUrn, "propertyDefinition", StructuredPropertyDefinition.class);
            if (definition == null) {
                return "Unexpected null value found for " + propertyUrn;
            }
            boolean number = definition.getValueType().toString().endsWith("datahub.number");
            for (PrimitivePropertyValue value : assignment.getValues()) {
                if (number != value.isDouble()) {
                    return "Property " + propertyUrn + " expects " + definition.getValueType();
                }
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-RestLi-Protocol-Version", "2.0.0");
        if (reply.status() >= 400) {
            exchange.getResponseHeaders().add("X-RestLi-Error-Response", "true");
        }
        send(exchange, reply.status(), reply.body());
    }

    private static void respondPlain(HttpExchange exchange, int status, String body)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The error body of a Rest.li resource, as GMS returns it. */
    static String restLiError(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("exceptionClass", "com.linkedin.restli.server.RestLiServiceException");
        error.put(
                "stackTrace",
                "com.linkedin.restli.server.RestLiServiceException [HTTP Status:"
                        + status
                        + "]: "
                        + message
                        + "\n\tat com.linkedin.metadata.resources.entity.AspectResource"
                        + ".ingestProposal(AspectResource.java:231)\n");
        error.put("message", message);
        error.put("status", status);
        try {
            return JSON.writeValueAsString(error);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String urn, String aspectName) {
        return urn + " " + aspectName;
    }

    /** Releases hanging requests and stops the server. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
