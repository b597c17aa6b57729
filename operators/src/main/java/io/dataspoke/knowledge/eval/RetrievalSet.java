package io.dataspoke.knowledge.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.knowledge.SearchDocuments;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table-retrieval set: tables (one JSON object a line: {@code table_id}, {@code db_id}, {@code
 * table}, {@code table_natural}, {@code columns} of {@code name}, {@code natural}, {@code type},
 * optional {@code description}s) and questions ({@code qid}, {@code question}, {@code
 * gold_table_ids}). A malformed line stops loading with its file and line.
 */
public record RetrievalSet(List<Table> tables, List<Question> questions) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A table of the corpus. */
    public record Table(
            String id,
            String db,
            String name,
            String naturalName,
            String description,
            List<SearchDocuments.Column> columns) {

        /** The search document source of this table; its id doubles as its URN. */
        public SearchDocuments.Source source() {
            return new SearchDocuments.Source(
                    id,
                    db + "." + name,
                    name,
                    naturalName,
                    "",
                    description,
                    columns,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    false,
                    false);
        }
    }

    /** A question and the ids of the tables that answer it (lower case). */
    public record Question(String id, String text, List<String> goldTableIds) {}

    public static RetrievalSet load(Path tables, Path questions) throws IOException {
        List<Table> t = new ArrayList<>();
        read(
                tables,
                (node, where) -> {
                    List<SearchDocuments.Column> columns = new ArrayList<>();
                    for (JsonNode c : node.path("columns")) {
                        columns.add(
                                new SearchDocuments.Column(
                                        required(c, "name", where),
                                        text(c, "natural"),
                                        text(c, "type"),
                                        text(c, "description")));
                    }
                    t.add(
                            new Table(
                                    required(node, "table_id", where),
                                    required(node, "db_id", where),
                                    required(node, "table", where),
                                    text(node, "table_natural"),
                                    text(node, "description"),
                                    columns));
                });
        List<Question> q = new ArrayList<>();
        read(
                questions,
                (node, where) -> {
                    List<String> gold = new ArrayList<>();
                    for (JsonNode g : node.path("gold_table_ids")) {
                        gold.add(g.asText().toLowerCase(Locale.ROOT));
                    }
                    if (gold.isEmpty()) {
                        throw new IOException(where + ": no gold_table_ids");
                    }
                    q.add(
                            new Question(
                                    required(node, "qid", where),
                                    required(node, "question", where),
                                    gold));
                });
        return new RetrievalSet(List.copyOf(t), List.copyOf(q));
    }

    private interface LineReader {
        void read(JsonNode node, String where) throws IOException;
    }

    private static void read(Path file, LineReader reader) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + number;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IOException(where + ": not JSON: " + e.getOriginalMessage(), e);
                }
                reader.read(node, where);
            }
        }
    }

    private static String required(JsonNode node, String field, String where) throws IOException {
        String value = text(node, field);
        if (value == null) {
            throw new IOException(where + ": missing field \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
