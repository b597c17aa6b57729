package io.dataspoke.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * An in-process Confluent-compatible schema registry that answers {@code GET
 * /schema-registry/api/schemas/ids/{id}} as DataHub's GMS does.
 */
final class FakeSchemaRegistry implements AutoCloseable {

    static final String PATH = "/schema-registry/api";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    FakeSchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH + "/schemas/ids/", this::handle);
        server.start();
    }

    FakeSchemaRegistry register(int id, Schema schema) {
        schemas.put(id, schema);
        return this;
    }

    /** The base URL to configure, with a trailing slash as users tend to write it. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH + "/";
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        Schema schema = id.matches("\\d+") ? schemas.get(Integer.parseInt(id)) : null;
        byte[] body;
        int status;
        if (schema == null) {
            status = 404;
            body =
                    "{\"error_code\":40403,\"message\":\"Schema not found\"}"
                            .getBytes(StandardCharsets.UTF_8);
        } else {
            status = 200;
            body = JSON.writeValueAsBytes(Map.of("schema", schema.toString()));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
