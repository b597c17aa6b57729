package io.dataspoke.sinks.qdrant;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the Qdrant collection is and how to reach it over gRPC. It travels with the sink, so it
 * holds only what a writer needs to open its client; the API key is never printed.
 *
 * @param host Qdrant's host name
 * @param port Qdrant's gRPC port (6334 by default, not the REST port 6333)
 * @param useTls whether the channel uses TLS
 * @param apiKey the API key, null when Qdrant does not check one
 * @param collection the collection of search documents
 * @param timeout the deadline of each call
 */
public record QdrantOptions(
        String host, int port, boolean useTls, String apiKey, String collection, Duration timeout)
        implements VectorIndexFactory {

    private static final long serialVersionUID = 1L;

    /** Qdrant's default gRPC port. */
    public static final int DEFAULT_GRPC_PORT = 6334;

    public QdrantOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [1, 65535], got " + port);
        }
        if (collection.isBlank()) {
            throw new IllegalArgumentException("collection must not be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
    }

    /** Options for a Qdrant without TLS or API key, as in the demo's compose file. */
    public static QdrantOptions plaintext(String host, int port, String collection) {
        return new QdrantOptions(host, port, false, null, collection, Duration.ofSeconds(10));
    }

    /** Whether calls carry the {@code api-key} header. */
    public boolean hasApiKey() {
        return apiKey != null;
    }

    /** A client on this collection; the channel connects on the first call. */
    @Override
    public QdrantVectorIndex open() {
        return new QdrantVectorIndex(this);
    }

    /** Never prints the API key, only whether there is one. */
    @Override
    public String toString() {
        return "QdrantOptions[host="
                + host
                + ", port="
                + port
                + ", useTls="
                + useTls
                + ", apiKey="
                + (hasApiKey() ? "***" : "none")
                + ", collection="
                + collection
                + ", timeout="
                + timeout
                + "]";
    }
}
