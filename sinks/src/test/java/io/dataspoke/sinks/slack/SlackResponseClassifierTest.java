package io.dataspoke.sinks.slack;

import static io.dataspoke.sinks.slack.SlackResponseType.FATAL;
import static io.dataspoke.sinks.slack.SlackResponseType.RETRYABLE;
import static io.dataspoke.sinks.slack.SlackResponseType.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackResponseClassifierTest {

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({
        "200, SUCCESS",
        "204, SUCCESS",
        "429, RETRYABLE",
        "408, RETRYABLE",
        "500, RETRYABLE",
        "502, RETRYABLE",
        "503, RETRYABLE",
        "504, RETRYABLE",
        "400, FATAL",
        "401, FATAL",
        "403, FATAL",
        "404, FATAL",
        "410, FATAL",
        "413, FATAL",
        "301, FATAL",
        "302, FATAL",
        "101, FATAL"
    })
    void classifiesStatusCodes(int status, SlackResponseType expected) {
        assertThat(SlackResponseClassifier.classify(status)).isEqualTo(expected);
    }

    @Test
    void ioErrorsAndTimeoutsAreRetryable() {
        assertThat(SlackResponseClassifier.classify(new HttpTimeoutException("request timed out")))
                .isEqualTo(RETRYABLE);
        assertThat(SlackResponseClassifier.classify(new HttpConnectTimeoutException("connect")))
                .isEqualTo(RETRYABLE);
        assertThat(SlackResponseClassifier.classify(new ConnectException())).isEqualTo(RETRYABLE);
        assertThat(
                        SlackResponseClassifier.classify(
                                new CompletionException(new IOException("connection reset"))))
                .isEqualTo(RETRYABLE);
    }

    @Test
    void otherExceptionsAreFatal() {
        assertThat(SlackResponseClassifier.classify(new IllegalArgumentException("bad header")))
                .isEqualTo(FATAL);
        assertThat(
                        SlackResponseClassifier.classify(
                                new CompletionException(new SecurityException("denied"))))
                .isEqualTo(FATAL);
        assertThat(SlackResponseClassifier.classify(200)).isEqualTo(SUCCESS);
    }
}
