package io.dataspoke.db;

/** A migration could not be applied; the message names the migration script that failed. */
public final class MigrationException extends RuntimeException {

    private final String script;

    MigrationException(String message, String script, Throwable cause) {
        super(message, cause);
        this.script = script;
    }

    /** The script of the failed migration, e.g. {@code V2__add_scores.sql}, if known. */
    public String script() {
        return script;
    }
}
