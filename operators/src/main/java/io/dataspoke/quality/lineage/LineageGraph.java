package io.dataspoke.quality.lineage;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dataset lineage assembled from {@link LineageUpdate}s: per downstream, the latest upstreams each
 * source reported, and the union of them as the graph's edges. Walks are breadth-first, so each
 * dataset is reported at its shortest distance, and cycle-safe.
 */
public final class LineageGraph {

    /** downstream → source → latest update from that source. */
    private final Map<String, Map<String, LineageUpdate>> bySource = new HashMap<>();

    /** downstream → its upstreams from all sources. */
    private final Map<String, Set<String>> upstreams = new HashMap<>();

    /** upstream → its downstreams; derived from {@link #upstreams} when first needed. */
    private Map<String, Set<String>> downstreams;

    /** Applies an update unless a newer one from the same source is already known. */
    public boolean apply(LineageUpdate update) {
        Map<String, LineageUpdate> sources =
                bySource.computeIfAbsent(update.downstreamUrn(), k -> new HashMap<>());
        if (!update.supersedes(sources.get(update.source()))) {
            return false;
        }
        sources.put(update.source(), update);
        Set<String> union = new TreeSet<>();
        for (LineageUpdate u : sources.values()) {
            Collections.addAll(union, u.upstreams());
        }
        if (union.isEmpty()) {
            upstreams.remove(update.downstreamUrn());
        } else {
            upstreams.put(update.downstreamUrn(), union);
        }
        downstreams = null;
        return true;
    }

    /** The direct upstreams of a dataset, sorted; empty when none is known. */
    public Set<String> upstreamsOf(String urn) {
        return Collections.unmodifiableSet(upstreams.getOrDefault(urn, Set.of()));
    }

    /**
     * The datasets {@code urn} is derived from, up to {@code maxHops} away, nearest first (and
     * sorted by URN within a distance), each with its shortest distance. Excludes {@code urn}
     * itself even when lineage loops back to it.
     */
    public Map<String, Integer> ancestors(String urn, int maxHops) {
        return walk(urn, maxHops, upstreams);
    }

    /** Like {@link #ancestors} in the other direction: the datasets derived from {@code urn}. */
    public Map<String, Integer> descendants(String urn, int maxHops) {
        if (downstreams == null) {
            downstreams = new HashMap<>();
            upstreams.forEach(
                    (down, ups) -> {
                        for (String up : ups) {
                            downstreams.computeIfAbsent(up, k -> new TreeSet<>()).add(down);
                        }
                    });
        }
        return walk(urn, maxHops, downstreams);
    }

    private static Map<String, Integer> walk(
            String urn, int maxHops, Map<String, Set<String>> edges) {
        Map<String, Integer> found = new LinkedHashMap<>();
        Deque<String> frontier = new ArrayDeque<>();
        frontier.add(urn);
        for (int hop = 1; hop <= maxHops && !frontier.isEmpty(); hop++) {
            Set<String> next = new TreeSet<>();
            for (String node : frontier) {
                for (String neighbour : edges.getOrDefault(node, Set.of())) {
                    if (!neighbour.equals(urn) && !found.containsKey(neighbour)) {
                        next.add(neighbour);
                    }
                }
            }
            for (String node : next) {
                found.put(node, hop);
            }
            frontier = new ArrayDeque<>(next);
        }
        return found;
    }
}
