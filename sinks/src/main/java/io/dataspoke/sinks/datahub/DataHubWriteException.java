package io.dataspoke.sinks.datahub;

import java.util.OptionalInt;

/**
 * A write GMS did not accept and that will not be retried: GMS rejected it (a 4xx other than 429),
 * or it kept failing until the attempts ran out. It fails the job, naming the write, GMS's HTTP
 * status and what GMS said.
 */
public class DataHubWriteException extends RuntimeException {

    private final String entityUrn;
    private final String aspectName;
    private final int status;
    private final int attempts;

    DataHubWriteException(
            String message, DataHubWrite write, int status, int attempts, Throwable cause) {
        super(message, cause);
        this.entityUrn = write.entityUrn();
        this.aspectName = write.aspectName();
        this.status = status;
        this.attempts = attempts;
    }

    /** The entity the failed write was for. */
    public String entityUrn() {
        return entityUrn;
    }

    /** The aspect the failed write was for. */
    public String aspectName() {
        return aspectName;
    }

    /** GMS's HTTP status for the last attempt; empty when there was no response. */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** How many times the write was sent. */
    public int attempts() {
        return attempts;
    }
}
