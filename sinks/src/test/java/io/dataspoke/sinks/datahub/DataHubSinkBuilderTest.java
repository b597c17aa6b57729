package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class DataHubSinkBuilderTest {

    private static final DataHubSinkOptions OPTIONS =
            new DataHubSinkOptions("http://gms:8080", "token-that-must-stay-hidden");

    @Test
    void settersRejectNulls() {
        DataHubSinkBuilder builder = DataHubSink.builder();
        assertThatThrownBy(() -> builder.setOptions(null)).hasMessage("options");
        assertThatThrownBy(() -> builder.setInitialBackoff(null)).hasMessage("initialBackoff");
        assertThatThrownBy(() -> builder.setMaxBackoff(null)).hasMessage("maxBackoff");
        assertThatThrownBy(() -> builder.setMaxRetryAfter(null)).hasMessage("maxRetryAfter");
        assertThatThrownBy(() -> builder.setRequestTimeout(null)).hasMessage("requestTimeout");
        assertThatThrownBy(() -> builder.setMaxTimeInBuffer(null)).hasMessage("maxTimeInBuffer");
        assertThatThrownBy(() -> builder.setPrerequisiteWrites(null))
                .hasMessage("prerequisiteWrites");
        assertThatThrownBy(() -> builder.setPrerequisiteWrites(Arrays.asList((DataHubWrite) null)))
                .hasMessage("prerequisite write");
    }

    @Test
    void buildValidates() {
        assertThatThrownBy(() -> DataHubSink.builder().build())
                .hasMessageContaining("setOptions(...) is required");
        assertThatThrownBy(
                        () ->
                                DataHubSink.builder()
                                        .setOptions(OPTIONS)
                                        .setMaxBatchSize(10)
                                        .setMaxBufferedRequests(10)
                                        .build())
                .hasMessageContaining("maxBufferedRequests must be greater than maxBatchSize");
        assertThatThrownBy(
                        () -> DataHubSink.builder().setOptions(OPTIONS).setMaxAttempts(0).build())
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void buildsASerializableSinkThatHidesTheToken() throws Exception {
        DataHubSink sink =
                DataHubSink.builder()
                        .setOptions(OPTIONS)
                        .setMaxAttempts(3)
                        .setInitialBackoff(Duration.ofMillis(50))
                        .setPrerequisiteWrites(DocumentationHealthAspects.definitions())
                        .build();

        assertThat(sink.retryPolicy().maxAttempts()).isEqualTo(3);
        assertThat(sink.retryPolicy().initialBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(sink.prerequisiteWrites()).hasSize(2);
        assertThat(sink.toString()).doesNotContain(OPTIONS.token()).contains("http://gms:8080");
        assertThat(DataHubSink.builder().setOptions(OPTIONS).toString())
                .doesNotContain(OPTIONS.token());

        DataHubSink copy =
                InstantiationUtil.clone(sink, DataHubSinkBuilderTest.class.getClassLoader());
        assertThat(copy.options()).isEqualTo(OPTIONS);
        assertThat(copy.prerequisiteWrites()).isEqualTo(sink.prerequisiteWrites());
        assertThat(copy.retryPolicy()).isEqualTo(sink.retryPolicy());
        assertThat(List.of(copy.getWriterStateSerializer().getVersion())).containsExactly(1);
    }
}
