package io.dataspoke.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries that zonky ships as a Maven artifact, for the demo and
 * the integration tests. It listens on the loopback interface and keeps its data in a new directory
 * under the given work directory, deleted on close.
 *
 * <p>Authentication is {@code trust} on loopback, as zonky's initdb sets it up; {@link #password()}
 * is accepted and ignored. Run as root, zonky starts initdb and postgres under {@code unshare -U}
 * (a user namespace in which they are not root), because PostgreSQL refuses to run as root; that
 * needs the {@code unshare} binary and unprivileged user namespaces.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final String DATABASE = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    private final Path dir;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ShutdownHook shutdownHook;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, Path dir) {
        this.postgres = postgres;
        this.dir = dir;
        this.shutdownHook = ShutdownHook.register("embedded-postgres", this);
    }

    /** Starts a server on a free loopback port with its data under {@code workDir}. */
    public static EmbeddedPostgres start(Path workDir) throws IOException {
        return start(workDir, 0);
    }

    /**
     * Starts a server with its data in a new directory under {@code workDir}, listening on {@code
     * port} of the loopback interface, or on a free port when {@code port} is 0.
     */
    public static EmbeddedPostgres start(Path workDir, int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535");
        }
        // zonky only notices a postmaster that could not bind when its start-up wait runs out.
        if (port != 0 && !Ports.isFree(port)) {
            throw new IOException(
                    "Embedded PostgreSQL did not start on port " + port + ": the port is in use");
        }
        long started = System.nanoTime();
        Path dir = Directories.createUnder(workDir, "postgres-");
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("data"))
                        .setCleanDataDirectory(true)
                        // Ours also deletes the work directory; zonky's would race with it.
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(STARTUP_WAIT)
                        // The data is thrown away on close: trade durability for speed.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("synchronous_commit", "off");
        if (port != 0) {
            builder.setPort(port);
        }
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            Directories.deleteRecursively(dir);
            throw new IOException(startFailureMessage(port), e);
        }
        LOG.info(
                "PostgreSQL on 127.0.0.1:{} started in {} ms",
                postgres.getPort(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new EmbeddedPostgres(postgres, dir);
    }

    private static String startFailureMessage(int port) {
        String message =
                "Embedded PostgreSQL did not start" + (port != 0 ? " on port " + port : "");
        if ("root".equals(System.getProperty("user.name"))) {
            message +=
                    "; running as root, zonky needs `unshare -U` (util-linux, user namespaces"
                            + " allowed) to start PostgreSQL as a non-root user, or run the JVM"
                            + " as a non-root user";
        }
        return message;
    }

    /** The server's port on the loopback interface. */
    public int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of the default database, without credentials. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The superuser's name. */
    public String user() {
        return USER;
    }

    /** The superuser's password (ignored: authentication is {@code trust} on loopback). */
    public String password() {
        return PASSWORD;
    }

    /** A data source for the default database. */
    public DataSource dataSource() {
        return dataSource(DATABASE);
    }

    private DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port()});
        ds.setDatabaseName(database);
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        return ds;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /**
     * Creates an empty database and returns its JDBC URL (without credentials); tests use one
     * database each so that their rows never meet.
     *
     * @param name a lowercase SQL identifier: letters, digits and underscores
     */
    public String createDatabase(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Database name must be a lowercase identifier ([a-z_][a-z0-9_]*): " + name);
        }
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            // The name is validated above; CREATE DATABASE takes no bind parameters.
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public synchronized void close() throws IOException {
        // Synchronized: a second caller (the shutdown hook) waits until the first has finished.
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shutdownHook.remove();
        long started = System.nanoTime();
        int port = port();
        try {
            postgres.close();
        } finally {
            Directories.deleteRecursively(dir);
        }
        LOG.info(
                "PostgreSQL on 127.0.0.1:{} stopped in {} ms",
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
