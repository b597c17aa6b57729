package io.dataspoke.config;

/**
 * A config type that checks what its fields mean after reading (ranges, formats, references),
 * throwing {@link ConfigProblem} with the key at fault.
 */
public interface Validated {

    /** Throws {@link ConfigProblem} naming the first key that is wrong. */
    void validate();
}
