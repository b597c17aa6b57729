package io.dataspoke.aspect;

/**
 * Whether an entity is deprecated ({@code deprecation}).
 *
 * @param decommissionTime epoch millis, null when not planned
 * @param replacement the URN that replaces it, null when none
 */
public record Deprecation(
        boolean deprecated, Long decommissionTime, String note, String actor, String replacement)
        implements Aspect {

    public static final String NAME = "deprecation";

    @Override
    public String aspectName() {
        return NAME;
    }
}
