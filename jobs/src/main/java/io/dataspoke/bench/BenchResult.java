package io.dataspoke.bench;

import java.io.PrintStream;

/** What every {@code dataspoke bench} measures comes back as: printable for people, or JSON. */
public interface BenchResult {

    /** The result as one line of JSON. */
    String toJson();

    /** The result as a person reads it. */
    void print(PrintStream out);
}
