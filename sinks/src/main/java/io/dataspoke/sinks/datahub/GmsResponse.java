package io.dataspoke.sinks.datahub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import datahub.client.MetadataWriteResponse;
import datahub.shaded.org.apache.hc.core5.http.Header;
import datahub.shaded.org.apache.hc.core5.http.HttpResponse;
import java.io.IOException;

/**
 * What GMS answered to one send: its status, its Retry-After header and its body. The client's
 * {@link MetadataWriteResponse} only says success or not; the status and headers are on the
 * (shaded) Apache HttpClient response it wraps, read here and nowhere else.
 */
record GmsResponse(int status, String retryAfter, String body) {

    /** Error bodies are cut to this many characters in messages: GMS adds whole stack traces. */
    static final int MAX_BODY_CHARS = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer inside the client's response; fails when the client gave none. */
    static GmsResponse of(MetadataWriteResponse response) throws IOException {
        if (response == null || !(response.getUnderlyingResponse() instanceof HttpResponse http)) {
            throw new IOException("the DataHub client returned no HTTP response");
        }
        Header retryAfter = http.getFirstHeader("Retry-After");
        return new GmsResponse(
                http.getCode(),
                retryAfter == null ? null : retryAfter.getValue(),
                response.getResponseContent());
    }

    /**
     * What GMS said, for an error message: the {@code message} of its Rest.li error JSON when there
     * is one (the rest is a server stack trace), otherwise the body itself, shortened.
     */
    String errorMessage() {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String said = body.strip();
        if (said.startsWith("{")) {
            try {
                JsonNode message = JSON.readTree(said).get("message");
                if (message != null && message.isTextual()) {
                    said = message.asText();
                }
            } catch (IOException notJson) {
                // Then the raw body is the best we have.
            }
        }
        return said.length() <= MAX_BODY_CHARS ? said : said.substring(0, MAX_BODY_CHARS) + "…";
    }
}
