package io.dataspoke.sinks.datahub;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * Where DataHub's GMS is and the token to call it with. It travels with the sink, so it holds only
 * what a writer needs to build its client. The token is resolved by the caller from the environment
 * ({@link #fromEnvironment}), never from config text, and is never printed.
 */
public record DataHubSinkOptions(String gmsUrl, String token) implements Serializable {

    /** The variable {@link #fromEnvironment(String)} reads the token from. */
    public static final String DEFAULT_TOKEN_VARIABLE = "DATAHUB_GMS_TOKEN";

    public DataHubSinkOptions {
        Objects.requireNonNull(gmsUrl, "gmsUrl");
        gmsUrl = checkedUrl(gmsUrl);
        if (token != null && token.isBlank()) {
            token = null;
        }
    }

    /** Options for a GMS that does not check tokens (metadata service authentication off). */
    public static DataHubSinkOptions withoutToken(String gmsUrl) {
        return new DataHubSinkOptions(gmsUrl, null);
    }

    /** Options whose token is the value of {@code DATAHUB_GMS_TOKEN}, if set. */
    public static DataHubSinkOptions fromEnvironment(String gmsUrl) {
        return fromEnvironment(gmsUrl, DEFAULT_TOKEN_VARIABLE, System.getenv());
    }

    /** Options whose token is the value of {@code tokenVariable} in {@code environment}, if set. */
    public static DataHubSinkOptions fromEnvironment(
            String gmsUrl, String tokenVariable, Map<String, String> environment) {
        Objects.requireNonNull(tokenVariable, "tokenVariable");
        Objects.requireNonNull(environment, "environment");
        return new DataHubSinkOptions(gmsUrl, environment.get(tokenVariable));
    }

    /** Whether requests carry {@code Authorization: Bearer <token>}. */
    public boolean hasToken() {
        return token != null;
    }

    /** Never prints the token, only whether there is one. */
    @Override
    public String toString() {
        return "DataHubSinkOptions[gmsUrl="
                + gmsUrl
                + ", token="
                + (hasToken() ? "***" : "none")
                + "]";
    }

    private static String checkedUrl(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!http || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "expected GMS's http(s) URL, e.g. http://datahub-gms:8080, got '"
                                + url
                                + "'");
            }
            if (uri.getRawUserInfo() != null) {
                // The URL is printed in logs; credentials belong in the token.
                throw new IllegalArgumentException(
                        "the GMS URL must not carry credentials; pass a token instead");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + url + "'", e);
        }
        return trimmed;
    }
}
