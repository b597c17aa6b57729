package io.dataspoke.sinks.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.health.OwnerDigest;
import io.dataspoke.health.Violation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns an owner's documentation digest into a Slack message: a header, who it is for, then each
 * dataset worst first with its score, the points lost since the last digest and the fixes, with a
 * link to the dataset in DataHub when its URL is known. All catalog text is escaped.
 */
public final class DigestMessages {

    /** Slack mention syntax a config may map an owner to: a user, a group or a channel. */
    public static final Pattern MENTION = Pattern.compile("<(@|#|!subteam\\^)[A-Za-z0-9]+>");

    private static final int FIXES_SHOWN = 3;

    private DigestMessages() {}

    /**
     * The message for {@code digest}.
     *
     * @param mention the owner's Slack mention (e.g. {@code <@U024BE7LH>}), null to name the owner
     * @param datahubUrl DataHub's web URL for links, null for none
     */
    public static SlackMessage of(OwnerDigest digest, String mention, String datahubUrl) {
        if (mention != null && !MENTION.matcher(mention).matches()) {
            throw new IllegalArgumentException(
                    "not a Slack mention: expected <@U…>, <#C…> or <!subteam^S…>");
        }
        int shown = digest.entries().length;
        int total = shown + digest.more();
        String title =
                total == 1
                        ? "Documentation digest: 1 dataset needs your attention"
                        : "Documentation digest: " + total + " datasets need your attention";
        List<ObjectNode> blocks = new ArrayList<>();
        blocks.add(BlockKit.header(title));
        String day =
                Instant.ofEpochMilli(digest.periodEndMillis())
                        .atOffset(ZoneOffset.UTC)
                        .toLocalDate()
                        .toString();
        blocks.add(
                BlockKit.context(
                        (mention == null
                                        ? BlockKit.mrkdwn("For %s", digest.owner())
                                        : "For " + mention)
                                + BlockKit.mrkdwn(" · up to %s · worst first", day)));
        for (OwnerDigest.Entry entry : digest.entries()) {
            blocks.add(BlockKit.divider());
            blocks.add(BlockKit.section(describe(entry, datahubUrl)));
        }
        if (digest.more() > 0) {
            blocks.add(
                    BlockKit.context(
                            BlockKit.mrkdwn(
                                    "and %d more dataset%s in DataSpoke's dataset_health table",
                                    digest.more(), digest.more() == 1 ? "" : "s")));
        }
        return SlackMessage.of(
                digest.key(), title, BlockKit.blocks(blocks.toArray(new ObjectNode[0])));
    }

    private static String describe(OwnerDigest.Entry entry, String datahubUrl) {
        String name =
                datahubUrl == null
                        ? BlockKit.mrkdwn("*%s*", entry.name())
                        : "*"
                                + BlockKit.link(
                                        datahubUrl.replaceAll("/+$", "")
                                                + "/dataset/"
                                                + URLEncoder.encode(
                                                        entry.urn(), StandardCharsets.UTF_8),
                                        entry.name())
                                + "*";
        StringBuilder text = new StringBuilder(name);
        text.append(BlockKit.mrkdwn(" · score *%d*/100", entry.score()));
        if (entry.drop() > 0) {
            text.append(BlockKit.mrkdwn(" (down %d since the last digest)", entry.drop()));
        }
        Violation[] violations = entry.violations();
        for (int i = 0; i < Math.min(FIXES_SHOWN, violations.length); i++) {
            text.append('\n').append(BlockKit.mrkdwn("• %s", violations[i].message()));
        }
        if (violations.length > FIXES_SHOWN) {
            text.append('\n')
                    .append(BlockKit.mrkdwn("• and %d more", violations.length - FIXES_SHOWN));
        }
        return text.toString();
    }
}
