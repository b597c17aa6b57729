package io.dataspoke.quality.contract;

import io.dataspoke.quality.Severity;
import java.io.Serializable;
import java.util.List;

/**
 * The checks one contract file (or one {@code checks for X} block of a SodaCL file) sets on the
 * datasets its selector covers.
 *
 * @param file the contract file as given at start-up, e.g. {@code contracts/payments.yaml}
 * @param severity the contract's {@code severity:} (MEDIUM when not given); checks without their
 *     own severity carry it
 */
public record Contract(String file, DatasetSelector selector, Severity severity, List<Check> checks)
        implements Serializable {

    public Contract {
        checks = List.copyOf(checks);
    }

    /** True when the contract covers the dataset {@code urn}. */
    public boolean covers(String urn) {
        return selector.matches(urn);
    }
}
