package io.dataspoke.quality.incident;

import io.dataspoke.decode.DatasetUrns;
import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.IncidentState;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.cep.FlappingPatterns;
import io.dataspoke.quality.cep.PipelineFailurePatterns;
import io.dataspoke.quality.cep.SchemaChangePatterns;
import io.dataspoke.quality.cep.VolumeFreshnessPatterns;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The open incidents and how they group: one incident per root cause. A problem on a dataset (a
 * failing check, a breaking schema change, an anomaly) joins the open incident of the dataset or of
 * one of its upstreams, with its hop distance from the root, and opens a new incident only when
 * nothing upstream explains it. A failed run joins an incident the same way but opens none on its
 * own: one failed run is not an incident, K in a row are ({@code pipeline-failures} match). An
 * incident resolves when every dataset in it has recovered; a problem that comes back within the
 * reopen window reopens the same incident instead of opening another.
 *
 * <p>Plain Java with public mutable fields so the correlator can keep it as JSON in Flink state;
 * feed it events in event-time order.
 */
public final class IncidentBook {

    /** Severity of a failing check, from the contract that declares it. */
    @FunctionalInterface
    public interface CheckSeverity {
        Severity of(String datasetUrn, String checkId);
    }

    /** Upstreams of a dataset with their hop distance, nearest first. */
    @FunctionalInterface
    public interface Ancestry {
        Map<String, Integer> ancestors(String datasetUrn);
    }

    /** An open incident as kept in the book. */
    public static final class Entry {
        public String id;
        public String rootUrn;
        public String title;
        public String cause;
        public Severity severity;
        public long openedMillis;
        public long updatedMillis;
        public Long resolvedMillis;
        public String column;
        public int revision;
        public String team;
        public String domain;

        /** Members by URN in joining order, the root first. */
        public LinkedHashMap<String, Member> members = new LinkedHashMap<>();
    }

    /** A dataset in an incident and the problems it still has. */
    public static final class Member {
        public int hops;
        public String reason;
        public long sinceMillis;

        /** Open problems, e.g. {@code CHECK:freshness}, {@code RUN:growth.stage_users}. */
        public LinkedHashSet<String> problems = new LinkedHashSet<>();
    }

    private static final String PIPELINE_FAILURES = "PATTERN:pipeline-failures";

    /** Open incidents by id. */
    public TreeMap<String, Entry> open = new TreeMap<>();

    /** Recently resolved incidents by root URN, kept for the reopen window. */
    public TreeMap<String, Entry> recent = new TreeMap<>();

    private final long reopenWindowMillis;

    public IncidentBook() {
        this(60 * 60 * 1000L);
    }

    public IncidentBook(long reopenWindowMillis) {
        this.reopenWindowMillis = reopenWindowMillis;
    }

    /** Applies one quality event; returns the incidents it changed, as they are now. */
    public List<Incident> onEvent(QualityEvent event, Ancestry ancestry, CheckSeverity severity) {
        Changes changes = new Changes();
        expireRecent(event.eventMillis());
        String problem = event.kind() + ":" + event.name();
        String urn = event.datasetUrn();
        // Incidents are about failures: a warning shows in the dataset's status, and a check
        // that falls back from FAIL to WARN no longer holds its incident open.
        if (event.outcome() == Outcome.FAIL) {
            Entry own = incidentOf(urn);
            if (own != null) {
                joinOrUpdate(own, urn, memberHops(own, urn, ancestry), problem, event, changes);
            } else {
                Entry upstream = explainingIncident(urn, ancestry);
                if (upstream != null) {
                    joinOrUpdate(
                            upstream,
                            urn,
                            hopsFromRoot(upstream, urn, ancestry),
                            problem,
                            event,
                            changes);
                } else if (event.kind() != QualityEventKind.RUN) {
                    Entry entry = reopenOrOpen(urn, event.eventMillis(), event, changes);
                    entry.cause = causeOf(event);
                    entry.column = event.column();
                    entry.title = titleOf(event);
                    raise(entry, severityOf(event, severity));
                    joinOrUpdate(entry, urn, 0, problem, event, changes);
                }
            }
        } else {
            for (Entry entry : List.copyOf(open.values())) {
                Member member = entry.members.get(urn);
                if (member != null && clears(member, problem, event.kind())) {
                    entry.updatedMillis = event.eventMillis();
                    changes.add(entry);
                    resolveIfClear(entry, event.eventMillis());
                }
            }
        }
        return changes.snapshot(this);
    }

    /** A good event clears its own problem; a successful run also ends a failure streak. */
    private static boolean clears(Member member, String problem, QualityEventKind kind) {
        boolean cleared = member.problems.remove(problem);
        if (kind == QualityEventKind.RUN) {
            cleared |= member.problems.remove(PIPELINE_FAILURES);
        }
        return cleared;
    }

