package io.dataspoke.quality.contract;

import io.dataspoke.event.SchemaColumn;
import io.dataspoke.quality.ColumnProfile;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.Signal;

/** Crafted observations for contract check tests. */
final class Observations {

    static final String URN =
            "urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.payments.fct_txn_dly,PROD)";

    private Observations() {}

    static Observation profile(Long rowCount, ColumnProfile... columns) {
        return new Observation(
                URN,
                1_000L,
                Signal.PROFILE,
                rowCount,
                null,
                null,
                columns,
                null,
                null,
                null,
                null,
                null);
    }

    static Observation load(Signal signal, Long rowsWritten, String runState) {
        return new Observation(
                URN,
                1_000L,
                signal,
                null,
                rowsWritten,
                900L,
                null,
                null,
                runState,
                null,
                null,
                null);
    }

    static Observation schemaChange(SchemaColumn... columns) {
        return new Observation(
                URN,
                1_000L,
                Signal.SCHEMA,
                null,
                null,
                null,
                null,
                columns,
                null,
                null,
                null,
                null);
    }

    /** A column with null statistics only. */
    static ColumnProfile nulls(String name, Long nullCount, Double nullProportion) {
        return new ColumnProfile(name, nullCount, nullProportion, null, null, null, null, null);
    }

    static ColumnProfile uniques(String name, Long uniqueCount, Double uniqueProportion) {
        return new ColumnProfile(name, null, null, uniqueCount, uniqueProportion, null, null, null);
    }

    static ColumnProfile samples(String name, String... values) {
        return new ColumnProfile(name, null, null, null, null, null, null, values);
    }

    static SchemaColumn[] columns(String... nameTypePairs) {
        SchemaColumn[] columns = new SchemaColumn[nameTypePairs.length / 2];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new SchemaColumn(nameTypePairs[2 * i], nameTypePairs[2 * i + 1]);
        }
        return columns;
    }
}
