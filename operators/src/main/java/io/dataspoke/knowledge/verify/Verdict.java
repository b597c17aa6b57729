package io.dataspoke.knowledge.verify;

import java.util.List;

/**
 * The verifier's answer to "can I build on this dataset?".
 *
 * @param status PASS (safe), WARN (usable, with the issues in mind) or BLOCK (do not build on it
 *     now)
 * @param issues why it is not PASS, worst first
 * @param recommendations what to do about it
 * @param alternatives similar datasets in a better state, best first
 */
public record Verdict(
        String urn,
        String name,
        String status,
        List<Issue> issues,
        List<String> recommendations,
        List<Alternative> alternatives) {

    /**
     * One reason for the status.
     *
     * @param kind {@code incident}, {@code status}, {@code contract}, {@code documentation}, {@code
     *     deprecation} or {@code unknown}
     */
    public record Issue(String kind, String severity, String message) {}

    /** A healthier dataset like the one asked about, and why it was offered. */
    public record Alternative(
            String urn, String name, String status, Double healthScore, String why) {}
}
