package io.dataspoke.db;

import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a PostgreSQL database to the latest DataSpoke schema with Flyway, from the versioned
 * scripts in {@code sql/migrations} (on the classpath as {@code db/migration}). Running it on a
 * current database applies nothing.
 */
public final class Migrations {

    /** Where the DataSpoke migrations are on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    /** Applies the pending DataSpoke migrations to the database at {@code jdbcUrl}. */
    public static MigrationResult migrate(String jdbcUrl, String user, String password) {
        return migrate(jdbcUrl, user, password, LOCATION);
    }

    /**
     * Applies the pending migrations found in {@code locations} (Flyway locations such as {@code
     * classpath:db/migration}); tests use other locations to exercise failures.
     *
     * @throws MigrationException naming the script that failed
     */
    public static MigrationResult migrate(
            String jdbcUrl, String user, String password, String... locations) {
        Flyway flyway =
                Flyway.configure()
                        .dataSource(jdbcUrl, user, password)
                        .locations(locations)
                        .failOnMissingLocations(true)
                        .load();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            String script = failedScript(flyway);
            String what =
                    script == null
                            ? "Migrating " + jdbcUrl
                            : "Migration " + script + " on " + jdbcUrl;
            throw new MigrationException(what + " failed: " + e.getMessage(), script, e);
        }
        Optional<String> version =
                Optional.ofNullable(flyway.info().current())
                        .map(MigrationInfo::getVersion)
                        .map(Object::toString);
        LOG.info(
                "Migrated {}: {} migration(s) applied, schema version {}",
                jdbcUrl,
                result.migrationsExecuted,
                version.orElse("none"));
        return new MigrationResult(result.migrationsExecuted, version);
    }

    /**
     * The script that stopped the run: PostgreSQL rolls a failed migration back, so it is the first
     * one still pending (or one recorded as failed, for scripts run outside a transaction).
     */
    private static String failedScript(Flyway flyway) {
        try {
            MigrationInfo[] all = flyway.info().all();
            return Arrays.stream(all)
                    .filter(m -> m.getState().isFailed())
                    .findFirst()
                    .or(() -> Arrays.stream(flyway.info().pending()).findFirst())
                    .map(MigrationInfo::getScript)
                    .orElse(null);
        } catch (FlywayException e) {
            return null;
        }
    }
}
