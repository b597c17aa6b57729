package io.dataspoke.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One stack for the whole class, the way job integration tests use it. */
class EmbeddedStackEndToEndITCase {

    private static EmbeddedStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = EmbeddedStack.start(EmbeddedStack.Options.defaults().withWebPort(0));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void flinkReadsWhatWasProducedToKafka() throws Exception {
        String topic = "e2e.lines";
        stack.kafka().createTopics(List.of(topic), 2);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "line-" + i));
            }
        }

        StreamExecutionEnvironment env = stack.flink().environment();
        KafkaSource<String> source =
                KafkaSource.<String>builder()
                        .setBootstrapServers(stack.kafka().bootstrapServers())
                        .setTopics(topic)
                        .setGroupId("e2e")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setValueOnlyDeserializer(new SimpleStringSchema())
                        .build();
        CollectingSink<String> sink = new CollectingSink<>();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "Lines").uid("lines").sinkTo(sink);

        JobID jobId = stack.flink().submit(env, "e2e-kafka-to-flink");
        stack.flink().awaitTermination(jobId, Duration.ofSeconds(60));

        assertThat(sink.values())
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 100).mapToObj(i -> "line-" + i).toList());
    }

    @Test
    void postgresCarriesTheMigratedSchema() throws Exception {
        try (Connection c = stack.postgres().dataSource().getConnection()) {
            try (PreparedStatement upsert =
                    c.prepareStatement(
                            "INSERT INTO entities (urn, entity_type, aspects, last_change_at,"
                                + " change_count) VALUES (?, 'dataset', '{}'::jsonb, now(), 1) ON"
                                + " CONFLICT (urn) DO UPDATE SET change_count ="
                                + " entities.change_count + 1")) {
                upsert.setString(1, "urn:li:dataset:(urn:li:dataPlatform:hive,e2e,PROD)");
                upsert.executeUpdate();
                upsert.executeUpdate();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT count(*), max(change_count) FROM entities")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getLong(2)).isEqualTo(2);
            }
        }
    }
}
