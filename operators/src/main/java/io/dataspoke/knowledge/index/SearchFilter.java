package io.dataspoke.knowledge.index;

import io.dataspoke.knowledge.DocumentPayload;

/**
 * Payload conditions a search applies before ranking; null fields do not filter.
 *
 * @param platform the platform id, exactly
 * @param domain the domain URN, exactly
 * @param team one of the document's teams
 * @param tag one of the document's tag URNs
 * @param minHealth the least health score; documents not yet audited are left out
 * @param includeDeprecated false leaves out deprecated datasets
 */
public record SearchFilter(
        String platform,
        String domain,
        String team,
        String tag,
        Double minHealth,
        boolean includeDeprecated) {

    /** No conditions: every document, deprecated ones too. */
    public static final SearchFilter NONE = new SearchFilter(null, null, null, null, null, true);

    /** True when {@code payload} meets every condition. */
    public boolean matches(DocumentPayload payload) {
        return (platform == null || platform.equals(payload.platform()))
                && (domain == null || domain.equals(payload.domain()))
                && (team == null || payload.teams().contains(team))
                && (tag == null || payload.tags().contains(tag))
                && (minHealth == null
                        || (payload.healthScore() != null && payload.healthScore() >= minHealth))
                && (includeDeprecated || !payload.deprecated());
    }
}
