package io.dataspoke.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaITCase {

    @TempDir static Path workDir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start(workDir);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void producedRecordsAreConsumedBackInOrderPerPartition() throws Exception {
        String topic = "embedded.round-trip";
        kafka.createTopics(List.of(topic), 3);

        // What the broker acknowledged, per partition, in send order.
        Map<Integer, List<String>> sent = new TreeMap<>();
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                acks.add(
                        producer.send(new ProducerRecord<>(topic, "key-" + (i % 7), "value-" + i)));
            }
            producer.flush();
            for (int i = 0; i < acks.size(); i++) {
                RecordMetadata ack = acks.get(i).get();
                sent.computeIfAbsent(ack.partition(), p -> new ArrayList<>())
                        .add("key-" + (i % 7) + "=value-" + i);
            }
        }
        assertThat(sent).as("records spread over all partitions").hasSize(3);

        Map<Integer, List<String>> received = new TreeMap<>();
        Map<Integer, List<Long>> offsets = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions =
                    Stream.of(0, 1, 2).map(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Await.until(
                    Duration.ofSeconds(30),
                    () -> {
                        for (ConsumerRecord<String, String> r :
                                consumer.poll(Duration.ofMillis(100))) {
                            received.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                                    .add(r.key() + "=" + r.value());
                            offsets.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                                    .add(r.offset());
                        }
                        return received.values().stream().mapToInt(List::size).sum();
                    },
                    count -> count >= 1_000,
                    count -> (1_000 - count) + " of 1000 records");
        }

        assertThat(received).isEqualTo(sent);
        offsets.forEach(
                (partition, list) ->
                        assertThat(list)
                                .as("offsets of partition %d", partition)
                                .isEqualTo(
                                        Stream.iterate(0L, o -> o + 1)
                                                .limit(list.size())
                                                .toList()));
        // Same key, same partition: the order a consumer sees per key is the send order.
        Map<String, Long> partitionsPerKey =
                received.entrySet().stream()
                        .flatMap(
                                e ->
                                        e.getValue().stream()
                                                .map(kv -> kv.split("=")[0] + "@" + e.getKey()))
                        .distinct()
                        .collect(
                                Collectors.groupingBy(
                                        keyAt -> keyAt.split("@")[0], Collectors.counting()));
        assertThat(partitionsPerKey)
                .hasSize(7)
                .allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void topicsAreNeverAutoCreated() {
        Properties props = producerProperties();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            assertThatThrownBy(
                            () ->
                                    producer.send(
                                                    new ProducerRecord<>(
                                                            "embedded.missing", "k", "v"))
                                            .get())
                    .isInstanceOfAny(TimeoutException.class, ExecutionException.class)
                    .hasMessageContaining("not present in metadata");
        }
    }

    /**
     * The offsets topic exists, with a leader, before anyone asks for a group: otherwise the first
     * commits of a job fail with CoordinatorNotAvailable while the broker creates it.
     */
    @Test
    void groupCoordinatorIsReadyWhenStartReturns(@TempDir Path otherWorkDir) throws Exception {
        try (EmbeddedKafka fresh = EmbeddedKafka.start(otherWorkDir);
                Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        fresh.bootstrapServers()))) {
            var offsets =
                    admin.describeTopics(List.of("__consumer_offsets"))
                            .allTopicNames()
                            .get()
                            .get("__consumer_offsets");
            assertThat(offsets.partitions())
                    .singleElement()
                    .satisfies(p -> assertThat(p.leader()).isNotNull());
        }
    }

    /** A replayed history is weeks old by its timestamps; the broker must never expire it. */
    @Test
    void topicsKeepOldRecordsForever() throws Exception {
        kafka.createTopics(List.of("embedded.history"), 1);
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            var topic =
                    new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                            "embedded.history");
            var config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
        }
    }

    @Test
    void createTopicsIsIdempotentButRejectsAnotherPartitionCount() throws Exception {
        kafka.createTopics(List.of("embedded.twice", "embedded.twice"), 2);
        kafka.createTopics(List.of("embedded.twice"), 2);

        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            assertThat(
                            admin.describeTopics(List.of("embedded.twice"))
                                    .allTopicNames()
                                    .get()
                                    .get("embedded.twice")
                                    .partitions())
                    .hasSize(2);
        }
        assertThatThrownBy(() -> kafka.createTopics(List.of("embedded.twice"), 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embedded.twice already exists with 2 partitions, not 4");
    }

    @Test
    void closeFreesThePortAndDeletesTheLogDirectory(@TempDir Path otherWorkDir) throws Exception {
        int port = Ports.freePort();
        EmbeddedKafka other = EmbeddedKafka.start(otherWorkDir, port);
        try {
            assertThat(other.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(Ports.isFree(port)).as("port %d while the broker runs", port).isFalse();
            try (Stream<Path> files = Files.list(otherWorkDir)) {
                assertThat(files).hasSize(1);
            }
        } finally {
            other.close();
        }
        assertThat(Ports.isFree(port)).as("port %d after close", port).isTrue();
        try (Stream<Path> files = Files.list(otherWorkDir)) {
            assertThat(files).as("files left in the work directory").isEmpty();
        }
    }

    @Test
    void kafkaCannotEndTheJvm() {
        assertThatThrownBy(() -> Exit.exit(1, "test")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Exit.halt(1, "test")).isInstanceOf(IllegalStateException.class);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(producerProperties());
    }

    private static Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return props;
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props);
    }
}
