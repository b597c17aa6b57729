package io.dataspoke.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.decode.DataHubAvroEncoder;
import io.dataspoke.embedded.LocalSlackWebhook;
import io.dataspoke.event.MetadataChange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Measures how long a contract violation takes from its arrival in Kafka to its Slack alert, with
 * the quality job under a steady background load.
 *
 * <p>One producer sends, on the DataHub time-series topic, a background of healthy {@code
 * datasetProfile} and {@code operation} change logs at a fixed rate over {@link #LOAD_DATASETS}
 * datasets, and every probe interval a probe: a profile with {@code rowCount 0} of a dataset of its
 * own, which breaks {@code row_count > 0}. Every event is stamped with the wall clock, so the
 * background keeps the watermark moving right behind the probes. A probe's latency runs from the
 * producer's acknowledgement (the record is in Kafka) to the webhook request announcing its
 * incident. When that arrives, a healthy profile of the probe's dataset is sent, and its latency
 * runs from its acknowledgement to the request resolving the incident. Each probe has its own
 * dataset, so probes never reopen, flap or group with each other.
 */
final class AlertProbe {

    /** Datasets the background load profiles and loads in turn. */
    static final int LOAD_DATASETS = 200;

    /** Dataset names of the background load, {@code bench.qload_000} on. */
    static final String LOAD_PREFIX = "bench.qload_";

    /** Dataset names of the probes, {@code bench.qprobe_<round>_00000} on. */
    static final String PROBE_PREFIX = "bench.qprobe_";

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern PROBE = Pattern.compile("qprobe_([a-z]+)_(\\d{5})");
    private static final String ACTOR = "urn:li:corpuser:datahub";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final String topic;
    private final LocalSlackWebhook webhook;
    private final DataHubAvroEncoder avro = new DataHubAvroEncoder();

    AlertProbe(String bootstrapServers, String topic, LocalSlackWebhook webhook) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.webhook = webhook;
    }

    /**
     * Latencies of {@code count} probes in milliseconds: to the opening alert and to the resolving
     * one. {@code loadSent} is the number of background events sent meanwhile.
     */
    record Latencies(double[] opened, double[] resolved, long loadSent, double loadSeconds) {}

    /**
     * Sends {@code count} probes named with {@code round} (lower-case letters), one every {@code
     * interval}, under {@code loadPerSecond} background events, until every probe was announced and
     * resolved.
     */
    Latencies measure(String round, int count, Duration interval, double loadPerSecond)
            throws TimeoutException {
        if (!round.matches("[a-z]+")) {
            throw new IllegalArgumentException("round names are lower-case letters: " + round);
        }
        AtomicLongArray probeAcked = new AtomicLongArray(count);
        AtomicLongArray opened = new AtomicLongArray(count);
        AtomicLongArray resolveAcked = new AtomicLongArray(count);
        AtomicLongArray resolved = new AtomicLongArray(count);
        ConcurrentLinkedQueue<Integer> toResolve = new ConcurrentLinkedQueue<>();
        AtomicReference<String> failure = new AtomicReference<>();
        webhook.onMessage(
                body -> {
                    long at = System.nanoTime();
                    Matcher m = PROBE.matcher(body);
                    if (!m.find() || !m.group(1).equals(round)) {
                        return;
                    }
                    int i = Integer.parseInt(m.group(2));
                    if (body.contains("Opened and resolved")) {
                        failure.set("probe " + i + " was announced only with its resolve");
                    } else if (body.contains("Resolved: ")) {
                        resolved.compareAndSet(i, 0, at);
                    } else if (opened.compareAndSet(i, 0, at)) {
                        toResolve.add(i);
                    }
                });
        long intervalNanos = interval.toNanos();
        double loadPerNano = loadPerSecond / 1e9;
        long loadSent = 0;
        int probesSent = 0;
        int resolvesSent = 0;
        long start = System.nanoTime();
        long deadline = start + intervalNanos * count + TIMEOUT.toNanos();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            while (resolvesSent < count || !allSet(resolved)) {
                long now = System.nanoTime();
                if (failure.get() != null) {
                    throw new IllegalStateException(failure.get());
                }
                if (now > deadline) {
                    throw new TimeoutException(
                            missing(opened)
                                    + " of "
                                    + count
                                    + " probes never announced and "
                                    + missing(resolved)
                                    + " never resolved at the webhook");
                }
                long loadDue = (long) ((now - start) * loadPerNano);
                while (loadSent < loadDue) {
                    send(producer, load(loadSent), null);
                    loadSent++;
                }
                while (probesSent < count && now >= start + probesSent * intervalNanos) {
                    int i = probesSent++;
                    send(
                            producer,
                            profile(probeUrn(round, i), 0),
                            acked -> probeAcked.set(i, acked));
                }
                for (Integer i = toResolve.poll(); i != null; i = toResolve.poll()) {
                    int probe = i;
                    send(
                            producer,
                            profile(probeUrn(round, probe), 1_000),
                            acked -> resolveAcked.set(probe, acked));
                    resolvesSent++;
                }
                LockSupport.parkNanos(Math.max(100_000L, (long) (0.5 / loadPerNano)));
            }
        } finally {
            webhook.onMessage(body -> {});
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        double[] toOpen = new double[count];
        double[] toResolveMillis = new double[count];
        for (int i = 0; i < count; i++) {
            if (probeAcked.get(i) == 0 || resolveAcked.get(i) == 0) {
                throw new IllegalStateException("probe " + i + " has no acknowledgement time");
            }
            toOpen[i] = (opened.get(i) - probeAcked.get(i)) / 1e6;
            toResolveMillis[i] = (resolved.get(i) - resolveAcked.get(i)) / 1e6;
        }
        return new Latencies(toOpen, toResolveMillis, loadSent, loadSeconds);
    }

    /** The URN of probe {@code i} of {@code round}. */
    static String probeUrn(String round, int i) {
        return String.format(
                "urn:li:dataset:(urn:li:dataPlatform:hive,%s%s_%05d,PROD)", PROBE_PREFIX, round, i);
    }

    private static String loadUrn(int dataset) {
        return String.format(
                "urn:li:dataset:(urn:li:dataPlatform:hive,%s%03d,PROD)", LOAD_PREFIX, dataset);
    }

    /** Background event {@code n}: a healthy profile or load of one of the load datasets. */
    private Event load(long n) {
        String urn = loadUrn((int) (n % LOAD_DATASETS));
        return (n / LOAD_DATASETS) % 2 == 0 ? profile(urn, 10_000 + n % 977) : operation(urn);
    }

    private Event profile(String urn, long rows) {
        long now = System.currentTimeMillis();
        ObjectNode node = JSON.createObjectNode();
        node.put("timestampMillis", now);
        node.put("rowCount", rows);
        node.put("columnCount", 3);
        ArrayNode fields = node.putArray("fieldProfiles");
        for (String column : new String[] {"id", "amount", "updated_at"}) {
            fields.addObject()
                    .put("fieldPath", column)
                    .put("nullCount", 0)
                    .put("nullProportion", 0.0);
        }
        return event(urn, "datasetProfile", node, now);
    }

    private Event operation(String urn) {
        long now = System.currentTimeMillis();
        ObjectNode node = JSON.createObjectNode();
        node.put("timestampMillis", now);
        node.put("actor", ACTOR);
        node.put("operationType", "INSERT");
        node.put("numAffectedRows", 500);
        node.put("sourceType", "DATA_PROCESS");
        node.put("lastUpdatedTimestamp", now);
        return event(urn, "operation", node, now);
    }

    private Event event(String urn, String aspect, ObjectNode json, long now) {
        MetadataChange change =
                new MetadataChange(
                        urn, "dataset", aspect, "UPSERT", json.toString(), null, now, ACTOR, true);
        return new Event(urn.getBytes(StandardCharsets.UTF_8), avro.encode(change), now);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, Event event, LongConsumer onAck) {
        producer.send(
                new ProducerRecord<>(
                        topic, null, event.timestampMillis(), event.key(), event.value()),
                (metadata, error) -> {
                    long at = System.nanoTime();
                    if (error == null && onAck != null) {
                        onAck.accept(at);
                    }
                });
    }

    private static boolean allSet(AtomicLongArray times) {
        return missing(times) == 0;
    }

    private static int missing(AtomicLongArray times) {
        int missing = 0;
        for (int i = 0; i < times.length(); i++) {
            missing += times.get(i) == 0 ? 1 : 0;
        }
        return missing;
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

    /** One Kafka record: key, encoded change log, timestamp. */
    private record Event(byte[] key, byte[] value, long timestampMillis) {}
}
