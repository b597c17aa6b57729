package io.dataspoke.aspect;

import java.util.List;

/** The domains an entity belongs to ({@code domains}), as domain URNs. */
public record Domains(List<String> domains) implements Aspect {

    public static final String NAME = "domains";

    @Override
    public String aspectName() {
        return NAME;
    }
}
