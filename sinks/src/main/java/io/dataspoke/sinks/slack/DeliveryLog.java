package io.dataspoke.sinks.slack;

import java.io.Serializable;

/**
 * Remembers which messages Slack accepted, by their dedup key, so a message composed again after a
 * restore (a digest for a period already sent) is not posted twice. The sink checks the log before
 * posting and records a key once Slack answered 2xx.
 */
public interface DeliveryLog extends Serializable {

    /** Opens the log for one sink writer; the writer closes it. */
    Store open() throws Exception;

    /** An open log. Implementations must be safe to call from several threads. */
    interface Store extends AutoCloseable {

        /** True when a message with this key was delivered before. */
        boolean delivered(String dedupKey) throws Exception;

        /** Records that the message with this key was delivered. */
        void recordDelivered(String dedupKey) throws Exception;
    }
}
