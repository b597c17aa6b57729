package io.dataspoke.mce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.Fixtures;
import io.dataspoke.aspect.Aspect;
import io.dataspoke.aspect.Aspects;
import io.dataspoke.aspect.DatasetProfile;
import io.dataspoke.aspect.DatasetProperties;
import io.dataspoke.aspect.EditableSchemaMetadata;
import io.dataspoke.aspect.Ownership;
import io.dataspoke.aspect.RawAspect;
import io.dataspoke.aspect.SchemaMetadata;
import io.dataspoke.decode.DecodeException;
import io.dataspoke.event.MetadataChange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MceFileReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long EPOCH = 1_700_000_000_000L;
    private static final String BOOTSTRAP =
            "datahub/repo/metadata-ingestion/examples/mce_files/bootstrap_mce.json";
    private static final String GOLDEN = "datahub/repo/metadata-ingestion/tests/integration/";

    private static String dataset(String platform, String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:" + platform + "," + name + ",PROD)";
    }

    @Test
    void bootstrapConvertsEveryRecordAndAspect() throws Exception {
        assertThat(JSON.readTree(Fixtures.text(BOOTSTRAP)).size()).isEqualTo(103);

        List<MetadataChange> changes = MceFileReader.read(Fixtures.path(BOOTSTRAP), EPOCH);

        // 82 MCEs with 192 aspects between them, plus 21 MCPs.
        assertThat(changes).hasSize(213);
        assertThat(changes).allSatisfy(c -> assertThat(c.aspectJson()).isNotNull());
        assertThat(
                        changes.stream()
                                .filter(c -> c.entityType().equals("dataset"))
                                .map(MetadataChange::entityUrn)
                                .distinct())
                .containsExactlyInAnyOrder(
                        dataset("kafka", "SampleKafkaDataset"),
                        dataset("hdfs", "SampleHdfsDataset"),
                        dataset("hive", "SampleHiveDataset"),
                        dataset("hive", "logging_events"),
                        dataset("hive", "fct_users_created"),
                        dataset("hive", "fct_users_deleted"),
                        dataset("s3", "project/root/events/logging_events_bckp"));
        assertThat(changes)
                .extracting(MetadataChange::aspectName)
                .contains(
                        "mlModelProperties",
                        "mlFeatureProperties",
                        "dataPlatformInfo",
                        "corpUserInfo");
        assertThat(changes).extracting(MetadataChange::changeType).containsOnly("UPSERT");
        assertThat(changes.stream().map(MetadataChange::entityType).distinct())
                .contains(
                        "dataPlatform",
                        "mlFeature",
                        "corpuser",
                        "glossaryTerm",
                        "tag",
                        "container");
    }

    @Test
    void bootstrapDatasetsHaveTheDocumentedGaps() throws Exception {
        List<MetadataChange> datasets =
                MceFileReader.read(Fixtures.path(BOOTSTRAP), EPOCH).stream()
                        .filter(c -> c.entityType().equals("dataset"))
                        .collect(Collectors.toList());

        List<SchemaMetadata> schemas = typed(datasets, SchemaMetadata.class);
        List<SchemaMetadata.Field> fields =
                schemas.stream().flatMap(s -> s.fields().stream()).collect(Collectors.toList());
        assertThat(schemas).hasSize(7);
        assertThat(fields).hasSize(28);
        assertThat(fields).filteredOn(f -> f.description() != null).hasSize(26);

        Set<String> described =
                datasets.stream()
                        .filter(c -> c.aspectName().equals("datasetProperties"))
                        .filter(c -> parse(c, DatasetProperties.class).description() != null)
                        .map(MetadataChange::entityUrn)
                        .collect(Collectors.toSet());
        assertThat(
                        datasets.stream()
                                .map(MetadataChange::entityUrn)
                                .distinct()
                                .filter(urn -> !described.contains(urn)))
                .containsExactlyInAnyOrder(
                        dataset("kafka", "SampleKafkaDataset"),
                        dataset("hdfs", "SampleHdfsDataset"),
                        dataset("hive", "SampleHiveDataset"));

        SchemaMetadata kafka = schemaOf(datasets, dataset("kafka", "SampleKafkaDataset"));
        SchemaMetadata.Field foo2 =
                kafka.field("[version=2.0].[type=boolean].field_foo_2").orElseThrow();
        assertThat(foo2.tags()).containsExactly("urn:li:tag:NeedsDocumentation");
        assertThat(foo2.simplePath()).isEqualTo("field_foo_2");
        assertThat(foo2.type()).isEqualTo("BOOLEAN");
        assertThat(foo2.description()).isEqualTo("Foo field description");
        assertThat(kafka.field("[version=2.0].[type=boolean].field_bar").orElseThrow().tags())
                .isEmpty();

        EditableSchemaMetadata hdfsEdits =
                typed(
                                datasets.stream()
                                        .filter(
                                                c ->
                                                        c.entityUrn()
                                                                .equals(
                                                                        dataset(
                                                                                "hdfs",
                                                                                "SampleHdfsDataset")))
                                        .collect(Collectors.toList()),
                                EditableSchemaMetadata.class)
                        .get(0);
        assertThat(hdfsEdits.fields())
                .filteredOn(f -> f.tags().contains("urn:li:tag:Legacy"))
                .extracting(EditableSchemaMetadata.FieldInfo::fieldPath)
                .containsExactly("shipment_info");

        List<Ownership> owners = typed(datasets, Ownership.class);
        assertThat(owners).hasSize(7);
        assertThat(owners.get(0).owners())
                .extracting(Ownership.Owner::owner)
                .containsExactly("urn:li:corpuser:jdoe", "urn:li:corpuser:datahub");
    }

    @Test
    void bootstrapHiveProfilesGrowFrom3500To4500() throws Exception {
        List<MetadataChange> profiles =
                MceFileReader.read(Fixtures.path(BOOTSTRAP), EPOCH).stream()
                        .filter(c -> c.entityUrn().equals(dataset("hive", "SampleHiveDataset")))
                        .filter(c -> c.aspectName().equals("datasetProfile"))
                        .sorted(Comparator.comparingLong(MetadataChange::eventMillis))
                        .collect(Collectors.toList());

        assertThat(profiles).allSatisfy(p -> assertThat(p.timeseries()).isTrue());
        // The MCPs carry no audit stamp: event time is the profile's own timestampMillis.
        assertThat(profiles)
                .extracting(MetadataChange::eventMillis)
                .containsExactly(1723488954865L, 1735823280000L);
        assertThat(profiles)
                .extracting(p -> parse(p, DatasetProfile.class).rowCount())
                .containsExactly(3500L, 4500L);
    }

    @Test
    void mceTimesComeFromTheAspectElseTheCallersEpoch() throws Exception {
        List<MetadataChange> kafka =
                MceFileReader.read(Fixtures.path(BOOTSTRAP), EPOCH).stream()
                        .filter(c -> c.entityUrn().equals(dataset("kafka", "SampleKafkaDataset")))
                        .collect(Collectors.toList());
        Map<String, MetadataChange> byAspect =
                kafka.stream()
                        .collect(Collectors.toMap(MetadataChange::aspectName, Function.identity()));

        assertThat(byAspect.get("ownership").eventMillis()).isEqualTo(1674291843000L);
        assertThat(byAspect.get("ownership").actor()).isEqualTo("urn:li:corpuser:jdoe");
        assertThat(byAspect.get("status").eventMillis()).isEqualTo(EPOCH);
        assertThat(byAspect.get("status").actor()).isNull();
        assertThat(byAspect.get("status").timeseries()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, records, changes, of which JSON patches, datasets, aspect to count, its count
        "dbt/dbt_test_events_golden.json, 131, 157, 8, 16, assertionRunEvent, 24",
        "snowflake/snowflake_golden.json, 222, 222, 0, 13, datasetProfile, 10",
        "snowflake/snowflake_golden.json, 222, 222, 0, 13, operation, 10",
        "mysql/mysql_mces_no_db_golden.json, 85, 103, 0, 9, datasetProfile, 6",
        "cassandra/cassandra_mcps_golden.json, 90, 90, 0, 9, datasetProfile, 6",
        "iceberg/iceberg_profile_mcps_golden.json, 14, 14, 0, 1, datasetProfile, 1",
        "postgres/postgres_mces_with_db_golden.json, 38, 42, 0, 2, datasetProfile, 1",
    })
    void goldenFilesConvertAndTheirAspectsParse(
            String file,
            int records,
            int changeCount,
            int patches,
            int datasets,
            String aspect,
            int aspectCount)
            throws Exception {
        assertThat(JSON.readTree(Fixtures.text(GOLDEN + file)).size()).isEqualTo(records);

        List<MetadataChange> changes = MceFileReader.read(Fixtures.path(GOLDEN + file), EPOCH);

        assertThat(changes).hasSize(changeCount);
        assertThat(
                        changes.stream()
                                .filter(c -> c.entityType().equals("dataset"))
                                .map(MetadataChange::entityUrn)
                                .distinct())
                .hasSize(datasets);
        // A PATCH proposal carries a JSON Patch (an array of operations), not an aspect value.
        assertThat(changes)
                .filteredOn(c -> c.changeType().equals("PATCH"))
                .hasSize(patches)
                .allSatisfy(c -> assertThat(c.aspectJson()).startsWith("[{\"op\":"));
        List<Aspect> typed = new ArrayList<>();
        for (MetadataChange change : changes) {
            if (change.changeType().equals("PATCH")) {
                continue;
            }
            Aspect parsed = Aspects.parse(change.aspectName(), change.aspectJson());
            if (!(parsed instanceof RawAspect)) {
                typed.add(parsed);
            }
        }
        assertThat(typed).filteredOn(a -> a.aspectName().equals(aspect)).hasSize(aspectCount);
        assertThat(typed).filteredOn(a -> a instanceof SchemaMetadata).isNotEmpty();
    }

    @Test
    void goldenTimeseriesAspectsCarryTheirValues() throws Exception {
        List<MetadataChange> snowflake =
                MceFileReader.read(
                        Fixtures.path(GOLDEN + "snowflake/snowflake_golden.json"), EPOCH);
        MetadataChange table1Profile =
                snowflake.stream()
                        .filter(c -> c.aspectName().equals("datasetProfile"))
                        .filter(
                                c ->
                                        c.entityUrn()
                                                .equals(
                                                        dataset(
                                                                "snowflake",
                                                                "test_db.test_schema.table_1")))
                        .findFirst()
                        .orElseThrow();

        DatasetProfile profile = parse(table1Profile, DatasetProfile.class);
        assertThat(profile.rowCount()).isEqualTo(10000L);
        assertThat(profile.columnCount()).isEqualTo(10L);
        assertThat(table1Profile.eventMillis()).isEqualTo(1738040516740L);
        assertThat(table1Profile.timeseries()).isTrue();

        List<MetadataChange> dbt =
                MceFileReader.read(
                        Fixtures.path(GOLDEN + "dbt/dbt_test_events_golden.json"), EPOCH);
        assertThat(
                        typed(dbt, io.dataspoke.aspect.AssertionRunEvent.class).stream()
                                .map(io.dataspoke.aspect.AssertionRunEvent::resultType)
                                .distinct())
                .contains("SUCCESS", "FAILURE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mce_list.json, 2",
        "test_containers.json, 10",
        "demo-profiles.json, 14",
        "associate_tags_policies_test.json, 10",
        "test_structured_properties.json, 18",
        "test_domains.json, 2",
    })
    void smallExampleFilesConvert(String file, int changeCount) throws Exception {
        List<MetadataChange> changes =
                MceFileReader.read(
                        Fixtures.path("datahub/repo/metadata-ingestion/examples/mce_files/" + file),
                        EPOCH);

        assertThat(changes).hasSize(changeCount);
        // demo-profiles.json: 14 daily profiles of SampleHdfsDataset, rowCount constant.
        assertThat(typed(changes, DatasetProfile.class))
                .hasSize(file.equals("demo-profiles.json") ? 14 : 0)
                .allSatisfy(p -> assertThat(p.rowCount()).isEqualTo(3742L));
    }

    @Test
    void avroJsonUnionsBecomePegasusJson() throws Exception {
        JsonNode avro =
                JSON.readTree(
                        "{\"fieldPath\":\"a\",\"jsonPath\":null,\"description\":{\"string\":\"d\"},"
                            + "\"type\":{\"type\":{\"com.linkedin.pegasus2avro.schema.BooleanType\":{}}},"
                            + "\"tags\":{\"array\":[{\"string\":\"x\"}]},"
                            + "\"customProperties\":{\"map\":{\"k\":\"v\"}},\"count\":{\"long\":5},"
                            + "\"props\":{\"prop1\":\"fake\"}}");

        assertThat(MceFileReader.toPegasusJson(avro))
                .isEqualTo(
                        JSON.readTree(
                                "{\"fieldPath\":\"a\",\"description\":\"d\","
                                    + "\"type\":{\"type\":{\"com.linkedin.schema.BooleanType\":{}}},"
                                    + "\"tags\":[\"x\"],\"customProperties\":{\"k\":\"v\"},"
                                    + "\"count\":5,\"props\":{\"prop1\":\"fake\"}}"));
        JsonNode pegasus =
                JSON.readTree("{\"type\":{\"type\":{\"com.linkedin.schema.StringType\":{}}}}");
        assertThat(MceFileReader.toPegasusJson(pegasus)).isEqualTo(pegasus);
    }

    @Test
    void namesAspectsAsDataHubDoes() {
        assertThat(MceFileReader.aspectName("com.linkedin.pegasus2avro.dataset.DatasetProperties"))
                .isEqualTo("datasetProperties");
        assertThat(
                        MceFileReader.aspectName(
                                "com.linkedin.pegasus2avro.ml.metadata.MLModelProperties"))
                .isEqualTo("mlModelProperties");
        assertThat(MceFileReader.aspectName("com.linkedin.pegasus2avro.common.Cost"))
                .isEqualTo("cost");
        assertThat(MceFileReader.entityType("urn:li:mlPrimaryKey:(feature_table,id)"))
                .isEqualTo("mlPrimaryKey");
    }

    @Test
    void readsASingleObjectAndRejectsOtherShapes() throws Exception {
        assertThat(
                        MceFileReader.read(
                                Fixtures.path(
                                        "datahub/repo/metadata-ingestion/examples/mce_files/single_mce.json"),
                                EPOCH))
                .extracting(MetadataChange::aspectName)
                .containsExactly("corpUserInfo");
        assertThatThrownBy(
                        () ->
                                MceFileReader.read(
                                        new ByteArrayInputStream(
                                                "[{\"foo\":1}]".getBytes(StandardCharsets.UTF_8)),
                                        EPOCH))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("record 0")
                .hasMessageContaining("neither an MCE");
    }

    private static <T extends Aspect> List<T> typed(List<MetadataChange> changes, Class<T> type) {
        List<T> typed = new ArrayList<>();
        for (MetadataChange change : changes) {
            if (change.changeType().equals("PATCH")) {
                continue;
            }
            try {
                Aspect aspect = Aspects.parse(change.aspectName(), change.aspectJson());
                if (type.isInstance(aspect)) {
                    typed.add(type.cast(aspect));
                }
            } catch (DecodeException e) {
                throw new AssertionError(change.entityUrn() + " " + change.aspectName(), e);
            }
        }
        return typed;
    }

    private static <T extends Aspect> T parse(MetadataChange change, Class<T> type) {
        return typed(List.of(change), type).get(0);
    }

    private static SchemaMetadata schemaOf(List<MetadataChange> changes, String urn) {
        return typed(
                        changes.stream()
                                .filter(c -> c.entityUrn().equals(urn))
                                .collect(Collectors.toList()),
                        SchemaMetadata.class)
                .get(0);
    }
}
