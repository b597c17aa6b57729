package io.dataspoke.health.rollup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Places a dataset in its rollup groups: every team one of its owners (a user or group URN) maps to
 * in the team map, or {@link #NO_TEAM} when none does; and its domain, or {@link #NO_DOMAIN}. A
 * dataset owned by two teams counts once in each, as in the team league.
 */
public final class RollupGroups implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The team of datasets none of whose owners maps to a team (or that have no owner). */
    public static final String NO_TEAM = "(no owning team)";

    /** The domain group of datasets without a domain. */
    public static final String NO_DOMAIN = "(no domain)";

    private final HashMap<String, String> teamByOwner;

    /**
     * @param teamByOwner owner URN to team name
     */
    public RollupGroups(Map<String, String> teamByOwner) {
        Objects.requireNonNull(teamByOwner, "teamByOwner");
        // A HashMap copy: the groups travel inside a Flink function (Java serialization),
        // whatever kind of map the caller passed.
        this.teamByOwner = new HashMap<>(teamByOwner);
    }

    /** The teams {@code owners} map to, in owner order, without repeats; NO_TEAM when none. */
    public List<String> teams(String[] owners) {
        Set<String> teams = new LinkedHashSet<>();
        for (String owner : owners) {
            String team = teamByOwner.get(owner);
            if (team != null) {
                teams.add(team);
            }
        }
        return teams.isEmpty() ? List.of(NO_TEAM) : List.copyOf(teams);
    }

    /** The domain group of a dataset with domain URN {@code domain} (null when it has none). */
    public static String domain(String domain) {
        return domain == null || domain.isBlank() ? NO_DOMAIN : domain;
    }

    /** What {@code d} adds to each of its groups: once per team, once to its domain. */
    public List<GroupDayTotals> contributions(DatasetDay d) {
        List<GroupDayTotals> out = new ArrayList<>();
        for (String team : teams(d.owners())) {
            out.add(GroupDayTotals.of(GroupKind.TEAM, team, d));
        }
        out.add(GroupDayTotals.of(GroupKind.DOMAIN, domain(d.domain()), d));
        return out;
    }
}
