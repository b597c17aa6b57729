package io.dataspoke.sinks.slack;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the Slack incoming-webhook URL from the environment and keeps it out of messages.
 *
 * <p>The URL is a secret: whoever holds it can post into the channel. It is never written in a
 * config file; the file (or the caller) names the environment variable, {@value
 * #DEFAULT_ENV_VARIABLE} by default. Errors name the variable, never the value, and anything this
 * package prints about the webhook shows its host only.
 */
public final class SlackWebhookUrl {

    /** The environment variable read when none is configured. */
    public static final String DEFAULT_ENV_VARIABLE = "DATASPOKE_SLACK_WEBHOOK_URL";

    private static final String REDACTED = "<redacted>";

    private SlackWebhookUrl() {}

    /** The URL held by {@value #DEFAULT_ENV_VARIABLE}. */
    public static String fromEnvironment() {
        return fromEnvironment(DEFAULT_ENV_VARIABLE);
    }

    /** The URL held by the named environment variable of this process. */
    public static String fromEnvironment(String variable) {
        return fromEnvironment(System.getenv(), variable);
    }

    /**
     * The URL held by {@code variable} in {@code environment}.
     *
     * @throws IllegalArgumentException naming the variable (not its value) when it is unset, blank
     *     or not an http(s) URL with a host
     */
    public static String fromEnvironment(Map<String, String> environment, String variable) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(variable, "variable");
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "environment variable "
                            + variable
                            + " is not set; it must hold the Slack incoming-webhook URL");
        }
        String url = value.strip();
        check(url, "environment variable " + variable);
        return url;
    }

    /**
     * Checks that {@code url} is an absolute http(s) URL with a host, and returns it parsed.
     *
     * @param what names the URL in the error message, which never holds the URL itself
     */
    static URI check(String url, String what) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // Not chained: the cause's message repeats the whole URL.
            throw new IllegalArgumentException(
                    what
                            + " does not hold a valid URL: "
                            + e.getReason()
                            + " at index "
                            + e.getIndex());
        }
        String scheme = uri.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException(
                    what + " must hold an https URL (http for tests), got scheme " + scheme);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(what + " holds a URL without a host");
        }
        return uri;
    }

    /** The host of a webhook URL: all that may be shown of it. */
    public static String hostOf(URI url) {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    /**
     * Replaces the URL, and its path (which holds the token), wherever it occurs in {@code text}:
     * for texts this package did not write itself, such as a response body or an exception message
     * from the HTTP client.
     */
    static String redact(String text, URI url) {
        if (text == null) {
            return null;
        }
        String redacted = text.replace(url.toString(), REDACTED);
        String path = url.getRawPath();
        if (path != null && path.length() > 1) {
            redacted = redacted.replace(path, REDACTED);
        }
        return redacted;
    }
}
