package io.dataspoke.bench;

import io.dataspoke.decode.DataHubAvroEncoder;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.Topics;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Measures how long an event takes from the moment it is produced to Kafka until a reader of
 * Postgres can see the row it becomes. Probes alternate between the two paths of the ingest job: a
 * DataHub MetadataChangeLog (decoded, through keyed RocksDB state, into {@code entities}) and an
 * OpenLineage run event (decoded into {@code pipeline_runs}). They are sent at a steady rate, and
 * one connection polls Postgres for the probes still outstanding.
 */
final class LatencyProbe {

    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final URI PRODUCER = URI.create("https://github.com/dataspoke/dataspoke/bench");

    private final String bootstrapServers;
    private final Topics topics;
    private final PostgresOptions postgres;
    private final DataHubAvroEncoder avro = new DataHubAvroEncoder();
    private final OpenLineage openLineage = new OpenLineage(PRODUCER);

    LatencyProbe(String bootstrapServers, Topics topics, PostgresOptions postgres) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.postgres = postgres;
    }

    /** The latencies, in milliseconds, of {@code count} probes sent at {@code perSecond}. */
    double[] measure(String prefix, int count, double perSecond)
            throws SQLException, TimeoutException {
        List<Probe> probes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            probes.add(i % 2 == 0 ? entityProbe(prefix, i) : runProbe());
        }
        long[] sent = new long[count];
        long[] seen = new long[count];
        long intervalNanos = (long) (1e9 / perSecond);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties());
                Connection c = postgres.connect();
                PreparedStatement entities =
                        c.prepareStatement("SELECT urn FROM entities WHERE urn = ANY(?)");
                PreparedStatement runs =
                        c.prepareStatement(
                                "SELECT run_id FROM pipeline_runs"
                                        + " WHERE run_id = ANY(?) AND event_type = 'COMPLETE'")) {
            long start = System.nanoTime();
            long deadline = start + intervalNanos * count + TIMEOUT.toNanos();
            long nextPoll = start;
            int next = 0;
            int outstanding = count;
            while (outstanding > 0) {
                long now = System.nanoTime();
                while (next < count && now >= start + next * intervalNanos) {
                    Probe p = probes.get(next);
                    producer.send(
                            new ProducerRecord<>(
                                    p.topic(),
                                    null,
                                    System.currentTimeMillis(),
                                    p.key(),
                                    p.value()));
                    sent[next++] = System.nanoTime();
                }
                if (now >= nextPoll) {
                    outstanding -= poll(probes, next, seen, entities, runs);
                    nextPoll = System.nanoTime() + POLL.toNanos();
                }
                if (now > deadline) {
                    throw new TimeoutException(
                            outstanding + " of " + count + " probes never reached Postgres");
                }
                LockSupport.parkNanos(
                        Math.min(
                                nextPoll - System.nanoTime(),
                                next < count
                                        ? start + next * intervalNanos - System.nanoTime()
                                        : Long.MAX_VALUE));
            }
        }
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            millis[i] = (seen[i] - sent[i]) / 1e6;
        }
        return millis;
    }

    /** Marks the sent probes now visible; returns how many became visible. */
    private static int poll(
            List<Probe> probes,
            int sentCount,
            long[] seen,
            PreparedStatement entities,
            PreparedStatement runs)
            throws SQLException {
        Map<String, Integer> pending = new HashMap<>();
        List<String> entityIds = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < sentCount; i++) {
            if (seen[i] == 0) {
                Probe p = probes.get(i);
                pending.put(p.id(), i);
                (p.entity() ? entityIds : runIds).add(p.id());
            }
        }
        int found =
                visible(entities, entityIds, pending, seen) + visible(runs, runIds, pending, seen);
        return found;
    }

    private static int visible(
            PreparedStatement query, List<String> ids, Map<String, Integer> pending, long[] seen)
            throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        Array array = query.getConnection().createArrayOf("text", ids.toArray());
        query.setArray(1, array);
        long at = System.nanoTime();
        int found = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                seen[pending.get(rs.getString(1))] = at;
                found++;
            }
        }
        return found;
    }

    private Probe entityProbe(String prefix, int i) {
        String urn =
                "urn:li:dataset:(urn:li:dataPlatform:hive,bench." + prefix + "_" + i + ",PROD)";
        String aspect = "{\"description\":\"latency probe " + i + "\",\"customProperties\":{}}";
        byte[] value =
                avro.encode(
                        new MetadataChange(
                                urn,
                                "dataset",
                                "datasetProperties",
                                "UPSERT",
                                aspect,
                                null,
                                System.currentTimeMillis(),
                                null,
                                false));
        return new Probe(
                urn, true, topics.versioned(), urn.getBytes(StandardCharsets.UTF_8), value);
    }

    private Probe runProbe() {
        UUID runId = UUID.randomUUID();
        OpenLineage.RunEvent event =
                openLineage
                        .newRunEventBuilder()
                        .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                        .eventTime(Instant.now().atZone(ZoneOffset.UTC))
                        .run(openLineage.newRunBuilder().runId(runId).build())
                        .job(
                                openLineage
                                        .newJobBuilder()
                                        .namespace("dataspoke-bench")
                                        .name("probe")
                                        .build())
                        .inputs(List.of())
                        .outputs(List.of())
                        .build();
        return new Probe(
                runId.toString(),
                false,
                topics.openLineage(),
                runId.toString().getBytes(StandardCharsets.UTF_8),
                OpenLineageClientUtils.toJson(event).getBytes(StandardCharsets.UTF_8));
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** One probe: the id of the row it becomes, and the Kafka record that carries it. */
    private record Probe(String id, boolean entity, String topic, byte[] key, byte[] value) {}
}
