package io.dataspoke.sinks.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the few Slack Block Kit blocks DataSpoke sends (header, section, context, divider) and
 * escapes user data for Slack's {@code mrkdwn}.
 *
 * <p>Slack turns {@code <…>} into links, user and channel mentions ({@code <@U123>}, {@code
 * <!channel>}), so a dataset name or a description taken from the catalog must never reach a {@code
 * mrkdwn} field unescaped: {@link #escape} replaces {@code &}, {@code <} and {@code >} with the
 * entities Slack expects, and {@link #mrkdwn} escapes every argument of a template whose fixed part
 * carries the formatting. Texts longer than Slack's limits are cut rather than rejected, since
 * Slack answers {@code 400 invalid_blocks} to an over-long block and the sink treats that as fatal.
 */
public final class BlockKit {

    /** Slack's limit for the text of a header block. */
    public static final int MAX_HEADER_CHARS = 150;

    /** Slack's limit for the text of a section block. */
    public static final int MAX_SECTION_CHARS = 3000;

    /** Slack's limit for each field of a section block. */
    public static final int MAX_FIELD_CHARS = 2000;

    /** Slack's limit for fields of a section and for elements of a context block. */
    public static final int MAX_ELEMENTS = 10;

    /** Slack's limit for blocks in one message. */
    public static final int MAX_BLOCKS = 50;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // What a cut may leave at the end: half an entity ("&am") or half a link ("<https://x|na").
    private static final Pattern TORN_ENTITY = Pattern.compile("&[#a-zA-Z0-9]*$");
    private static final Pattern TORN_LINK = Pattern.compile("<[^>]*$");

    private BlockKit() {}

    /** Escapes {@code &}, {@code <} and {@code >} so that Slack shows the text as it is. */
    public static String escape(String raw) {
        Objects.requireNonNull(raw, "raw");
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Formats a {@code mrkdwn} text: the template is trusted (it holds {@code *bold*} and the
     * like), every argument is escaped. Numbers and booleans are passed as they are so that {@code
     * %d} and {@code %.1f} still work.
     */
    public static String mrkdwn(String template, Object... args) {
        Objects.requireNonNull(template, "template");
        Object[] escaped = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            escaped[i] =
                    arg instanceof Number || arg instanceof Boolean
                            ? arg
                            : escape(String.valueOf(arg));
        }
        return String.format(Locale.ROOT, template, escaped);
    }

    /**
     * A {@code mrkdwn} link. Only http and https URLs are accepted, and a URL holding {@code |},
     * {@code <}, {@code >} or white space is refused, so it cannot close the link early and smuggle
     * in a mention; the label is escaped.
     */
    public static String link(String url, String label) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(label, "label");
        if (url.chars()
                .anyMatch(c -> c == '|' || c == '<' || c == '>' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("URL holds a character that would break the link");
        }
        String scheme = URI.create(url).getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("only http and https links, got scheme " + scheme);
        }
        return "<" + escape(url) + "|" + escape(label) + ">";
    }

    /** A header block: plain text (Slack parses no formatting there), cut to 150 characters. */
    public static ObjectNode header(String plainText) {
        ObjectNode block = NODES.objectNode();
        block.put("type", "header");
        block.set("text", plainText(cut(plainText, MAX_HEADER_CHARS)));
        return block;
    }

    /** A section block with one {@code mrkdwn} text, cut to 3000 characters. */
    public static ObjectNode section(String mrkdwn) {
        ObjectNode block = NODES.objectNode();
        block.put("type", "section");
        block.set("text", mrkdwnText(cutMrkdwn(mrkdwn, MAX_SECTION_CHARS)));
        return block;
    }

    /** A section block of up to ten {@code mrkdwn} fields, shown in two columns. */
    public static ObjectNode fields(String... mrkdwn) {
        checkCount(mrkdwn.length, "fields of a section");
        ObjectNode block = NODES.objectNode();
        block.put("type", "section");
        ArrayNode fields = block.putArray("fields");
        for (String field : mrkdwn) {
            fields.add(mrkdwnText(cutMrkdwn(field, MAX_FIELD_CHARS)));
        }
        return block;
    }

    /** A context block: up to ten small {@code mrkdwn} texts under the main content. */
    public static ObjectNode context(String... mrkdwn) {
        checkCount(mrkdwn.length, "elements of a context block");
        ObjectNode block = NODES.objectNode();
        block.put("type", "context");
        ArrayNode elements = block.putArray("elements");
        for (String element : mrkdwn) {
            elements.add(mrkdwnText(cutMrkdwn(element, MAX_SECTION_CHARS)));
        }
        return block;
    }

    /** A divider block. */
    public static ObjectNode divider() {
        ObjectNode block = NODES.objectNode();
        block.put("type", "divider");
        return block;
    }

    /** The blocks of one message, at most 50. */
    public static ArrayNode blocks(ObjectNode... blocks) {
        if (blocks.length > MAX_BLOCKS) {
            throw new IllegalArgumentException(
                    "Slack takes at most " + MAX_BLOCKS + " blocks, got " + blocks.length);
        }
        ArrayNode array = NODES.arrayNode();
        for (ObjectNode block : blocks) {
            array.add(Objects.requireNonNull(block, "block"));
        }
        return array;
    }

    private static ObjectNode plainText(String text) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "plain_text");
        node.put("text", text);
        node.put("emoji", true);
        return node;
    }

    // verbatim: Slack then links only what the text links explicitly, not bare URLs or #names.
    private static ObjectNode mrkdwnText(String text) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "mrkdwn");
        node.put("text", text);
        node.put("verbatim", true);
        return node;
    }

    private static void checkCount(int count, String what) {
        if (count == 0 || count > MAX_ELEMENTS) {
            throw new IllegalArgumentException(
                    "Slack takes 1 to " + MAX_ELEMENTS + " " + what + ", got " + count);
        }
    }

    static String cut(String text, int maxChars) {
        Objects.requireNonNull(text, "text");
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    static String cutMrkdwn(String mrkdwn, int maxChars) {
        Objects.requireNonNull(mrkdwn, "mrkdwn");
        if (mrkdwn.length() <= maxChars) {
            return mrkdwn;
        }
        String head = cut(mrkdwn, maxChars);
        head = head.substring(0, head.length() - 1);
        head = TORN_LINK.matcher(head).replaceFirst("");
        head = TORN_ENTITY.matcher(head).replaceFirst("");
        return head + "…";
    }
}
