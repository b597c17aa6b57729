package io.dataspoke.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.MetaProperties;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * An in-process Kafka broker in KRaft mode (one node that is both broker and controller) on the
 * loopback interface, for the demo and the integration tests. Topics are never auto-created.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Node ids unique in this JVM, so concurrent brokers do not share JMX names. */
    private static final AtomicInteger NODE_IDS = new AtomicInteger();

    private static final int START_ATTEMPTS = 5;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicBoolean EXIT_GUARD_INSTALLED = new AtomicBoolean();

    private final KafkaRaftServer server;
    private final Path dir;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ShutdownHook shutdownHook;

    private EmbeddedKafka(KafkaRaftServer server, Path dir, int port) {
        this.server = server;
        this.dir = dir;
        this.port = port;
        this.shutdownHook = ShutdownHook.register("embedded-kafka", this);
    }

    /** Starts a broker on a free loopback port with its logs under {@code workDir}. */
    public static EmbeddedKafka start(Path workDir) throws IOException {
        return start(workDir, 0);
    }

    /**
     * Starts a broker with its logs in a new directory under {@code workDir}, listening on {@code
     * port} of the loopback interface, or on a free port when {@code port} is 0.
     */
    public static EmbeddedKafka start(Path workDir, int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535");
        }
        if (port != 0 && !Ports.isFree(port)) {
            throw new IOException(
                    "Kafka port " + port + " is in use; choose another or 0 for any free port");
        }
        installExitGuard();
        long started = System.nanoTime();
        RuntimeException lastFailure = null;
        // Ports picked here can be taken by someone else before the broker binds them.
        int attempts = port == 0 ? START_ATTEMPTS : 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int brokerPort = port == 0 ? Ports.freePort() : port;
            int controllerPort = Ports.freePort();
            while (controllerPort == brokerPort) {
                controllerPort = Ports.freePort();
            }
            Path dir = Directories.createUnder(workDir, "kafka-");
            try {
                KafkaRaftServer server = startServer(dir, brokerPort, controllerPort);
                EmbeddedKafka kafka = new EmbeddedKafka(server, dir, brokerPort);
                try {
                    kafka.awaitBrokerRegistered();
                    kafka.awaitGroupCoordinator();
                } catch (RuntimeException e) {
                    kafka.close();
                    throw e;
                }
                LOG.info(
                        "Kafka broker (KRaft) on {} started in {} ms",
                        kafka.bootstrapServers(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return kafka;
            } catch (RuntimeException e) {
                Directories.deleteRecursively(dir);
                lastFailure = e;
                if (!Ports.isBindFailure(e)) {
                    throw e;
                }
                LOG.warn("Kafka could not bind its ports (attempt {}): {}", attempt, e.toString());
            }
        }
        throw lastFailure;
    }

    private static KafkaRaftServer startServer(Path dir, int brokerPort, int controllerPort) {
        Path logDir = dir.resolve("logs");
        int nodeId = NODE_IDS.incrementAndGet();
        KafkaConfig config =
                KafkaConfig.fromProps(
                        brokerProperties(nodeId, logDir, brokerPort, controllerPort), false);
        formatStorage(logDir, config);
        KafkaRaftServer server =
                new KafkaRaftServer(config, Time.SYSTEM, Option.apply("embedded-kafka"));
        try {
            server.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(server);
            throw e;
        }
        return server;
    }

    private static Properties brokerProperties(
            int nodeId, Path logDir, int brokerPort, int controllerPort) {
        String host = "127.0.0.1";
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", nodeId + "@" + host + ":" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://"
                        + host
                        + ":"
                        + brokerPort
                        + ",CONTROLLER://"
                        + host
                        + ":"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        // Replayed histories carry their events' own timestamps, weeks old: under the default
        // seven-day retention the broker's first retention check would delete them mid-run.
        p.put("log.retention.ms", "-1");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // A single broker: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        // Flink's exactly-once KafkaSink uses a one-hour transaction timeout by default.
        p.put("transaction.max.timeout.ms", String.valueOf(Duration.ofHours(1).toMillis()));
        // Consumers should not wait three seconds for more members that never come.
        p.put("group.initial.rebalance.delay.ms", "0");
        // The broker registers (and is unfenced) sooner with faster heartbeats.
        p.put("broker.heartbeat.interval.ms", "500");
        // One broker: nothing to rebalance, and the controller's periodic no-op records only
        // produce ERROR lines while the broker shuts down.
        p.put("auto.leader.rebalance.enable", "false");
        p.put("metadata.max.idle.interval.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "2");
        // The log cleaner allocates its whole dedupe buffer up front (128 MB by default).
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    /** Writes meta.properties and the bootstrap metadata, what `kafka-storage.sh format` does. */
    private static void formatStorage(Path logDir, KafkaConfig config) {
        String clusterId = Uuid.randomUuid().toString();
        MetaProperties meta = MetaProperties.apply(clusterId, config.nodeId());
        PrintStream discard =
                new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        int status =
                StorageTool.formatCommand(
                        discard,
                        CollectionConverters.asScala(List.of(logDir.toString())).toSeq(),
                        meta,
                        MetadataVersion.latest(),
                        false);
        if (status != 0) {
            throw new IllegalStateException(
                    "Formatting Kafka storage in " + logDir + " failed: " + status);
        }
    }

    /**
     * Kafka ends the process on fatal errors (Exit.exit, Exit.halt). In-process, that would end the
     * demo or the test JVM, so the procedures are replaced once, for the life of the JVM, by one
     * that logs and throws in the calling thread instead.
     */
    private static void installExitGuard() {
        if (EXIT_GUARD_INSTALLED.compareAndSet(false, true)) {
            Exit.setExitProcedure((status, message) -> refuseExit("exit", status, message));
            Exit.setHaltProcedure((status, message) -> refuseExit("halt", status, message));
        }
    }

    private static void refuseExit(String kind, int status, String message) {
        LOG.error("Embedded Kafka asked the JVM to {}({}): {}; refused", kind, status, message);
        throw new IllegalStateException(
                "Embedded Kafka asked the JVM to " + kind + "(" + status + "): " + message);
    }

    private void awaitBrokerRegistered() {
        // The broker answers once it has caught up with the controller.
        awaitReady(
                "did not register",
                admin -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
    }

    /**
     * Makes the broker create and load {@code __consumer_offsets} now. It does so lazily, on the
     * first group lookup; left until a Flink source commits its first offsets, that creation
     * competes with the job for the CPU and the commits fail with CoordinatorNotAvailable for as
     * long as it takes. One partition serves every group, so one lookup here is enough.
     */
    private void awaitGroupCoordinator() {
        awaitReady(
                "had no group coordinator",
                admin -> {
                    admin.listConsumerGroupOffsets("embedded-kafka-start")
                            .partitionsToOffsetAndMetadata()
                            .get(5, TimeUnit.SECONDS);
                    return true;
                });
    }

    /** One readiness check; failing with an exception means "not yet". */
    private interface Probe {
        boolean ready(Admin admin)
                throws ExecutionException, TimeoutException, InterruptedException;
    }

    /** Repeats {@code probe} until it passes, or fails after {@link #READY_TIMEOUT}. */
    private void awaitReady(String failure, Probe probe) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            Exception last = null;
            while (true) {
                try {
                    if (probe.ready(admin)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Kafka broker on "
                                    + bootstrapServers()
                                    + " "
                                    + failure
                                    + " within "
                                    + READY_TIMEOUT,
                            last);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka to start", e);
        }
    }

    /** The bootstrap servers string for clients, e.g. {@code 127.0.0.1:39123}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's client port on the loopback interface. */
    public int port() {
        return port;
    }

    /**
     * Creates the topics that do not exist yet, each with {@code partitions} partitions and one
     * replica, and waits until every partition has a leader. A topic that already exists with a
     * different number of partitions is an error.
     */
    public void createTopics(Collection<String> names, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        Set<String> wanted = new LinkedHashSet<>(names);
        try (Admin admin = admin()) {
            Map<String, KafkaFuture<Void>> results =
                    admin.createTopics(
                                    wanted.stream()
                                            .map(name -> new NewTopic(name, partitions, (short) 1))
                                            .toList())
                            .values();
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, wanted, partitions);
            awaitServing(admin, wanted, partitions);
            if (!created.isEmpty()) {
                LOG.info("Created Kafka topics {} with {} partition(s)", created, partitions);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + wanted, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create Kafka topics " + wanted, e);
        }
    }

    /**
     * Waits until the broker (not only the controller) knows every partition and its leader: right
     * after creation the broker's metadata may still lag behind the controller's.
     */
    private static void awaitLeaders(Admin admin, Set<String> topics, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            List<String> missing = new ArrayList<>();
            Map<String, TopicDescription> descriptions;
            try {
                descriptions =
                        admin.describeTopics(topics)
                                .allTopicNames()
                                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                descriptions = Map.of();
                missing.add("topics " + topics + " not yet known to the broker");
            }
            for (TopicDescription d : descriptions.values()) {
                if (d.partitions().size() != partitions) {
                    throw new IllegalStateException(
                            "Topic "
                                    + d.name()
                                    + " already exists with "
                                    + d.partitions().size()
                                    + " partitions, not "
                                    + partitions);
                }
                for (TopicPartitionInfo p : d.partitions()) {
                    if (p.leader() == null || p.leader().isEmpty()) {
                        missing.add("leader of " + d.name() + "-" + p.partition());
                    }
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Still missing: " + missing);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the leader of every partition answers for it. The controller's metadata names a
     * leader a moment before that broker's replica manager takes the partition over; a producer
     * sending in that moment gets NOT_LEADER_OR_FOLLOWER, and the idempotent producer of Kafka 3.4
     * can then stay stuck on OUT_OF_ORDER_SEQUENCE until its delivery timeout. A ListOffsets
     * request is served only by the partition's leader, so its success means producers are safe.
     */
    private static void awaitServing(Admin admin, Set<String> topics, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.listOffsets(latest)
                        .all()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(20);
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                String.valueOf(ADMIN_TIMEOUT.toMillis()));
        return Admin.create(props);
    }

    /** Shuts the broker down, waits for it, and deletes its log directory. */
    @Override
    public synchronized void close() throws IOException {
        // Synchronized: a second caller (the shutdown hook) waits until the first has finished.
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shutdownHook.remove();
        long started = System.nanoTime();
        shutdownQuietly(server);
        Directories.deleteRecursively(dir);
        LOG.info(
                "Kafka broker on {} stopped in {} ms",
                bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker did not shut down cleanly", e);
        }
    }
}
