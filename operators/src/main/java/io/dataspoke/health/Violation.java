package io.dataspoke.health;

/**
 * One rule a dataset breaks, with what the owner should do about it.
 *
 * @param rule the rule's id, e.g. {@code description}
 * @param field what the violation is about: {@code description}, {@code owners}, a column path
 * @param message the fix, in words an owner can act on
 * @param share the share of the rule's weight this violation costs, in (0, 1]
 */
public record Violation(String rule, String field, String message, double share) {

    public Violation {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], got " + share);
        }
    }
}
