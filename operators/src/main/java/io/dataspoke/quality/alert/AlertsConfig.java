package io.dataspoke.quality.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataspoke.config.ConfigException;
import io.dataspoke.config.ConfigProblem;
import io.dataspoke.config.Validated;
import io.dataspoke.config.YamlFiles;
import io.dataspoke.quality.Severity;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.util.TimeUtils;

/**
 * The {@code alerts} section of a config file: the grouping window of incident alerts and the Slack
 * routes (docs/slack-sink.md, "Incident alerts"). A config record binds it as a field named {@code
 * alerts} and calls {@link #validate()}; {@link #read(Path)} reads a file holding only this
 * section. Keys at fault are reported as {@code alerts.…}.
 *
 * <p>Webhook URLs are secrets: a route names the environment variable holding its URL, and a file
 * that holds a webhook URL itself is refused, naming the line but never echoing the URL.
 */
public record AlertsConfig(String groupingWindow, List<Route> routes, String defaultRoute)
        implements Serializable {

    static final Duration MAX_GROUPING_WINDOW = Duration.ofHours(1);

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SLACK_HOOKS = "hooks.slack.com";

    public AlertsConfig {
        groupingWindow = groupingWindow == null ? "5m" : groupingWindow;
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /**
     * One route as written in the file.
     *
     * @param minSeverity {@code low}, {@code medium}, {@code high} or {@code critical}, any case
     */
    public record Route(
            String name, String team, String domain, String minSeverity, String webhookEnv)
            implements Serializable {}

    /** A file whose only content is the {@code alerts} section. */
    public record Document(@JsonProperty(required = true) AlertsConfig alerts)
            implements Validated {
        @Override
        public void validate() {
            alerts.validate();
        }
    }

    /**
     * Reads and validates a file holding an {@code alerts} section; a mistake throws a {@link
     * ConfigException} naming file, line and key.
     */
    public static AlertsConfig read(Path file) {
        AlertsConfig alerts = YamlFiles.read(file, Document.class).alerts();
        refuseWebhookUrls(file);
        return alerts;
    }

    /**
     * Throws when {@code file} holds a Slack webhook URL anywhere, comments included: a URL in a
     * config file ends up in version control and in support bundles. Names the line, not the URL.
     */
    public static void refuseWebhookUrls(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException(file, 0, "", "cannot read: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(SLACK_HOOKS)) {
                throw new ConfigException(
                        file,
                        i + 1,
                        "",
                        "a Slack webhook URL is a secret and does not belong in a config file;"
                                + " put it in an environment variable and name the variable in"
                                + " webhookEnv");
            }
        }
    }

    /** Throws {@link ConfigProblem} naming the first key that is wrong. */
    public void validate() {
        groupingWindowDuration();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            String key = "alerts.routes[" + i + "]";
            if (route == null) {
                throw new ConfigProblem(key, "a route needs at least a name and webhookEnv");
            }
            if (route.name() == null || route.name().isBlank()) {
                throw new ConfigProblem(key + ".name", "every route needs a name");
            }
            notAUrl(key + ".name", route.name());
            if (!names.add(route.name())) {
                throw new ConfigProblem(
                        key + ".name", "another route is already named '" + route.name() + "'");
            }
            notAUrl(key + ".team", route.team());
            notAUrl(key + ".domain", route.domain());
            severity(key + ".minSeverity", route.minSeverity());
            String env = route.webhookEnv();
            if (env == null) {
                throw new ConfigProblem(
                        key + ".webhookEnv",
                        "required: the environment variable holding the channel's webhook URL");
            }
            notAUrl(key + ".webhookEnv", env);
            if (!ENV_NAME.matcher(env).matches()) {
                throw new ConfigProblem(
                        key + ".webhookEnv",
                        "expected an environment variable name such as SLACK_WEBHOOK_PAYMENTS");
            }
        }
        if (defaultRoute != null && !names.contains(defaultRoute)) {
            throw new ConfigProblem(
                    "alerts.defaultRoute",
                    "'" + defaultRoute + "' is not one of the routes " + names);
        }
    }

    /** The grouping window; accepts Flink's duration syntax (5m, 90 s, 1 min). */
    public Duration groupingWindowDuration() {
        Duration d;
        try {
            d = TimeUtils.parseDuration(groupingWindow);
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem(
                    "alerts.groupingWindow",
                    "expected a duration such as 5m or 90s, got '" + groupingWindow + "'");
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(MAX_GROUPING_WINDOW) > 0) {
            throw new ConfigProblem(
                    "alerts.groupingWindow",
                    "must be between 1s and 1h (the first alert waits this long), got "
                            + groupingWindow);
        }
        return d;
    }

    /** The routes, validated. */
    public AlertRouting routing() {
        validate();
        List<AlertRoute> built = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            built.add(
                    new AlertRoute(
                            r.name(),
                            r.team(),
                            r.domain(),
                            severity("alerts.routes[" + i + "].minSeverity", r.minSeverity()),
                            r.webhookEnv()));
        }
        return new AlertRouting(built, defaultRoute);
    }

    private static Severity severity(String key, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem(
                    key,
                    "unknown severity '"
                            + value
                            + "'; expected one of "
                            + Arrays.stream(Severity.values())
                                    .map(s -> s.name().toLowerCase(Locale.ROOT))
                                    .toList());
        }
    }

    // The value is not echoed: it may be the secret.
    private static void notAUrl(String key, String value) {
        if (value != null && (value.contains("://") || value.contains(SLACK_HOOKS))) {
            throw new ConfigProblem(
                    key,
                    "looks like a URL; a webhook URL is a secret and does not belong in a config"
                            + " file: put it in an environment variable and name the variable in"
                            + " webhookEnv");
        }
    }
}
