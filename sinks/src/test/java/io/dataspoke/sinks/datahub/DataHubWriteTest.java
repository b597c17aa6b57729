package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DataHubWriteTest {

    private static final String URN = "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";

    @Test
    void flinkSerializesItAsAPojoNotWithKryo() throws Exception {
        TypeInformation<DataHubWrite> type = TypeInformation.of(DataHubWrite.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);

        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        TypeSerializer<DataHubWrite> serializer =
                type.createSerializer(config.getSerializerConfig());
        DataHubWrite write =
                new DataHubWrite(
                        "dataset", URN, "structuredProperties", "[]", DataHubChangeType.PATCH);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(write, out);
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(write);
    }

    @Test
    void rejectsMissingAndBlankParts() {
        assertThatThrownBy(() -> DataHubWrite.upsert("dataset", URN, "status", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("aspectJson");
        assertThatThrownBy(() -> DataHubWrite.upsert("dataset", URN, " ", "{}"))
                .hasMessage("aspectName must not be blank");
        assertThatThrownBy(() -> DataHubWrite.upsert("dataset", "sales.orders", "status", "{}"))
                .hasMessageContaining("not a DataHub URN");
        assertThatThrownBy(() -> new DataHubWrite("dataset", URN, "status", "{}", null))
                .hasMessage("changeType");
    }

    @Test
    void describeNamesTheWriteButNotThePayload() {
        DataHubWrite write =
                DataHubWrite.upsert("dataset", URN, "status", "{\"removed\":false,\"secret\":1}");
        assertThat(write.describe()).isEqualTo("UPSERT status of " + URN);
    }
}
