package io.dataspoke.quality.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.decode.DecodeException;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.RunDataset;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class LineageUpdateTest {

    private static final String MART = "urn:li:dataset:(urn:li:dataPlatform:hive,mart.rev,PROD)";
    private static final String A = "urn:li:dataset:(urn:li:dataPlatform:hive,a,PROD)";
    private static final String B = "urn:li:dataset:(urn:li:dataPlatform:hive,b,PROD)";

    private static MetadataChange change(String aspect, String changeType, String json) {
        return new MetadataChange(
                MART, "dataset", aspect, changeType, json, null, 42L, "urn:li:corpuser:x", false);
    }

    @Test
    void upstreamLineageBecomesACatalogUpdateSortedAndWithoutItself() throws Exception {
        String json =
                "{\"upstreams\":[{\"dataset\":\""
                        + B
                        + "\",\"type\":\"TRANSFORMED\"},{\"dataset\":\""
                        + A
                        + "\",\"type\":\"COPY\"},{\"dataset\":\""
                        + MART
                        + "\"},{\"dataset\":\""
                        + B
                        + "\"}]}";

        LineageUpdate u =
                LineageUpdate.fromCatalog(change("upstreamLineage", "UPSERT", json)).orElseThrow();

        assertThat(u.downstreamUrn()).isEqualTo(MART);
        assertThat(u.upstreams()).containsExactly(A, B);
        assertThat(u.source()).isEqualTo(LineageUpdate.CATALOG);
        assertThat(u.eventMillis()).isEqualTo(42L);
    }

    @Test
    void aDeleteOrAnEmptyAspectClearsAndOtherAspectsAreIgnored() throws Exception {
        assertThat(LineageUpdate.fromCatalog(change("upstreamLineage", "DELETE", null)))
                .hasValueSatisfying(u -> assertThat(u.upstreams()).isEmpty());
        assertThat(LineageUpdate.fromCatalog(change("upstreamLineage", "UPSERT", " ")))
                .hasValueSatisfying(u -> assertThat(u.upstreams()).isEmpty());
        assertThat(
                        LineageUpdate.fromCatalog(
                                change("upstreamLineage", "UPSERT", "{\"upstreams\":[]}")))
                .hasValueSatisfying(u -> assertThat(u.upstreams()).isEmpty());
        assertThat(LineageUpdate.fromCatalog(change("datasetProperties", "UPSERT", "{}")))
                .isEmpty();
        assertThatThrownBy(
                        () -> LineageUpdate.fromCatalog(change("upstreamLineage", "UPSERT", "{")))
                .isInstanceOf(DecodeException.class);
    }

    private static RunDataset ds(String urn) {
        return new RunDataset(urn, "hive://h", "n", null, null, null);
    }

    @Test
    void aRunGivesOneUpdatePerOutputWithItsInputs() {
        PipelineRun run =
                new PipelineRun(
                        "r1",
                        "COMPLETE",
                        7L,
                        "ns",
                        "job",
                        new RunDataset[] {ds(B), ds(A), ds(null)},
                        new RunDataset[] {ds(MART), ds(B)},
                        null);

        assertThat(LineageUpdate.fromRun(run))
                .satisfiesExactly(
                        u -> {
                            assertThat(u.downstreamUrn()).isEqualTo(MART);
                            assertThat(u.upstreams()).containsExactly(A, B);
                            assertThat(u.source()).isEqualTo(LineageUpdate.RUN);
                            assertThat(u.eventMillis()).isEqualTo(7L);
                        },
                        u -> {
                            assertThat(u.downstreamUrn()).isEqualTo(B);
                            assertThat(u.upstreams()).containsExactly(A);
                        });
    }

    @Test
    void aRunEventWithoutInputsSaysNothingAboutLineage() {
        PipelineRun failed =
                new PipelineRun(
                        "r1", "FAIL", 7L, "ns", "job", null, new RunDataset[] {ds(MART)}, "boom");

        assertThat(LineageUpdate.fromRun(failed)).isEmpty();
    }

    @Test
    void travelsWithoutKryo() throws Exception {
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        TypeSerializer<LineageUpdate> serializer =
                TypeInformation.of(LineageUpdate.class).createSerializer(noGenerics);
        LineageUpdate u = new LineageUpdate(MART, new String[] {A, B}, LineageUpdate.RUN, 9L);

        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(u, out);
        LineageUpdate back =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).usingRecursiveComparison().isEqualTo(u);
    }
}
