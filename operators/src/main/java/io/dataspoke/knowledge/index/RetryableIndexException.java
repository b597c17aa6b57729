package io.dataspoke.knowledge.index;

import java.io.IOException;

/**
 * The index could not take a request for a reason that passes (unavailable, overloaded, timed out):
 * the sink retries it. Other {@link IOException}s from a {@link VectorIndex} are fatal.
 */
public class RetryableIndexException extends IOException {

    private static final long serialVersionUID = 1L;

    public RetryableIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
