package io.dataspoke.quality.alert;

import io.dataspoke.quality.Severity;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One Slack destination for incident alerts and the incidents it takes. A matcher left null matches
 * every incident; a route without matchers takes everything.
 *
 * @param name the route's name, unique in its {@link AlertRouting}; also part of the delivery log
 *     key, so the same alert can go to several channels
 * @param team the owning team, by name or as a {@code urn:li:corpGroup:} URN; null for any
 * @param domain the DataHub domain, as a {@code urn:li:domain:} URN or its bare id; null for any
 * @param minSeverity the lowest severity the route takes; null for any
 * @param webhookEnv the environment variable holding the channel's webhook URL (never the URL)
 */
public record AlertRoute(
        String name, String team, String domain, Severity minSeverity, String webhookEnv)
        implements Serializable {

    static final String GROUP_PREFIX = "urn:li:corpGroup:";
    static final String DOMAIN_PREFIX = "urn:li:domain:";

    public AlertRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(webhookEnv, "webhookEnv");
    }

    /**
     * True when the route takes an incident of {@code team} and {@code domain} at {@code severity}.
     * Team and domain compare without their URN prefix and case, so {@code payments} matches {@code
     * urn:li:corpGroup:Payments}.
     */
    public boolean matches(String team, String domain, Severity severity) {
        if (this.team != null && !sameName(this.team, team, GROUP_PREFIX)) {
            return false;
        }
        if (this.domain != null && !sameName(this.domain, domain, DOMAIN_PREFIX)) {
            return false;
        }
        return minSeverity == null || (severity != null && severity.atLeast(minSeverity));
    }

    private static boolean sameName(String wanted, String actual, String urnPrefix) {
        return actual != null && bare(wanted, urnPrefix).equals(bare(actual, urnPrefix));
    }

    private static String bare(String value, String urnPrefix) {
        String v = value.strip();
        if (v.startsWith(urnPrefix)) {
            v = v.substring(urnPrefix.length());
        }
        return v.toLowerCase(Locale.ROOT);
    }
}
