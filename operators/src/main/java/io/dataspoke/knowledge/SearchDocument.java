package io.dataspoke.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What the index knows of one entity: the text the embedding model reads, the fields the lexical
 * vector is built from, and the payload search filters on and shows.
 *
 * @param id the point id ({@code PointIds.of(urn)})
 * @param text the prose the embedding model reads: names spelled out, descriptions, columns
 * @param fields the lexical fields with their boosts
 */
public record SearchDocument(
        String id, String text, List<LexicalEncoder.Field> fields, DocumentPayload payload) {

    public SearchDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        fields = List.copyOf(fields);
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * A hash of what is embedded and encoded: equal hashes mean the vectors would come out the
     * same, so only the payload needs writing.
     */
    public String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, text);
            for (LexicalEncoder.Field field : fields) {
                update(sha, field.text());
                update(sha, Float.toString(field.boost()));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void update(MessageDigest sha, String s) {
        byte[] bytes = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        sha.update(
                new byte[] {
                    (byte) (bytes.length >>> 24),
                    (byte) (bytes.length >>> 16),
                    (byte) (bytes.length >>> 8),
                    (byte) bytes.length
                });
        sha.update(bytes);
    }
}
