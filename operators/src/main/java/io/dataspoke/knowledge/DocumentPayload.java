package io.dataspoke.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * What the index keeps beside a document's vectors: what search filters on and what its results
 * show. Health and quality change often and are updated without re-embedding the document.
 *
 * @param urn the entity URN
 * @param name the dataset's name as DataHub shows it ({@code db.schema.table})
 * @param platform the platform id ({@code snowflake}), empty when unknown
 * @param domain the domain URN, null when none
 * @param teams the teams its owners belong to, empty when none
 * @param tags dataset and column tags, as URNs
 * @param owners owner URNs
 * @param description the description DataHub shows, null when undocumented
 * @param healthScore the documentation health score in [0, 100], null when not yet audited
 * @param qualityStatus the circuit breaker's status ({@code PASS}, {@code WARN}, {@code BLOCK}),
 *     null when not yet judged
 * @param openIncidents incidents open on the dataset
 * @param pii a column or the dataset is classified as personal information
 * @param deprecated DataHub marks the dataset deprecated
 */
public record DocumentPayload(
        String urn,
        String name,
        String platform,
        String domain,
        List<String> teams,
        List<String> tags,
        List<String> owners,
        String description,
        Double healthScore,
        String qualityStatus,
        int openIncidents,
        boolean pii,
        boolean deprecated)
        implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public DocumentPayload {
        Objects.requireNonNull(urn, "urn");
        Objects.requireNonNull(name, "name");
        platform = platform == null ? "" : platform;
        teams = List.copyOf(teams);
        tags = List.copyOf(tags);
        owners = List.copyOf(owners);
    }

    /** This payload with another health score, quality status and count of open incidents. */
    public DocumentPayload withQuality(Double health, String status, int incidents) {
        return new DocumentPayload(
                urn,
                name,
                platform,
                domain,
                teams,
                tags,
                owners,
                description,
                health,
                status,
                incidents,
                pii,
                deprecated);
    }
}