    /** Applies a CEP match: it names or widens an incident's root cause. */
    public List<Incident> onMatch(PatternMatch match) {
        Changes changes = new Changes();
        expireRecent(match.endMillis());
        Entry entry = incidentOf(match.rootUrn());
        boolean opened = false;
        if (entry == null) {
            entry = reopenOrOpen(match.rootUrn(), match.startMillis(), null, changes);
            opened = true;
        }
        switch (match.pattern()) {
            case SchemaChangePatterns.PATTERN -> {
                entry.cause = "schema-change";
                entry.column = match.column();
                raise(entry, Severity.HIGH);
            }
            case PipelineFailurePatterns.PATTERN -> {
                if (opened || "check".equals(entry.cause)) {
                    entry.cause = "pipeline-failures";
                    entry.title = match.detail();
                }
                raise(entry, Severity.HIGH);
                Member root = member(entry, match.rootUrn(), 0, match.startMillis());
                root.problems.add(PIPELINE_FAILURES);
                root.reason = match.detail();
            }
            case VolumeFreshnessPatterns.PATTERN -> {
                entry.cause = "volume-then-freshness";
                raise(entry, Severity.HIGH);
            }
            case FlappingPatterns.PATTERN -> {
                if (opened) {
                    entry.cause = "flapping";
                    entry.title = match.detail();
                }
                raise(entry, Severity.MEDIUM);
            }
            default -> raise(entry, Severity.MEDIUM);
        }
        member(entry, match.rootUrn(), 0, match.startMillis());
        String[] datasets = match.datasets() == null ? new String[0] : match.datasets();
        for (int i = 0; i < datasets.length; i++) {
            Entry other = incidentOf(datasets[i]);
            if (other != null && other != entry) {
                absorb(entry, other, changes);
            }
            Member m = member(entry, datasets[i], match.hops()[i], match.endMillis());
            if (m.reason == null) {
                m.reason = match.detail();
            }
        }
        if ("schema-change".equals(entry.cause)) {
            entry.title = schemaTitle(entry);
        }
        entry.updatedMillis = Math.max(entry.updatedMillis, match.endMillis());
        changes.add(entry);
        // A pipeline-failures match can arrive after the run that ended the streak.
        resolveIfClear(entry, match.endMillis());
        return changes.snapshot(this);
    }

    /** The open incident {@code urn} is in, or null. */
    public Entry incidentOf(String urn) {
        for (Entry entry : open.values()) {
            if (entry.members.containsKey(urn)) {
                return entry;
            }
        }
        return null;
    }

    private Entry explainingIncident(String urn, Ancestry ancestry) {
        Map<String, Integer> ancestors = ancestry.ancestors(urn);
        for (String upstream : ancestors.keySet()) {
            Entry entry = incidentOf(upstream);
            if (entry != null && !entry.members.get(upstream).problems.isEmpty()) {
                return entry;
            }
        }
        return null;
    }

    private int memberHops(Entry entry, String urn, Ancestry ancestry) {
        Member existing = entry.members.get(urn);
        return existing != null ? existing.hops : hopsFromRoot(entry, urn, ancestry);
    }

    private static int hopsFromRoot(Entry entry, String urn, Ancestry ancestry) {
        Map<String, Integer> ancestors = ancestry.ancestors(urn);
        Integer direct = ancestors.get(entry.rootUrn);
        if (direct != null) {
            return direct;
        }
        int best = Integer.MAX_VALUE;
        for (Map.Entry<String, Member> m : entry.members.entrySet()) {
            Integer hops = ancestors.get(m.getKey());
            if (hops != null) {
                best = Math.min(best, hops + m.getValue().hops);
            }
        }
        return best == Integer.MAX_VALUE ? 1 : best;
    }

    private void joinOrUpdate(
            Entry entry,
            String urn,
            int hops,
            String problem,
            QualityEvent event,
            Changes changes) {
        Member member = member(entry, urn, hops, event.eventMillis());
        boolean added = member.problems.add(problem);
        String reason = event.detail();
        if (added || (reason != null && !reason.equals(member.reason))) {
            member.reason = reason;
            entry.updatedMillis = event.eventMillis();
            changes.add(entry);
        }
        if (urn.equals(entry.rootUrn) && entry.team == null) {
            entry.team = event.team();
            entry.domain = event.domain();
        }
        if ("schema-change".equals(entry.cause)) {
            entry.title = schemaTitle(entry);
        }
    }

    private Member member(Entry entry, String urn, int hops, long millis) {
        Member member = entry.members.get(urn);
        if (member == null) {
            member = new Member();
            member.hops = hops;
            member.sinceMillis = millis;
            entry.members.put(urn, member);
        }
        return member;
    }

    private Entry reopenOrOpen(String urn, long millis, QualityEvent event, Changes changes) {
        Entry entry = recent.remove(urn);
        if (entry != null) {
            entry.resolvedMillis = null;
        } else {
            entry = new Entry();
            entry.id = idOf(urn, millis);
            entry.rootUrn = urn;
            entry.openedMillis = millis;
            entry.severity = Severity.LOW;
            entry.cause = "check";
            entry.title = "Quality problem on " + nameOf(urn);
            if (event != null) {
                entry.team = event.team();
                entry.domain = event.domain();
            }
        }
        entry.updatedMillis = millis;
        open.put(entry.id, entry);
        changes.add(entry);
        return entry;
    }

