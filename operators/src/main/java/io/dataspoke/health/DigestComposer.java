package io.dataspoke.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides what goes into an owner's digest: every dataset of theirs that breaks a rule or scored
 * lower than in their previous digest, worst first (lowest score, then largest drop), at most
 * {@code maxEntries} of them. Plain Java; {@code OwnerDigestFunction} holds the state around it.
 */
public final class DigestComposer {

    private final int maxEntries;

    public DigestComposer(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
    }

    /**
     * The digest of {@code owner} for the period ending at {@code periodEndMillis}, or null when
     * nothing needs the owner's attention.
     *
     * @param current the owner's live datasets' latest reports, by URN
     * @param previous the scores in the owner's previous digest, by URN
     */
    public OwnerDigest compose(
            String owner,
            long periodEndMillis,
            Map<String, HealthReport> current,
            Map<String, Integer> previous) {
        List<OwnerDigest.Entry> entries = new ArrayList<>();
        for (HealthReport report : current.values()) {
            Integer before = previous.get(report.urn());
            boolean breaksRules = report.violations().length > 0;
            boolean dropped = before != null && report.score() < before;
            if (breaksRules || dropped) {
                entries.add(
                        new OwnerDigest.Entry(
                                report.urn(),
                                report.name(),
                                report.score(),
                                before,
                                report.violations()));
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        entries.sort(
                Comparator.comparingInt(OwnerDigest.Entry::score)
                        .thenComparing(Comparator.comparingInt(OwnerDigest.Entry::drop).reversed())
                        .thenComparing(OwnerDigest.Entry::name));
        int shown = Math.min(maxEntries, entries.size());
        return new OwnerDigest(
                owner,
                periodEndMillis,
                OwnerDigest.key(owner, periodEndMillis),
                entries.subList(0, shown).toArray(new OwnerDigest.Entry[0]),
                entries.size() - shown);
    }
}
