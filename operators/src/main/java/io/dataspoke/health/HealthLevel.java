package io.dataspoke.health;

/** A score in words, for people and for DataHub's sidebar: good, fair or poor. */
public enum HealthLevel {
    GOOD,
    FAIR,
    POOR;

    /** Scores from 80 are good, from 50 fair, below 50 poor. */
    public static HealthLevel of(int score) {
        return score >= 80 ? GOOD : score >= 50 ? FAIR : POOR;
    }

    /** The lower-case name shown to users and written to DataHub. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
