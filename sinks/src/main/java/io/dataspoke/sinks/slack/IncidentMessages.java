package io.dataspoke.sinks.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.AlertText;
import io.dataspoke.quality.alert.IncidentAlert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns an {@link IncidentAlert} into a Slack message: a header with the severity and the title
 * (and which update it is), the root cause, the blast radius by hop distance, what changed since
 * the previous message, and for the last message how long the incident lasted. All catalog text is
 * escaped; dataset names link to DataHub when its web URL is known.
 *
 * <p>The dedup key is {@code <incident id>:<sequence>}, with {@code @<route>} appended when the
 * message goes to a named route: the same alert composed again after a restore is dropped by the
 * delivery log, a genuine update (a new sequence) goes out, and the same alert sent to two channels
 * is two deliveries, not one.
 */
public final class IncidentMessages {

    /** Names shown per hop distance before "and N more". */
    static final int NAMES_PER_HOP = 8;

    /** Hop distances shown before "and N more datasets further down". */
    static final int HOPS_SHOWN = 6;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private static final Map<Severity, String> EMOJI =
            Map.of(
                    Severity.LOW, ":large_blue_circle:",
                    Severity.MEDIUM, ":large_yellow_circle:",
                    Severity.HIGH, ":large_orange_circle:",
                    Severity.CRITICAL, ":red_circle:");

    private static final String RESOLVED_EMOJI = ":white_check_mark:";

    private IncidentMessages() {}

    /**
     * The message for {@code alert}, keyed {@code <incident id>:<sequence>}: for a job that sends
     * every alert to one channel.
     *
     * @param datahubWebUrl DataHub's web URL for links, null for none
     */
    public static SlackMessage of(IncidentAlert alert, String datahubWebUrl) {
        return of(alert, null, datahubWebUrl);
    }

    /**
     * The message for {@code alert} on {@code route}, keyed {@code <incident
     * id>:<sequence>@<route>} so that the delivery log (one table for all channels) tells the
     * channels apart.
     *
     * @param route the route's name, null for {@link #of(IncidentAlert, String)}'s key
     * @param datahubWebUrl DataHub's web URL for links, null for none
     */
    public static SlackMessage of(IncidentAlert alert, String route, String datahubWebUrl) {
        Objects.requireNonNull(alert, "alert");
        Incident incident = alert.incident();
        Links links = new Links(datahubWebUrl);
        List<ObjectNode> blocks = new ArrayList<>();
        blocks.add(BlockKit.header(header(alert)));
        blocks.add(BlockKit.context(summary(incident)));
        if (alert.kind() == IncidentAlert.Kind.RESOLVED) {
            blocks.add(BlockKit.section(resolution(alert)));
        }
        if (alert.changes().length > 0) {
            StringBuilder changes = new StringBuilder("*Since the last message*");
            for (String change : alert.changes()) {
                changes.append('\n').append(BlockKit.mrkdwn("• %s", change));
            }
            blocks.add(BlockKit.section(changes.toString()));
        }
        blocks.add(BlockKit.divider());
        blocks.add(BlockKit.section(rootCause(incident, links)));
        blocks.add(BlockKit.section(blastRadius(incident, links)));
        return SlackMessage.of(
                dedupKey(alert, route),
                fallbackText(alert),
                BlockKit.blocks(blocks.toArray(new ObjectNode[0])));
    }

    /** {@code <incident id>:<sequence>}, then {@code @<route>} when a route is named. */
    public static String dedupKey(IncidentAlert alert, String route) {
        return route == null ? alert.dedupKey() : alert.dedupKey() + "@" + route;
    }

    private static String header(IncidentAlert alert) {
        String title = alert.incident().title();
        return switch (alert.kind()) {
            case OPENED -> EMOJI.get(alert.incident().severity()) + " " + title;
            case UPDATED ->
                    EMOJI.get(alert.incident().severity())
                            + " Update "
                            + alert.sequence()
                            + ": "
                            + title;
            case RESOLVED -> RESOLVED_EMOJI + " Resolved: " + title;
        };
    }

    private static String summary(Incident incident) {
        StringBuilder text =
                new StringBuilder(
                        BlockKit.mrkdwn(
                                "*%s* · incident `%s` · opened %s",
                                incident.severity(),
                                incident.id(),
                                TIME.format(Instant.ofEpochMilli(incident.openedMillis()))));
        if (incident.team() != null) {
            text.append(BlockKit.mrkdwn(" · team %s", incident.team()));
        }
        if (incident.domain() != null) {
            text.append(BlockKit.mrkdwn(" · domain %s", bareDomain(incident.domain())));
        }
        return text.toString();
    }

    private static String resolution(IncidentAlert alert) {
        Incident incident = alert.incident();
        long resolvedAt =
                incident.resolvedMillis() == null
                        ? incident.updatedMillis()
                        : incident.resolvedMillis();
        String lasted = AlertText.duration(resolvedAt - incident.openedMillis());
        String at = TIME.format(Instant.ofEpochMilli(resolvedAt));
        if (alert.openedAndResolved()) {
            return BlockKit.mrkdwn(
                    "*Opened and resolved* within %s (resolved %s), before the first alert was"
                            + " due; no action needed.",
                    lasted, at);
        }
        return BlockKit.mrkdwn("*Resolved* after %s, at %s.", lasted, at);
    }