    /** Moves the members of {@code other} (explained by {@code into}'s root) into {@code into}. */
    private void absorb(Entry into, Entry other, Changes changes) {
        for (Map.Entry<String, Member> m : other.members.entrySet()) {
            Member existing = into.members.get(m.getKey());
            if (existing == null) {
                into.members.put(m.getKey(), m.getValue());
            } else {
                existing.problems.addAll(m.getValue().problems);
            }
        }
        raise(into, other.severity);
        open.remove(other.id);
        changes.merged(other, into.id);
    }

    private void resolveIfClear(Entry entry, long millis) {
        for (Member member : entry.members.values()) {
            if (!member.problems.isEmpty()) {
                return;
            }
        }
        entry.resolvedMillis = millis;
        entry.updatedMillis = millis;
        open.remove(entry.id);
        recent.put(entry.rootUrn, entry);
    }

    private void expireRecent(long millis) {
        recent.values().removeIf(e -> e.resolvedMillis + reopenWindowMillis < millis);
    }

    private static void raise(Entry entry, Severity severity) {
        if (severity != null && (entry.severity == null || severity.atLeast(entry.severity))) {
            entry.severity = severity;
        }
    }

    private static Severity severityOf(QualityEvent event, CheckSeverity severity) {
        return switch (event.kind()) {
            case CHECK -> severity.of(event.datasetUrn(), event.name());
            case SCHEMA -> Severity.HIGH;
            case RUN, ANOMALY -> Severity.MEDIUM;
        };
    }

    private static String causeOf(QualityEvent event) {
        return switch (event.kind()) {
            case SCHEMA -> "schema-change";
            case ANOMALY -> "anomaly";
            default -> "check";
        };
    }

    private static String titleOf(QualityEvent event) {
        String name = nameOf(event.datasetUrn());
        return switch (event.kind()) {
            case SCHEMA -> "Column " + event.column() + " removed or retyped in " + name;
            case ANOMALY -> "Anomaly in " + event.name() + " of " + name;
            default -> name + ": " + (event.detail() != null ? event.detail() : event.name());
        };
    }

    private static String schemaTitle(Entry entry) {
        long downstream = entry.members.values().stream().filter(m -> m.hops > 0).count();
        String title = "Column " + entry.column + " removed or retyped in " + nameOf(entry.rootUrn);
        if (downstream == 0) {
            return title;
        }
        return title
                + " broke "
                + downstream
                + (downstream == 1 ? " downstream dataset" : " downstream datasets");
    }

    /** The dataset's name part, for titles; the URN itself when it does not parse. */
    static String nameOf(String urn) {
        DatasetUrns.Parts parts = DatasetUrns.parse(urn);
        return parts == null ? urn : parts.name();
    }

    private static String idOf(String rootUrn, long millis) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest((rootUrn + "\n" + millis).getBytes(StandardCharsets.UTF_8));
            return "inc-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The incident as the rest of the job sees it: affected datasets by hop distance. */
    static Incident view(Entry entry, IncidentState state) {
        List<AffectedDataset> affected = new ArrayList<>();
        entry.members.forEach(
                (urn, m) ->
                        affected.add(
                                new AffectedDataset(
                                        urn,
                                        m.hops,
                                        m.reason,
                                        m.sinceMillis,
                                        m.problems.isEmpty())));
        affected.sort(Comparator.comparingInt(AffectedDataset::hops));
        return new Incident(
                entry.id,
                entry.rootUrn,
                entry.title,
                entry.cause,
                state,
                entry.severity,
                entry.openedMillis,
                entry.updatedMillis,
                entry.resolvedMillis,
                entry.column,
                affected.toArray(AffectedDataset[]::new),
                entry.revision,
                entry.team,
                entry.domain);
    }

    /** The incidents touched by one input, each emitted once with its revision bumped. */
    private static final class Changes {
        private final Map<String, Entry> touched = new LinkedHashMap<>();
        private final Map<String, String> mergedInto = new LinkedHashMap<>();

        void add(Entry entry) {
            touched.put(entry.id, entry);
        }

        void merged(Entry entry, String into) {
            touched.put(entry.id, entry);
            mergedInto.put(entry.id, into);
        }

        List<Incident> snapshot(IncidentBook book) {
            List<Incident> out = new ArrayList<>(touched.size());
            Set<String> done = new LinkedHashSet<>();
            for (Entry entry : touched.values()) {
                if (!done.add(entry.id)) {
                    continue;
                }
                entry.revision++;
                IncidentState state;
                if (mergedInto.containsKey(entry.id)) {
                    entry.title = entry.title + " (merged into " + mergedInto.get(entry.id) + ")";
                    entry.resolvedMillis = entry.updatedMillis;
                    state = IncidentState.RESOLVED;
                } else {
                    state =
                            book.open.containsKey(entry.id)
                                    ? IncidentState.OPEN
                                    : IncidentState.RESOLVED;
                }
                out.add(view(entry, state));
            }
            return out;
        }
    }
}
