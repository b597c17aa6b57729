package io.dataspoke.quality;

/**
 * A {@link QualityEvent} seen from a dataset upstream of it: the CEP patterns over lineage are
 * keyed by {@code rootUrn} and match an upstream cause (hops 0) with downstream effects (hops &ge;
 * 1).
 *
 * @param rootUrn the dataset the event is seen from: the event's own dataset or one of its
 *     upstreams
 * @param hops lineage distance from {@code rootUrn} down to the event's dataset, 0 for itself
 */
public record Impact(String rootUrn, int hops, QualityEvent event) {}
