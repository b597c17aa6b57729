package io.dataspoke.health;

import java.time.Instant;

/**
 * One owner's periodic digest: the datasets that break rules or lost points since the previous
 * digest, worst first, each with its fixes.
 *
 * @param periodEndMillis the end of the digest period (processing time)
 * @param key stable identity of this digest ({@code owner-digest/<owner>/<period end>}): a restart
 *     never sends a second digest with the same key from restored state
 * @param more datasets left out of {@code entries} to keep the message short
 */
public record OwnerDigest(
        String owner, long periodEndMillis, String key, Entry[] entries, int more) {

    /**
     * One dataset in a digest.
     *
     * @param previousScore the score in the owner's previous digest, null when it was not in one
     */
    public record Entry(
            String urn, String name, int score, Integer previousScore, Violation[] violations) {

        /** Points lost since the previous digest, 0 when none. */
        public int drop() {
            return previousScore == null ? 0 : Math.max(0, previousScore - score);
        }
    }

    /** The digest key of {@code owner} for the period ending at {@code periodEndMillis}. */
    public static String key(String owner, long periodEndMillis) {
        return "owner-digest/" + owner + "/" + Instant.ofEpochMilli(periodEndMillis);
    }
}
