package io.dataspoke.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SlackMessageConverterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesEscapedFallbackTextAndTheBlocks() throws Exception {
        SlackMessage message =
                SlackMessage.of(
                        "alert/1",
                        "orders <!channel> & refunds",
                        BlockKit.blocks(BlockKit.header("Alert"), BlockKit.divider()));

        SlackWebhookRequest request = SlackMessageConverter.convert(message);

        assertThat(request.dedupKey()).isEqualTo("alert/1");
        JsonNode body = JSON.readTree(request.payloadJson());
        assertThat(body.get("text").asText()).isEqualTo("orders &lt;!channel&gt; &amp; refunds");
        assertThat(body.get("blocks")).hasSize(2);
        assertThat(body.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(request.sizeInBytes()).isEqualTo(request.payloadJson().length());
    }

    @Test
    void aTextOnlyMessageSendsNoBlocks() throws Exception {
        SlackWebhookRequest request =
                SlackMessageConverter.convert(SlackMessage.ofText("alert/2", "plain"));

        assertThat(JSON.readTree(request.payloadJson()).fieldNames())
                .toIterable()
                .containsExactly("text");
    }

    @Test
    void brokenBlocksNameTheMessage() {
        assertThatThrownBy(
                        () ->
                                SlackMessageConverter.convert(
                                        new SlackMessage("t", "[{\"type\":", "digest/alice")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'digest/alice'");
        assertThatThrownBy(() -> new SlackMessage("t", "{}", "digest/alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> SlackMessage.ofText("k", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlackMessage.ofText(" ", "text"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOversizedMessageIsRefusedByName() {
        SlackMessage huge =
                SlackMessage.ofText(
                        "digest/huge", "x".repeat(SlackMessageConverter.MAX_PAYLOAD_BYTES));

        assertThatThrownBy(() -> SlackMessageConverter.convert(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'digest/huge'");
    }

    @Test
    void flinkSerializesTheMessageAsAPojoNotWithKryo() throws Exception {
        TypeInformation<SlackMessage> type = TypeInformation.of(SlackMessage.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);

        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        TypeSerializer<SlackMessage> serializer = type.createSerializer(noKryo);
        SlackMessage message =
                SlackMessage.of("digest/alice", "text", BlockKit.blocks(BlockKit.divider()));
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(message, out);
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(message);
    }

    @Test
    void bufferedRequestsSurviveACheckpoint() throws Exception {
        SlackWebhookRequest small = SlackMessageConverter.convert(SlackMessage.ofText("a", "ä ✓"));
        SlackWebhookRequest large =
                SlackMessageConverter.convert(SlackMessage.ofText("b", "y".repeat(70_000)));
        Deque<RequestEntryWrapper<SlackWebhookRequest>> entries = new ArrayDeque<>();
        entries.add(new RequestEntryWrapper<>(small, small.sizeInBytes()));
        entries.add(new RequestEntryWrapper<>(large, large.sizeInBytes()));
        SlackWebhookRequestSerializer serializer = new SlackWebhookRequestSerializer();

        BufferedRequestState<SlackWebhookRequest> restored =
                serializer.deserialize(
                        serializer.getVersion(),
                        serializer.serialize(new BufferedRequestState<>(entries)));

        List<SlackWebhookRequest> requests =
                restored.getBufferedRequestEntries().stream()
                        .map(RequestEntryWrapper::getRequestEntry)
                        .toList();
        assertThat(requests).containsExactly(small, large);
    }
}
