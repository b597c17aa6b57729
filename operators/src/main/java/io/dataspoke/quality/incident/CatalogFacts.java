package io.dataspoke.quality.incident;

import io.dataspoke.aspect.Aspects;
import io.dataspoke.aspect.Domains;
import io.dataspoke.aspect.Ownership;
import io.dataspoke.decode.DecodeException;
import io.dataspoke.event.MetadataChange;
import java.util.Optional;

/**
 * Who a dataset belongs to, from DataHub's {@code domains} and {@code ownership} aspects: what an
 * incident is routed by. Each aspect sets its own part; the other stays null ("unchanged").
 *
 * @param domain the first domain URN, empty when the dataset has none, null when not said
 * @param owners owner URNs, null when not said
 */
public record CatalogFacts(String datasetUrn, String domain, String[] owners, long eventMillis) {

    /** The facts a versioned change states, if it is about domains or ownership. */
    public static Optional<CatalogFacts> of(MetadataChange change) {
        if (change.timeseries() || !"dataset".equals(change.entityType())) {
            return Optional.empty();
        }
        boolean domains = Domains.NAME.equals(change.aspectName());
        boolean ownership = Ownership.NAME.equals(change.aspectName());
        if (!domains && !ownership) {
            return Optional.empty();
        }
        if (change.isDelete() || change.aspectJson() == null) {
            return Optional.of(
                    new CatalogFacts(
                            change.entityUrn(),
                            domains ? "" : null,
                            ownership ? new String[0] : null,
                            change.eventMillis()));
        }
        try {
            if (domains) {
                Domains parsed = (Domains) Aspects.parse(Domains.NAME, change.aspectJson());
                String first = parsed.domains().isEmpty() ? "" : parsed.domains().get(0);
                return Optional.of(
                        new CatalogFacts(change.entityUrn(), first, null, change.eventMillis()));
            }
            Ownership parsed = (Ownership) Aspects.parse(Ownership.NAME, change.aspectJson());
            String[] owners =
                    parsed.owners().stream().map(Ownership.Owner::owner).toArray(String[]::new);
            return Optional.of(
                    new CatalogFacts(change.entityUrn(), null, owners, change.eventMillis()));
        } catch (DecodeException e) {
            // DecodeFunction dead-letters malformed known aspects, so they never get here.
            throw new IllegalStateException("aspect passed decoding but does not parse", e);
        }
    }

    /** These facts with the parts {@code newer} states replacing them. */
    public CatalogFacts merge(CatalogFacts newer) {
        return new CatalogFacts(
                datasetUrn,
                newer.domain != null ? newer.domain : domain,
                newer.owners != null ? newer.owners : owners,
                Math.max(eventMillis, newer.eventMillis));
    }
}
