package io.dataspoke.sinks.datahub;

import static io.dataspoke.sinks.datahub.DataHubResponseClassifier.Outcome.FATAL;
import static io.dataspoke.sinks.datahub.DataHubResponseClassifier.Outcome.RETRYABLE;
import static io.dataspoke.sinks.datahub.DataHubResponseClassifier.Outcome.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataHubResponseClassifierTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204})
    void twoHundredsSucceed(int status) {
        assertThat(DataHubResponseClassifier.classify(status)).isEqualTo(SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 408, 500, 502, 503, 504})
    void throttlingAndServerErrorsAreRetried(int status) {
        assertThat(DataHubResponseClassifier.classify(status)).isEqualTo(RETRYABLE);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 409, 413, 422, 301})
    void otherStatusesAreFatal(int status) {
        assertThat(DataHubResponseClassifier.classify(status)).isEqualTo(FATAL);
    }

    @Test
    void lostAnswersAreRetriedButConfigurationErrorsAreNot() {
        assertThat(DataHubResponseClassifier.classify(new SocketTimeoutException("read timed out")))
                .isEqualTo(RETRYABLE);
        assertThat(DataHubResponseClassifier.classify(new ConnectException("refused")))
                .isEqualTo(RETRYABLE);
        assertThat(
                        DataHubResponseClassifier.classify(
                                new CompletionException(new IOException("reset"))))
                .isEqualTo(RETRYABLE);
        assertThat(DataHubResponseClassifier.classify(new UnknownHostException("datahub-gms")))
                .isEqualTo(FATAL);
        assertThat(DataHubResponseClassifier.classify(new SSLHandshakeException("bad cert")))
                .isEqualTo(FATAL);
        assertThat(DataHubResponseClassifier.classify(new IllegalStateException("closed")))
                .isEqualTo(FATAL);
    }

    @Test
    void readsRetryAfterAsSecondsOrAsADate() {
        Instant now = Instant.parse("2025-05-01T10:00:00Z");
        assertThat(DataHubResponseClassifier.retryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(DataHubResponseClassifier.retryAfter("Thu, 01 May 2025 10:00:30 GMT", now))
                .contains(Duration.ofSeconds(30));
        assertThat(DataHubResponseClassifier.retryAfter("Thu, 01 May 2025 09:00:00 GMT", now))
                .contains(Duration.ZERO);
        assertThat(DataHubResponseClassifier.retryAfter(null, now)).isEmpty();
        assertThat(DataHubResponseClassifier.retryAfter("soon", now)).isEmpty();
        assertThat(DataHubResponseClassifier.retryAfter("-3", now)).isEmpty();
    }
}
