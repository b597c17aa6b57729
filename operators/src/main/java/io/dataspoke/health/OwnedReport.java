package io.dataspoke.health;

/**
 * A health report addressed to one owner of the dataset; {@code owned} is false when the owner was
 * removed from the dataset, so the owner's digest drops it.
 */
public record OwnedReport(String owner, boolean owned, HealthReport report) {}
