package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class DataHubWriteStateSerializerTest {

    @Test
    void buffersSurviveACheckpointIncludingAspectsOver64Kb() throws Exception {
        String big = "{\"description\":\"" + "é".repeat(70_000) + "\"}";
        DataHubWrite large =
                DataHubWrite.upsert(
                        "dataset",
                        "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)",
                        "editableDatasetProperties",
                        big);
        DataHubWrite patch =
                DocumentationHealthAspects.health(
                        "urn:li:dataset:(urn:li:dataPlatform:hive,sales.returns,PROD)", 40, "POOR");
        BufferedRequestState<DataHubWrite> state =
                new BufferedRequestState<>(
                        List.of(
                                new RequestEntryWrapper<>(large, 70_100),
                                new RequestEntryWrapper<>(patch, 300)));

        DataHubWriteStateSerializer serializer = new DataHubWriteStateSerializer();
        BufferedRequestState<DataHubWrite> restored =
                serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(restored.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getRequestEntry)
                .containsExactly(large, patch);
        assertThat(restored.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getSize)
                .containsExactly(70_100L, 300L);
    }
}
