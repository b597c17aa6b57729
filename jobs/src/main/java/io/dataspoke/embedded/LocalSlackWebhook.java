package io.dataspoke.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stand-in for a Slack incoming webhook on the loopback interface, for the demo when no real
 * webhook is configured: it speaks the webhook protocol (POST of a JSON message, answer {@code ok})
 * and keeps every message it received.
 */
public final class LocalSlackWebhook implements AutoCloseable {

    private static final String PATH = "/services/T0LOCAL/B0LOCAL/dataspoke-demo";

    private final HttpServer server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> listener = body -> {};

    private LocalSlackWebhook(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free port. */
    public static LocalSlackWebhook start() throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalSlackWebhook webhook = new LocalSlackWebhook(server);
        server.createContext(PATH, webhook::handle);
        server.start();
        return webhook;
    }

    /** The URL to give the Slack sink. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The JSON bodies received, in order. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /**
     * Calls {@code listener} with each message body as its request arrives, on the server's thread:
     * the latency bench times alerts by it. Replaces any earlier listener.
     */
    public void onMessage(Consumer<String> listener) {
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "invalid_method");
                return;
            }
            String body =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            messages.add(body);
            listener.accept(body);
            reply(exchange, 200, "ok");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
