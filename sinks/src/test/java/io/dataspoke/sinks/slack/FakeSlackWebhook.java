package io.dataspoke.sinks.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for Slack: an in-process HTTP server (the JDK's {@code com.sun.net.httpserver}) that
 * speaks the incoming-webhook protocol. It records every request and answers from a script, then
 * {@code 200 ok} (or the {@link #always} answer) once the script is used up. The webhook path
 * carries a unique token, as Slack's does, so that tests can check it never leaks.
 */
final class FakeSlackWebhook implements AutoCloseable {

    /** One request as the server received it. */
    record Request(
            String method, String path, String contentType, String body, long receivedNanos) {}

    /** One scripted answer. */
    record Answer(int status, String body, String retryAfter, boolean hangs) {

        static Answer ok() {
            return new Answer(200, "ok", null, false);
        }

        static Answer status(int status, String body) {
            return new Answer(status, body, null, false);
        }

        static Answer tooManyRequests(String retryAfter) {
            return new Answer(429, "rate_limited", retryAfter, false);
        }

        /** No answer at all until the server closes: the client's time-out has to fire. */
        static Answer hang() {
            return new Answer(0, "", null, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final String token = "tok" + Long.toHexString(System.nanoTime()) + "secret";
    private final String path = "/services/T0DATASPOKE/B0SLACKSINK/" + token;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private Answer fallback = Answer.ok();

    FakeSlackWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers the next requests with these, in order. */
    synchronized FakeSlackWebhook script(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Answers every request after the script with this one, instead of {@code 200 ok}. */
    synchronized FakeSlackWebhook always(Answer answer) {
        fallback = answer;
        return this;
    }

    /** The secret webhook URL. */
    String url() {
        return "http://" + host() + path;
    }

    /** What may be shown of the URL. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The secret part of the URL. */
    String token() {
        return token;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Stops listening, so that a client meets a refused connection. */
    void stopListening() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            requests.add(
                    new Request(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("Content-Type"),
                            body,
                            System.nanoTime()));
            if (!exchange.getRequestURI().getPath().equals(path)) {
                answer = Answer.status(404, "no_service");
            } else {
                answer = script.isEmpty() ? fallback : script.poll();
            }
        }
        if (answer.hangs()) {
            try {
                closing.await(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
