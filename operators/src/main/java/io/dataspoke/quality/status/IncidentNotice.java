package io.dataspoke.quality.status;

import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * What an incident means for one dataset in it, for that dataset's circuit breaker.
 *
 * @param active true while the incident is open and the dataset has not recovered
 */
public record IncidentNotice(
        String datasetUrn,
        String incidentId,
        Severity severity,
        boolean active,
        String title,
        long eventMillis) {

    /** One notice per dataset in {@code incident}. */
    public static List<IncidentNotice> of(Incident incident) {
        List<IncidentNotice> notices = new ArrayList<>(incident.affected().length);
        for (AffectedDataset dataset : incident.affected()) {
            notices.add(
                    new IncidentNotice(
                            dataset.urn(),
                            incident.id(),
                            incident.severity(),
                            incident.open() && !dataset.recovered(),
                            incident.title(),
                            incident.updatedMillis()));
        }
        return notices;
    }
}
