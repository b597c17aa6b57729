package io.dataspoke.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.db.Migrations;
import io.dataspoke.embedded.EmbeddedPostgres;
import io.dataspoke.health.DatasetDocs;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.knowledge.DocumentEncoder;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.SearchDocument;
import io.dataspoke.knowledge.SearchDocuments;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.index.IndexedDocument;
import io.dataspoke.knowledge.index.LocalVectorIndex;
import io.dataspoke.knowledge.search.KnowledgeSearch;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataspoke serve} over real HTTP: an embedded Postgres holding one blocked table with an
 * open incident and two healthy ones, an embedded index of the three, and every route of the
 * OpenAPI document asked with good and bad requests.
 */
class KnowledgeServerITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDERS =
            "urn:li:dataset:(urn:li:dataPlatform:snowflake,sales.public.orders,PROD)";
    private static final String ORDERS_V2 =
            "urn:li:dataset:(urn:li:dataPlatform:snowflake,sales.public.orders_v2,PROD)";
    private static final String PAGES =
            "urn:li:dataset:(urn:li:dataPlatform:hive,web.page_views,PROD)";

    @TempDir static Path workDir;

    private static EmbeddedPostgres postgres;
    private static String databaseUrl;
    private static LocalVectorIndex index;
    private static KnowledgeServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() throws Exception {
        postgres = EmbeddedPostgres.start(workDir.resolve("pg"));
        String url = postgres.createDatabase("serve_it");
        databaseUrl = url;
        Migrations.migrate(url, postgres.user(), postgres.password());
        PostgresOptions options = new PostgresOptions(url, postgres.user(), postgres.password());
        try (Connection c = options.connect();
                Statement s = c.createStatement()) {
            for (String urn : List.of(ORDERS, ORDERS_V2, PAGES)) {
                s.executeUpdate(
                        "INSERT INTO entities VALUES ('"
                                + urn
                                + "', 'dataset', '{}', false, now(), 1)");
            }
            s.executeUpdate(
                    "INSERT INTO incidents VALUES ('inc-1', '"
                            + ORDERS
                            + "', 'Column amount of sales.public.orders was removed',"
                            + " 'schema-change', 'OPEN', 'HIGH', now(), now(), NULL, 'amount',"
                            + " '[{\"urn\": \""
                            + ORDERS
                            + "\", \"hops\": 0, \"reason\": \"root\", \"recovered\": false}]',"
                            + " 1, 'sales', NULL)");
            s.executeUpdate(
                    "INSERT INTO dataset_status VALUES ('"
                            + ORDERS
                            + "', 'BLOCK', '[\"incident inc-1 (HIGH)\"]', '[\"inc-1\"]', now(),"
                            + " now())");
        }

        TextEmbedder embedder = new TextEmbedder(EmbeddingModel.ALL_MINILM_L6_V2);
        LexicalEncoder lexical = new LexicalEncoder();
        SearchDocuments documents =
                new SearchDocuments(Map.of(), HealthRulesConfig.defaults().rules().pii());
        List<SearchDocument> docs = new ArrayList<>();
        docs.add(
                withQuality(
                        documents.of(
                                DatasetDocs.of(
                                        ORDERS,
                                        "{\"datasetProperties\":{\"description\":\"Orders placed"
                                                + " in the web shop, one row per order\"}}")),
                        "BLOCK",
                        1));
        docs.add(
                documents.of(
                        DatasetDocs.of(
                                ORDERS_V2,
                                "{\"datasetProperties\":{\"description\":\"Orders placed in the"
                                        + " web shop, one row per order, new model\"}}")));
        docs.add(
                documents.of(
                        DatasetDocs.of(
                                PAGES,
                                "{\"datasetProperties\":{\"description\":\"Page views of the"
                                        + " web site\"}}")));
        index = LocalVectorIndex.inMemory();
        index.create(384);
        List<IndexedDocument> points = new DocumentEncoder(embedder, lexical).encode(docs);
        index.upsert(points);
        server =
                KnowledgeServer.start(
                        "127.0.0.1", 0, new KnowledgeSearch(embedder, lexical, index), options);
    }

    private static SearchDocument withQuality(SearchDocument d, String status, int incidents) {
        return new SearchDocument(
                d.id(), d.text(), d.fields(), d.payload().withQuality(null, status, incidents));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (index != null) {
            index.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void searchRanksTheBlockedTableBelowItsHealthyTwin() throws Exception {
        HttpResponse<String> r = get("/search?q=" + encode("web shop orders") + "&limit=3");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(r.body()).get("results");
        assertThat(results.get(0).at("/dataset/urn").asText()).isEqualTo(ORDERS_V2);
        assertThat(results.get(0).get("demotedBy").asInt()).isZero();
        JsonNode blocked = null;
        for (JsonNode result : results) {
            if (result.at("/dataset/urn").asText().equals(ORDERS)) {
                blocked = result;
            }
        }
        assertThat(blocked).as(r.body()).isNotNull();
        assertThat(blocked.get("demotedBy").asInt()).isEqualTo(3);
        assertThat(blocked.get("cautions").toString())
                .contains("quality status BLOCK", "1 open incident");
    }

    @Test
    void verifyBlocksWithTheIncidentAndOffersTheHealthyTwin() throws Exception {
        HttpResponse<String> r = get("/verify?dataset=sales.public.orders");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode verdict = JSON.readTree(r.body()).at("/verdicts/0");
        assertThat(verdict.get("status").asText()).isEqualTo("BLOCK");
        assertThat(verdict.get("issues").toString()).contains("inc-1", "amount");
        assertThat(verdict.at("/alternatives/0/urn").asText()).isEqualTo(ORDERS_V2);

        HttpResponse<String> posted =
                HTTP.send(
                        HttpRequest.newBuilder(uri("/verify"))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"datasets\": [\""
                                                        + PAGES
                                                        + "\", \""
                                                        + ORDERS
                                                        + "\"]}"))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode both = JSON.readTree(posted.body()).get("verdicts");
        assertThat(both.get(0).get("status").asText()).isEqualTo("PASS");
        assertThat(both.get(1).get("status").asText()).isEqualTo("BLOCK");
    }

    @Test
    void statusIsWhatTheStatusTopicCarries() throws Exception {
        HttpResponse<String> r = get("/status?dataset=" + encode(ORDERS));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(r.body());
        assertThat(status.get("status").asText()).isEqualTo("BLOCK");
        assertThat(status.get("incidents").get(0).asText()).isEqualTo("inc-1");
        assertThat(get("/status?dataset=sales.nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void badRequestsGetA400ThatSaysWhatWasWrong() throws Exception {
        assertError(get("/search"), 400, "query parameter q");
        assertError(get("/search?q=x&limit=0"), 400, "limit must be a whole number from 1 to 100");
        assertError(get("/search?q=x&minHealth=high"), 400, "minHealth must be a number");
        assertError(get("/verify"), 400, "name at least one dataset");
        assertError(get("/status"), 400, "query parameter dataset");
        assertError(get("/nowhere"), 404, "see /openapi.json");
        HttpResponse<String> notJson =
                HTTP.send(
                        HttpRequest.newBuilder(uri("/verify"))
                                .POST(HttpRequest.BodyPublishers.ofString("datasets=orders"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertError(notJson, 400, "not JSON");
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteTheServerAnswers() throws Exception {
        HttpResponse<String> r = get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");

        List<String> documented = new ArrayList<>();
        for (Iterator<String> it = doc.get("paths").fieldNames(); it.hasNext(); ) {
            documented.add(it.next());
        }
        assertThat(documented)
                .containsExactlyInAnyOrder("/search", "/verify", "/status", "/openapi.json");
        // Every documented GET answers (not 404 for a missing route) and every $ref resolves.
        for (String path : documented) {
            int code = get(path).statusCode();
            assertThat(code).as(path).isIn(200, 400);
        }
        for (String ref : refs(doc, new ArrayList<>())) {
            assertThat(doc.at(ref.substring(1))).as(ref).isNotNull();
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    /** {@code dataspoke sql} on the same database: a recipe and a statement of one's own. */
    @Test
    void sqlRunsARecipeAndAStatementAgainstTheConfiguredDatabase() throws Exception {
        Path config = workDir.resolve("dataspoke.yaml");
        java.nio.file.Files.writeString(
                config,
                "kafka: {bootstrapServers: \"127.0.0.1:9\"}\n"
                        + "postgres: {url: \""
                        + databaseUrl
                        + "\", user: "
                        + postgres.user()
                        + "}\n");
        Path recipe =
                Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
                        .resolve("sql/recipes/blocked_now.sql");
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        int code;
        System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            code =
                    DataSpokeCli.execute(
                            "sql",
                            "-f",
                            recipe.toString(),
                            "-e",
                            "SELECT status, COUNT(*) AS datasets FROM dataset_status GROUP BY"
                                    + " status",
                            "--config",
                            config.toString());
        } finally {
            System.setOut(original);
        }
        String table = printed.toString(StandardCharsets.UTF_8);

        assertThat(code).as(table).isZero();
        assertThat(table)
                .contains(ORDERS)
                .contains("BLOCK")
                .containsPattern("(?s)1 row in set.*1 row in set");
    }

    private static List<String> refs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            e -> {
                                if (e.getKey().equals("$ref")) {
                                    out.add(e.getValue().asText());
                                } else {
                                    refs(e.getValue(), out);
                                }
                            });
        } else if (node.isArray()) {
            node.forEach(n -> refs(n, out));
        }
        return out;
    }

    private static void assertError(HttpResponse<String> r, int code, String message)
            throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(code);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains(message);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
