package io.dataspoke.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.search.KnowledgeSearch;
import io.dataspoke.knowledge.verify.Verdict;
import io.dataspoke.sinks.kafka.StatusRecords;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code dataspoke serve}: search, the verifier and dataset status over HTTP for AI agents, with an
 * OpenAPI document at {@code /openapi.json} describing every route. A bad request gets a 400 with
 * {@code {"error": "…"}} saying what was wrong; an unknown dataset on {@code /status} a 404.
 */
final class KnowledgeServer implements AutoCloseable {

    static final int MAX_LIMIT = 100;
    static final int MAX_DATASETS = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;

    private KnowledgeServer(Javalin app) {
        this.app = app;
    }

    /** Starts serving on {@code host}:{@code port} (0 for a free port). */
    static KnowledgeServer start(
            String host, int port, KnowledgeSearch search, PostgresOptions postgres)
            throws IOException {
        byte[] openApi;
        try (InputStream in =
                KnowledgeServer.class.getResourceAsStream("/openapi/dataspoke.json")) {
            openApi = in.readAllBytes();
        }
        VerifyLookup verify = new VerifyLookup(postgres);
        StatusLookup status = new StatusLookup(postgres);
        Javalin app =
                Javalin.create(config -> config.showJavalinBanner = false)
                        .get(
                                "/openapi.json",
                                ctx -> ctx.contentType("application/json").result(openApi))
                        .get("/search", ctx -> search(ctx, search))
                        .get(
                                "/verify",
                                ctx -> verify(ctx, verify, search, ctx.queryParams("dataset")))
                        .post("/verify", ctx -> verify(ctx, verify, search, datasetsOf(ctx)))
                        .get("/status", ctx -> status(ctx, status))
                        .exception(
                                BadRequest.class,
                                (e, ctx) ->
                                        ctx.status(HttpStatus.BAD_REQUEST)
                                                .json(Map.of("error", e.getMessage())))
                        .exception(
                                NotFound.class,
                                (e, ctx) ->
                                        ctx.status(HttpStatus.NOT_FOUND)
                                                .json(Map.of("error", e.getMessage())))
                        .error(
                                HttpStatus.NOT_FOUND,
                                ctx -> {
                                    if (!"application/json".equals(ctx.contentType())) {
                                        ctx.json(
                                                Map.of(
                                                        "error",
                                                        "no route "
                                                                + ctx.method()
                                                                + " "
                                                                + ctx.path()
                                                                + "; see /openapi.json"));
                                    }
                                })
                        .start(host, port);
        return new KnowledgeServer(app);
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void search(Context ctx, KnowledgeSearch search) throws IOException {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new BadRequest("query parameter q (what to look for) is missing");
        }
        int limit = intParam(ctx, "limit", 10, 1, MAX_LIMIT);
        Double minHealth = null;
        String health = ctx.queryParam("minHealth");
        if (health != null) {
            try {
                minHealth = Double.parseDouble(health);
            } catch (NumberFormatException e) {
                throw new BadRequest(
                        "minHealth must be a number from 0 to 100, got '" + health + "'");
            }
        }
        SearchFilter filter =
                new SearchFilter(
                        ctx.queryParam("platform"),
                        ctx.queryParam("domain"),
                        ctx.queryParam("team"),
                        ctx.queryParam("tag"),
                        minHealth,
                        !"true".equals(ctx.queryParam("excludeDeprecated")));
        ctx.json(Map.of("query", q, "results", search.search(q, filter, limit)));
    }

    private static void verify(
            Context ctx, VerifyLookup lookup, KnowledgeSearch search, List<String> datasets)
            throws Exception {
        if (datasets.isEmpty()) {
            throw new BadRequest(
                    "name at least one dataset: ?dataset=<urn or name> (repeatable), or POST"
                            + " {\"datasets\": [...]}");
        }
        if (datasets.size() > MAX_DATASETS) {
            throw new BadRequest("at most " + MAX_DATASETS + " datasets per request");
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (String dataset : datasets) {
            List<String> urns = lookup.resolve(dataset);
            if (urns.size() > 1) {
                throw new BadRequest(
                        "'" + dataset + "' names " + urns.size() + " datasets: " + urns);
            }
            verdicts.add(VerifyCommand.verify(dataset, urns, lookup, search));
        }
        ctx.json(Map.of("verdicts", verdicts));
    }

    private static List<String> datasetsOf(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (IOException e) {
            throw new BadRequest("the body is not JSON: " + e.getMessage());
        }
        JsonNode datasets = body == null ? null : body.get("datasets");
        if (datasets == null || !datasets.isArray()) {
            throw new BadRequest("the body must be {\"datasets\": [\"<urn or name>\", ...]}");
        }
        List<String> out = new ArrayList<>();
        datasets.forEach(d -> out.add(d.asText()));
        return out;
    }

    private static void status(Context ctx, StatusLookup lookup) throws Exception {
        String dataset = ctx.queryParam("dataset");
        if (dataset == null || dataset.isBlank()) {
            throw new BadRequest("query parameter dataset (a URN or a name) is missing");
        }
        List<String> urns = lookup.resolve(dataset);
        if (urns.isEmpty()) {
            throw new NotFound("no dataset '" + dataset + "' is known to DataSpoke");
        }
        if (urns.size() > 1) {
            throw new BadRequest("'" + dataset + "' names " + urns.size() + " datasets: " + urns);
        }
        ctx.contentType("application/json")
                .result(StatusRecords.toJson(lookup.status(urns.get(0))));
    }

    private static int intParam(Context ctx, String name, int fallback, int least, int most) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < least || n > most) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(
                    name
                            + " must be a whole number from "
                            + least
                            + " to "
                            + most
                            + ", got '"
                            + value
                            + "'");
        }
    }

    /** A request the server cannot answer as asked: 400. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** A dataset the server does not know: 404. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }
}
