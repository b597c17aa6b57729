package io.dataspoke.demo;

/** A column of a generated dataset, with its documentation state and profiling behaviour. */
final class DemoColumn {

    final String name;
    final Vocabulary.Type type;
    final Vocabulary.Pii pii;
    final boolean nullable;
    final boolean key;

    /** The good description; whether the catalog shows it is {@link #documented}. */
    final String description;

    boolean documented = true;

    /** The description (and PII tag) lives in editableSchemaMetadata rather than schemaMetadata. */
    boolean editable;

    /** Baseline share of nulls when profiled; negative when the column is not profiled. */
    double nullBase = -1;

    DemoColumn(
            String name,
            Vocabulary.Type type,
            Vocabulary.Pii pii,
            boolean nullable,
            boolean key,
            String description) {
        this.name = name;
        this.type = type;
        this.pii = pii;
        this.nullable = nullable;
        this.key = key;
        this.description = description;
    }

    boolean isPii() {
        return pii != Vocabulary.Pii.NONE;
    }

    boolean profiled() {
        return nullBase >= 0;
    }

    /** A copy for a downstream dataset: same name, type and meaning, fresh documentation state. */
    DemoColumn copy() {
        return new DemoColumn(name, type, pii, nullable, key, description);
    }

    DemoColumn withDescription(String otherDescription) {
        return new DemoColumn(name, type, pii, nullable, key, otherDescription);
    }
}
