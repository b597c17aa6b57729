package io.dataspoke.quality.alert;

import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.Incident;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed in an incident between the revision last sent to Slack and a later one, as lines an
 * on-call reads ({@code mart.x joined (3 hops)}), and whether any of it is worth a new message.
 *
 * <p>Material, worth an update on its own: a dataset joined, a recovered dataset failed again, the
 * severity went up, the cause or the column at fault changed. Listed only when a message goes out
 * anyway: a dataset recovered or left, the severity went down. Not listed at all: a new {@code
 * updatedMillis} or revision, a reworded reason, a hop distance that moved. The state is not
 * compared: a resolve is always a message of its own.
 */
public final class IncidentChanges {

    private final List<String> lines;
    private final boolean material;

    private IncidentChanges(List<String> lines, boolean material) {
        this.lines = List.copyOf(lines);
        this.material = material;
    }

    /** The changes from {@code before} (as last sent) to {@code after}. */
    public static IncidentChanges between(Incident before, Incident after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        List<String> lines = new ArrayList<>();
        boolean material = false;

        if (after.severity() != before.severity()) {
            lines.add("severity " + before.severity() + " → " + after.severity());
            material |= after.severity().compareTo(before.severity()) > 0;
        }
        if (!Objects.equals(before.cause(), after.cause())) {
            lines.add("cause " + before.cause() + " → " + after.cause());
            material = true;
        }
        if (!Objects.equals(before.column(), after.column())) {
            lines.add(
                    after.column() == null
                            ? "no column at fault any more (was " + before.column() + ")"
                            : "column at fault: " + after.column());
            material = true;
        }

        Map<String, AffectedDataset> earlier = new LinkedHashMap<>();
        for (AffectedDataset d : affected(before)) {
            earlier.put(d.urn(), d);
        }
        for (AffectedDataset now : affected(after)) {
            AffectedDataset then = earlier.remove(now.urn());
            String name = AlertText.datasetName(now.urn());
            if (then == null) {
                lines.add(
                        name
                                + " joined ("
                                + AlertText.hops(now.hops())
                                + (now.recovered() ? ", recovered since" : "")
                                + ")");
                material = true;
            } else if (!then.recovered() && now.recovered()) {
                lines.add(name + " recovered");
            } else if (then.recovered() && !now.recovered()) {
                lines.add(name + " failing again (" + AlertText.hops(now.hops()) + ")");
                material = true;
            }
        }
        for (AffectedDataset gone : earlier.values()) {
            lines.add(AlertText.datasetName(gone.urn()) + " no longer affected");
        }
        return new IncidentChanges(lines, material);
    }

    /** True when the changes are worth a message of their own. */
    public boolean material() {
        return material;
    }

    /** The changes, one line each: severity, cause and column first, then datasets by hops. */
    public List<String> lines() {
        return lines;
    }

    /** The lines as the array {@link IncidentAlert} carries. */
    public String[] toArray() {
        return lines.toArray(new String[0]);
    }

    private static AffectedDataset[] affected(Incident incident) {
        return incident.affected() == null ? new AffectedDataset[0] : incident.affected();
    }

    @Override
    public String toString() {
        return (material ? "material " : "") + lines;
    }
}
