package io.dataspoke.anomaly.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.ingest.DatasetMetric;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TrainingSamples}: which {@code dataset_metrics} rows training learns from, and how. */
class TrainingSamplesTest {

    private static final String URN = "urn:li:dataset:(urn:li:dataPlatform:hive,orders,PROD)";

    private static DatasetMetric row(
            String source, Long rowCount, Integer columns, Long affected, String nulls) {
        return new DatasetMetric(URN, 1_000L, source, rowCount, columns, affected, null, nulls);
    }

    @Test
    void aProfileRowIsAProfileWithItsNullCounts() {
        MetricSample sample =
                TrainingSamples.of(
                                row(
                                        DatasetMetric.PROFILE,
                                        200L,
                                        3,
                                        null,
                                        "{\"email\": 10, \"address.zip\": 0, \"phone\": null}"))
                        .orElseThrow();

        assertThat(sample)
                .isEqualTo(
                        new MetricSample(
                                URN,
                                1_000L,
                                MetricSample.Kind.PROFILE,
                                200L,
                                3,
                                null,
                                Map.of("email", 10L, "address.zip", 0L)));
        assertThat(sample.points())
                .extracting(MetricSample.MetricPoint::metric)
                .containsExactly(
                        "row_count", "null_ratio(address.zip)", "null_ratio(email)", "profile");
        // The forest's vector: row count, largest null ratio (email's 10 of 200), column count.
        assertThat(sample.points().get(3).point().features()).containsExactly(200, 0.05, 3);
    }

    @Test
    void anOperationRowIsAnOperationWritingItsAffectedRows() {
        MetricSample sample =
                TrainingSamples.of(row(DatasetMetric.OPERATION, 999L, null, 42L, null))
                        .orElseThrow();

        assertThat(sample.kind()).isEqualTo(MetricSample.Kind.OPERATION);
        assertThat(sample.rowsWritten()).isEqualTo(42L);
        assertThat(sample.rowCount()).isNull();
        assertThat(sample.points()).extracting(p -> p.point().value()).containsExactly(42.0);
    }

    @Test
    void runsAndQueryLogsAreLeftToTheContracts() {
        assertThat(TrainingSamples.of(row(DatasetMetric.OPEN_LINEAGE, 5L, null, 5L, null)))
                .isEmpty();
        assertThat(TrainingSamples.of(row(DatasetMetric.QUERY_LOG, null, null, 5L, null)))
                .isEmpty();
    }

    @Test
    void nullCountsThatAreNotCountsNameTheRow() {
        assertThatThrownBy(
                        () -> TrainingSamples.of(row(DatasetMetric.PROFILE, 1L, 1, null, "[1, 2]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(URN)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(
                        () ->
                                TrainingSamples.of(
                                        row(DatasetMetric.PROFILE, 1L, 1, null, "{\"a\": 0.5}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a whole number");
    }
}
