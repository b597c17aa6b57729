package io.dataspoke.sinks.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class VectorIndexSinkBuilderTest {

    private static final QdrantOptions QDRANT =
            new QdrantOptions(
                    "qdrant", 6334, true, "s3cr3t-key", "datasets", Duration.ofSeconds(5));

    @Test
    void theSinkTravelsToTheTaskManagersWithoutItsSecretShowing() throws Exception {
        VectorIndexSink sink = VectorIndexSink.builder().setIndex(QDRANT).setDimension(384).build();

        VectorIndexSink copy =
                InstantiationUtil.clone(sink, VectorIndexSinkBuilderTest.class.getClassLoader());

        assertThat(copy.index()).isEqualTo(QDRANT);
        assertThat(copy.dimension()).isEqualTo(384);
        assertThat(sink.toString()).doesNotContain("s3cr3t-key").contains("datasets");
    }

    @Test
    void theIndexAndTheDimensionAreRequired() {
        assertThatThrownBy(() -> VectorIndexSink.builder().setDimension(4).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setIndex");
        assertThatThrownBy(() -> VectorIndexSink.builder().setIndex(QDRANT).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setDimension");
        assertThatThrownBy(() -> VectorIndexSink.builder().setIndex(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void numbersThatDoNotFitAreRejected() {
        assertThatThrownBy(
                        () ->
                                VectorIndexSink.builder()
                                        .setIndex(QDRANT)
                                        .setDimension(4)
                                        .setMaxBatchSize(50)
                                        .setMaxBufferedRequests(50)
                                        .build())
                .hasMessageContaining("maxBufferedRequests");
        assertThatThrownBy(
                        () ->
                                VectorIndexSink.builder()
                                        .setIndex(QDRANT)
                                        .setDimension(4)
                                        .setInitialBackoff(Duration.ofSeconds(10))
                                        .setMaxBackoff(Duration.ofSeconds(1))
                                        .build())
                .hasMessageContaining("maxBackoff");
    }

    @Test
    void backoffDoublesUpToItsCeiling() {
        IndexRetryPolicy policy =
                new IndexRetryPolicy(
                        10, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMinutes(1));

        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(9)).isEqualTo(Duration.ofMillis(500));
    }
}