    private static String rootCause(Incident incident, Links links) {
        StringBuilder text =
                new StringBuilder("*Root cause* *")
                        .append(links.dataset(incident.rootUrn()))
                        .append('*');
        if (incident.column() != null) {
            text.append(BlockKit.mrkdwn(" · column `%s`", incident.column()));
        }
        text.append('\n').append(BlockKit.mrkdwn("*Cause* %s", incident.cause()));
        for (AffectedDataset d : affected(incident)) {
            if (d.urn().equals(incident.rootUrn()) && d.reason() != null) {
                text.append(BlockKit.mrkdwn(" · %s", d.reason()));
                break;
            }
        }
        return text.toString();
    }

    private static String blastRadius(Incident incident, Links links) {
        Map<Integer, List<AffectedDataset>> byHops = new TreeMap<>();
        int downstream = 0;
        int recovered = 0;
        for (AffectedDataset d : affected(incident)) {
            if (d.urn().equals(incident.rootUrn())) {
                continue;
            }
            byHops.computeIfAbsent(d.hops(), h -> new ArrayList<>()).add(d);
            downstream++;
            recovered += d.recovered() ? 1 : 0;
        }
        if (downstream == 0) {
            return "*Blast radius* no downstream dataset affected";
        }
        StringBuilder text =
                new StringBuilder(
                        BlockKit.mrkdwn(
                                "*Blast radius* %d downstream dataset%s",
                                downstream, downstream == 1 ? "" : "s"));
        if (recovered > 0) {
            text.append(BlockKit.mrkdwn(", %d recovered", recovered));
        }
        int shownHops = 0;
        int notShown = 0;
        for (Map.Entry<Integer, List<AffectedDataset>> hop : byHops.entrySet()) {
            if (shownHops == HOPS_SHOWN) {
                notShown += hop.getValue().size();
                continue;
            }
            shownHops++;
            List<String> names = new ArrayList<>();
            List<AffectedDataset> datasets = hop.getValue();
            for (int i = 0; i < Math.min(NAMES_PER_HOP, datasets.size()); i++) {
                AffectedDataset d = datasets.get(i);
                names.add(links.dataset(d.urn()) + (d.recovered() ? " (recovered)" : ""));
            }
            if (datasets.size() > NAMES_PER_HOP) {
                names.add(BlockKit.mrkdwn("and %d more", datasets.size() - NAMES_PER_HOP));
            }
            text.append('\n')
                    .append(BlockKit.mrkdwn("*%s:* ", AlertText.hops(hop.getKey())))
                    .append(String.join(", ", names));
        }
        if (notShown > 0) {
            text.append('\n')
                    .append(BlockKit.mrkdwn("and %d more datasets further down", notShown));
        }
        return text.toString();
    }

    /** Plain text: what notifications and clients without blocks show. */
    private static String fallbackText(IncidentAlert alert) {
        Incident incident = alert.incident();
        String id = " (incident " + incident.id() + ")";
        return switch (alert.kind()) {
            case OPENED ->
                    "["
                            + incident.severity()
                            + "] "
                            + incident.title()
                            + ": "
                            + incident.cause()
                            + " at "
                            + AlertText.datasetName(incident.rootUrn())
                            + ", "
                            + downstreamCount(incident)
                            + id;
            case UPDATED ->
                    "Update "
                            + alert.sequence()
                            + " ["
                            + incident.severity()
                            + "] "
                            + incident.title()
                            + ": "
                            + String.join("; ", alert.changes())
                            + id;
            case RESOLVED ->
                    (alert.openedAndResolved() ? "Opened and resolved within " : "Resolved after ")
                            + AlertText.duration(
                                    (incident.resolvedMillis() == null
                                                    ? incident.updatedMillis()
                                                    : incident.resolvedMillis())
                                            - incident.openedMillis())
                            + ": "
                            + incident.title()
                            + id;
        };
    }

    private static String downstreamCount(Incident incident) {
        long n =
                Arrays.stream(affected(incident))
                        .filter(d -> !d.urn().equals(incident.rootUrn()))
                        .count();
        return n == 0
                ? "nothing downstream affected"
                : n + " downstream dataset" + (n == 1 ? "" : "s") + " affected";
    }

    private static AffectedDataset[] affected(Incident incident) {
        return incident.affected() == null ? new AffectedDataset[0] : incident.affected();
    }

    private static String bareDomain(String domain) {
        return domain.startsWith("urn:li:domain:")
                ? domain.substring("urn:li:domain:".length())
                : domain;
    }

    /** Dataset names, linked to DataHub when its URL is known. */
    private record Links(String datahubWebUrl) {
        String dataset(String urn) {
            String name = AlertText.datasetName(urn);
            if (datahubWebUrl == null) {
                return BlockKit.escape(name);
            }
            return BlockKit.link(
                    datahubWebUrl.replaceAll("/+$", "")
                            + "/dataset/"
                            + URLEncoder.encode(urn, StandardCharsets.UTF_8),
                    name);
        }
    }
}
