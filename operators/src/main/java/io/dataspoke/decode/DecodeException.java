package io.dataspoke.decode;

/** A record that cannot be turned into an event; its message is what the dead-letter row says. */
public class DecodeException extends Exception {

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
