package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.event.EntityChange;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.event.RawRecord;
import io.dataspoke.event.RunDataset;
import io.dataspoke.event.SchemaColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RawRecordDeserializerTest {

    @Test
    void keepsTheWholeKafkaRecord() throws Exception {
        byte[] key = {1, 2};
        byte[] value = {0, 0, 0, 0, 2, 7};
        ConsumerRecord<byte[], byte[]> consumerRecord =
                new ConsumerRecord<>(
                        "MetadataChangeLog_Versioned_v1",
                        4,
                        1234L,
                        1767603600000L,
                        TimestampType.CREATE_TIME,
                        key.length,
                        value.length,
                        key,
                        value,
                        new RecordHeaders(),
                        Optional.empty());
        List<RawRecord> out = new ArrayList<>();

        new RawRecordDeserializer().deserialize(consumerRecord, collector(out));

        assertThat(out).hasSize(1);
        RawRecord record = out.get(0);
        assertThat(record.topic()).isEqualTo("MetadataChangeLog_Versioned_v1");
        assertThat(record.partition()).isEqualTo(4);
        assertThat(record.offset()).isEqualTo(1234L);
        assertThat(record.timestamp()).isEqualTo(1767603600000L);
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isEqualTo(value);
    }

    @Test
    void aTombstoneIsPassedOnForTheDecoderToDeadLetter() throws Exception {
        List<RawRecord> out = new ArrayList<>();

        new RawRecordDeserializer()
                .deserialize(
                        new ConsumerRecord<>("dataspoke.query-logs", 0, 9L, null, null),
                        collector(out));

        assertThat(out).hasSize(1);
        assertThat(out.get(0).value()).isNull();
        assertThat(out.get(0).key()).isNull();
    }

    /** Every type the decoding layer emits is serialized by Flink without falling back to Kryo. */
    @Test
    void eventTypesNeedNoKryo() throws Exception {
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);

        assertThat(new RawRecordDeserializer().getProducedType().createSerializer(noGenerics))
                .isNotNull();
        for (TypeInformation<?> type :
                List.of(
                        DecodeFunction.ENTITY_CHANGES.getTypeInfo(),
                        DecodeFunction.PIPELINE_RUNS.getTypeInfo(),
                        DecodeFunction.QUERY_LOGS.getTypeInfo(),
                        DecodeFunction.DEAD_LETTERS.getTypeInfo(),
                        TypeInformation.of(MetadataChange.class))) {
            assertThat(type.createSerializer(noGenerics)).as(type.toString()).isNotNull();
        }

        PipelineRun run =
                new PipelineRun(
                        "r-1",
                        "COMPLETE",
                        5L,
                        "ns",
                        "job",
                        new RunDataset[0],
                        new RunDataset[] {
                            new RunDataset(
                                    "urn",
                                    "s3://b",
                                    "p",
                                    10L,
                                    null,
                                    new SchemaColumn[] {new SchemaColumn("a", "int")})
                        },
                        null);
        assertThat(roundTrip(DecodeFunction.PIPELINE_RUNS.getTypeInfo(), noGenerics, run))
                .usingRecursiveComparison()
                .isEqualTo(run);
        EntityChange change =
                new EntityChange("urn", "dataset", "TAG", "ADD", null, null, 1L, null, 0);
        assertThat(roundTrip(DecodeFunction.ENTITY_CHANGES.getTypeInfo(), noGenerics, change))
                .isEqualTo(change);
        QueryLog log =
                new QueryLog(
                        "trino",
                        "q",
                        null,
                        "SELECT 1",
                        new String[] {"urn"},
                        new String[0],
                        null,
                        1L,
                        2L,
                        "SUCCEEDED",
                        null);
        assertThat(roundTrip(DecodeFunction.QUERY_LOGS.getTypeInfo(), noGenerics, log))
                .usingRecursiveComparison()
                .isEqualTo(log);
    }

    private static <T> T roundTrip(TypeInformation<T> type, SerializerConfigImpl config, T value)
            throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static Collector<RawRecord> collector(List<RawRecord> out) {
        return new Collector<>() {
            @Override
            public void collect(RawRecord record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
