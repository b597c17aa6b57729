package io.dataspoke.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the writer schema of a Confluent-framed message by its id: from a Confluent-compatible
 * schema registry ({@code GET {baseUrl}/schemas/ids/{id}}; DataHub serves one at {@code
 * <gms>/schema-registry/api/}), else from the schemas DataSpoke bundles ({@link DataHubSchemas}).
 *
 * <p>This is a deliberately small client: Confluent's own serializer and registry client are not on
 * the Maven Central that this build can reach, and reading a schema by id is one GET. Schemas from
 * the registry are cached for good (a registered id never changes); a fallback to a bundled schema
 * is cached for {@link #FALLBACK_RETRY} only, so a registry that was briefly down is asked again.
 * Only the HTTP client and the cache are created lazily; the resolver itself travels with a Flink
 * function.
 */
public final class SchemaResolver implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The timeout of one registry request, connect included, unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** How long a bundled fallback is used before the registry is asked again. */
    public static final Duration FALLBACK_RETRY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(SchemaResolver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration timeout;

    private transient HttpClient http;
    private transient Map<Integer, Schema> fromRegistry;
    private transient Map<Integer, Long> fallbackUntil;
    private transient Set<Integer> warned;

    /**
     * A resolver that asks the registry at {@code baseUrl} (no registry when null or blank).
     *
     * @param baseUrl e.g. {@code http://datahub-gms:8080/schema-registry/api}
     */
    public SchemaResolver(String baseUrl) {
        this(baseUrl, DEFAULT_TIMEOUT);
    }

    /** A resolver that gives the registry {@code timeout} per request. */
    public SchemaResolver(String baseUrl, Duration timeout) {
        this.baseUrl = normalize(baseUrl);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** A resolver that only knows the bundled schemas. */
    public static SchemaResolver bundledOnly() {
        return new SchemaResolver(null);
    }

    /** The registry base URL without trailing slashes, empty when none is configured. */
    public Optional<String> registryUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /**
     * The writer schema registered under {@code id}.
     *
     * @throws DecodeException when neither the registry nor the bundled schemas know the id
     */
    public Schema writerSchema(int id) throws DecodeException {
        init();
        Schema cached = fromRegistry.get(id);
        if (cached != null) {
            return cached;
        }
        Optional<Schema> bundled = DataHubSchemas.bundled(id);
        if (baseUrl == null) {
            return bundled.orElseThrow(() -> unknown(id, "no schema registry is configured"));
        }
        Long until = fallbackUntil.get(id);
        if (until != null && System.currentTimeMillis() < until && bundled.isPresent()) {
            return bundled.get();
        }
        String failure;
        try {
            Optional<Schema> registered = fetch(id);
            if (registered.isPresent()) {
                fromRegistry.put(id, registered.get());
                fallbackUntil.remove(id);
                return registered.get();
            }
            failure = "the registry at " + baseUrl + " does not know it";
        } catch (IOException e) {
            failure = "the registry at " + baseUrl + " did not answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted while asking the registry at " + baseUrl;
        }
        if (bundled.isEmpty()) {
            throw unknown(id, failure);
        }
        if (warned.add(id)) {
            LOG.warn("Schema id {}: {}; using the bundled v1 schema instead", id, failure);
        }
        fallbackUntil.put(id, System.currentTimeMillis() + FALLBACK_RETRY.toMillis());
        return bundled.get();
    }

    /** The schema the registry holds under {@code id}, empty when it answers 404. */
    private Optional<Schema> fetch(int id) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + "/schemas/ids/" + id))
                        .timeout(timeout)
                        .header(
                                "Accept",
                                "application/vnd.schemaregistry.v1+json, application/json")
                        .GET()
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        JsonNode body = JSON.readTree(response.body());
        JsonNode schemaType = body.path("schemaType");
        if (!schemaType.isMissingNode() && !"AVRO".equals(schemaType.asText())) {
            throw new IOException("schema " + id + " is " + schemaType.asText() + ", not AVRO");
        }
        JsonNode schema = body.path("schema");
        if (!schema.isTextual()) {
            throw new IOException("answer has no \"schema\" string");
        }
        try {
            return Optional.of(new Schema.Parser().parse(schema.asText()));
        } catch (SchemaParseException e) {
            throw new IOException("registered schema " + id + " does not parse: " + e.getMessage());
        }
    }

    private void init() {
        if (fromRegistry == null) {
            fromRegistry = new ConcurrentHashMap<>();
            fallbackUntil = new ConcurrentHashMap<>();
            warned = ConcurrentHashMap.newKeySet();
        }
        if (http == null && baseUrl != null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).build();
        }
    }

    private static DecodeException unknown(int id, String why) {
        return new DecodeException("unknown Avro schema id " + id + " (" + why + ")");
    }

    private static String normalize(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
