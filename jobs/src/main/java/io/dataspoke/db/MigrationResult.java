package io.dataspoke.db;

import java.util.Optional;

/**
 * What a migration run did.
 *
 * @param applied migrations applied by this run (0 when the database was already current)
 * @param currentVersion the schema version after the run, empty for a database without migrations
 */
public record MigrationResult(int applied, Optional<String> currentVersion) {}
