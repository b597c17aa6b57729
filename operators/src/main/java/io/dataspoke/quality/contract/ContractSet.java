package io.dataspoke.quality.contract;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every contract loaded at start-up, in file order; serializable and immutable so it travels inside
 * Flink functions. A dataset covered by several contracts gets the union of their checks.
 */
public final class ContractSet implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Contract> contracts;

    /**
     * The checks of each dataset asked for so far: the quality monitor asks on every observation,
     * and matching a URN against every contract's names and globs is the costly part. Bounded by
     * the number of datasets; rebuilt after deserialization.
     */
    private transient volatile Map<String, List<Check>> checksByUrn;

    public ContractSet(List<Contract> contracts) {
        this.contracts = List.copyOf(contracts);
    }

    public List<Contract> contracts() {
        return contracts;
    }

    /** The contracts that cover the dataset {@code urn}, in file order. */
    public List<Contract> contractsFor(String urn) {
        return contracts.stream().filter(c -> c.covers(urn)).toList();
    }

    /** True when at least one contract covers the dataset {@code urn}. */
    public boolean covers(String urn) {
        return contracts.stream().anyMatch(c -> c.covers(urn));
    }

    /**
     * The checks that apply to the dataset {@code urn}, with distinct ids: when two contract files
     * give a dataset the same check id, the later file's check (in file order) becomes {@code
     * id@<file name>}, so ids stay put when files are added that sort after.
     */
    public List<Check> forDataset(String urn) {
        Map<String, List<Check>> cache = checksByUrn;
        if (cache == null) {
            cache = new ConcurrentHashMap<>();
            checksByUrn = cache;
        }
        return cache.computeIfAbsent(urn, this::resolve);
    }

    private List<Check> resolve(String urn) {
        List<Check> checks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Contract contract : contractsFor(urn)) {
            for (Check check : contract.checks()) {
                String id = check.id();
                if (ids.contains(id)) {
                    String qualified = id + "@" + stem(contract.file());
                    id = qualified;
                    for (int n = 2; ids.contains(id); n++) {
                        id = qualified + "#" + n;
                    }
                    check = check.withId(id);
                }
                ids.add(id);
                checks.add(check);
            }
        }
        return List.copyOf(checks);
    }

    private static String stem(String file) {
        String name = Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContractSet set && set.contracts.equals(contracts);
    }

    @Override
    public int hashCode() {
        return contracts.hashCode();
    }

    @Override
    public String toString() {
        return "ContractSet" + contracts;
    }
}
