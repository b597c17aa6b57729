package io.dataspoke.health.rollup;

/** What a rollup group is: the datasets of a team, or of a domain. */
public enum GroupKind {
    TEAM("team"),
    DOMAIN("domain");

    private final String sqlName;

    GroupKind(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The value of {@code health_rollup.group_kind}. */
    public String sqlName() {
        return sqlName;
    }
}
