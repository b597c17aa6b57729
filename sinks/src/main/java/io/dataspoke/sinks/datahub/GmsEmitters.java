package io.dataspoke.sinks.datahub;

import datahub.client.rest.RestEmitter;
import datahub.shaded.org.apache.hc.client5.http.config.RequestConfig;
import datahub.shaded.org.apache.hc.core5.util.Timeout;
import java.time.Duration;

/** Builds the DataHub client's {@link RestEmitter} the way the sink needs it. */
final class GmsEmitters {

    private GmsEmitters() {}

    /**
     * An emitter for {@code options} whose every send gives up after {@code requestTimeout}. The
     * client's own retries are off: the sink retries itself, so it can honour Retry-After, count
     * attempts and fail with what GMS said.
     */
    @SuppressWarnings("deprecation") // RequestConfig's connect timeout; the client replaces the
    // connection manager, so ConnectionConfig (its successor) cannot be set from here.
    static RestEmitter create(DataHubSinkOptions options, Duration requestTimeout) {
        Timeout timeout = Timeout.ofMilliseconds(requestTimeout.toMillis());
        RequestConfig requests =
                RequestConfig.custom()
                        .setConnectTimeout(timeout)
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build();
        return RestEmitter.create(
                builder ->
                        builder.server(options.gmsUrl())
                                // Always set, so the client never falls back to a default of its
                                // own.
                                .token(options.token())
                                .maxRetries(0)
                                .customizeHttpAsyncClient(
                                        http -> http.setDefaultRequestConfig(requests)));
    }
}
