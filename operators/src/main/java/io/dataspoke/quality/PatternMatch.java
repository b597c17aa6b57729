package io.dataspoke.quality;

/**
 * A CEP pattern that matched: a story about several events, which the incident correlator turns
 * into one incident.
 *
 * @param pattern the pattern's name, e.g. {@code schema-break-downstream-failure}
 * @param rootUrn the dataset where it starts (the changed upstream, the failing job's output)
 * @param startMillis the first event of the match
 * @param endMillis the last event of the match
 * @param column the column involved, null when none
 * @param datasets the other datasets in the match (downstream effects), may be empty
 * @param hops lineage distance of each of {@code datasets} from {@code rootUrn}
 * @param detail a sentence for people
 */
public record PatternMatch(
        String pattern,
        String rootUrn,
        long startMillis,
        long endMillis,
        String column,
        String[] datasets,
        int[] hops,
        String detail) {}
