package io.dataspoke.health;

import io.dataspoke.aspect.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dataset has at least one owner, and one of each owner type the organisation requires (types
 * as DataHub names them, e.g. {@code TECHNICAL_OWNER}, {@code BUSINESS_OWNER}, or custom ownership
 * type URNs).
 */
public final class OwnershipRule implements AuditRule {

    public static final String ID = "ownership";

    private final HealthRulesConfig.Ownership config;

    public OwnershipRule(HealthRulesConfig.Ownership config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int weight() {
        return config.weight();
    }

    @Override
    public List<Violation> check(DatasetDocs dataset) {
        List<Ownership.Owner> owners = dataset.owners();
        if (owners.isEmpty()) {
            return List.of(
                    new Violation(
                            ID,
                            "owners",
                            "No owner. Add at least one owner in DataHub (Owners) so someone"
                                    + " answers for this dataset.",
                            1.0));
        }
        List<String> missing = new ArrayList<>();
        for (String required : config.requiredTypes()) {
            if (owners.stream().noneMatch(o -> hasType(o, required))) {
                missing.add(required);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        for (String type : missing) {
            violations.add(
                    new Violation(
                            ID,
                            "owners",
                            "No " + type + " among the owners; add one in DataHub (Owners).",
                            1.0 / (config.requiredTypes().size() + 1)));
        }
        return violations;
    }

    private static boolean hasType(Ownership.Owner owner, String required) {
        String wanted = required.toLowerCase(Locale.ROOT);
        return (owner.type() != null && owner.type().equalsIgnoreCase(required))
                || (owner.typeUrn() != null
                        && (owner.typeUrn().equalsIgnoreCase(required)
                                || owner.typeUrn()
                                        .toLowerCase(Locale.ROOT)
                                        .endsWith("__" + wanted)));
    }
}
