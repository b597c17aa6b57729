package io.dataspoke.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.quality.contract.Contracts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s-operator/ against the Flink Kubernetes Operator's own CRD schema (flinkdeployments v1beta1,
 * from flink-kubernetes-operator-api 1.10.0's META-INF/fabric8), for the base and for each overlay
 * as kustomize renders it. Objects are closed (no field the schema does not name), as the API
 * server's strict field validation rejects unknown fields.
 *
 * <p>The overlays are rendered here with the part of kustomize they use: resources (files and
 * directories), namespace, ConfigMap generators without name hashes, and patches that merge maps by
 * name and kind (lists are replaced; the patches touch none). {@code kubectl kustomize
 * k8s-operator/overlays/prod} renders the same.
 */
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT =
            Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
                    .resolve("k8s-operator");
    private static final List<String> STREAMING =
            List.of("ingest", "metadata-health", "quality-monitor", "knowledge-sync");
    private static final List<String> BATCH = List.of("health-rollup", "anomaly-training");

    private static JsonSchema flinkDeployment;

    @TempDir Path dir;

    @BeforeAll
    static void loadTheOperatorsSchema() throws IOException {
        JsonNode crd;
        try (InputStream in =
                KubernetesManifestsTest.class
                        .getClassLoader()
                        .getResourceAsStream(
                                "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
            assertThat(in).as("the operator's CRD on the test classpath").isNotNull();
            crd = YAML.readTree(in);
        }
        JsonNode schema = null;
        for (JsonNode version : crd.at("/spec/versions")) {
            if (version.get("name").asText().equals("v1beta1")) {
                schema = version.at("/schema/openAPIV3Schema");
            }
        }
        assertThat(schema).as("the v1beta1 schema").isNotNull();
        // What the API server adds to every custom resource's schema.
        ObjectNode root = (ObjectNode) schema.deepCopy();
        ObjectNode properties = (ObjectNode) root.get("properties");
        properties.putObject("apiVersion").putArray("enum").add("flink.apache.org/v1beta1");
        properties.putObject("kind").putArray("enum").add("FlinkDeployment");
        properties.putObject("metadata").put("type", "object");
        schema = root;
        flinkDeployment =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                        .getSchema(closed(schema.deepCopy()));
    }

    @Test
    void theBaseHasAValidFlinkDeploymentPerStreamingJobAndACronJobPerBatchJob() throws Exception {
        List<ObjectNode> docs = render(root().resolve("base"));

        List<ObjectNode> deployments = ofKind(docs, "FlinkDeployment");
        assertThat(deployments)
                .extracting(d -> d.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(
                        STREAMING.stream().map(j -> "dataspoke-" + j).toList());
        assertThat(STREAMING).allMatch(RunCommand.JOBS::contains);
        assertThat(BATCH).allMatch(RunCommand.JOBS::contains);
        for (ObjectNode d : deployments) {
            assertValid(d);
            String job = d.at("/metadata/name").asText().substring("dataspoke-".length());
            assertThat(d.at("/spec/job/args").toString())
                    .isEqualTo(
                            "[\"run\",\""
                                    + job
                                    + "\",\"--config\",\"/opt/dataspoke/conf/dataspoke.yaml\"]");
            assertThat(d.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
            JsonNode conf = d.at("/spec/flinkConfiguration");
            assertThat(conf.get("high-availability.type").asText()).isEqualTo("kubernetes");
            assertThat(conf.get("execution.checkpointing.dir").asText()).startsWith("s3://");
            assertThat(conf.get("execution.checkpointing.savepoint-dir").asText())
                    .startsWith("s3://");
            assertThat(conf.get("state.backend.type").asText()).isEqualTo("rocksdb");
            assertThat(conf.get("pipeline.generic-types").asText()).isEqualTo("false");
            assertThat(d.at("/spec/podTemplate").toString()).contains("secretKeyRef");
        }

        List<ObjectNode> cronJobs = ofKind(docs, "CronJob");
        assertThat(cronJobs)
                .extracting(c -> c.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(
                        BATCH.stream().map(j -> "dataspoke-" + j).toList());
        for (ObjectNode c : cronJobs) {
            assertThat(c.get("apiVersion").asText()).isEqualTo("batch/v1");
            assertThat(c.at("/spec/schedule").asText().split(" ")).hasSize(5);
            assertThat(c.at("/spec/jobTemplate/spec/template/spec/containers/0/args").toString())
                    .contains("\"run\"");
        }
    }

    @Test
    void theConfigAndContractsTheJobsMountAreValid() throws Exception {
        List<ObjectNode> configMaps = ofKind(render(root().resolve("base")), "ConfigMap");
        ObjectNode config = named(configMaps, "dataspoke-config");
        Path file = dir.resolve("dataspoke.yaml");
        Files.writeString(file, config.at("/data/dataspoke.yaml").asText());
        DataSpokeConfig settings = DataSpokeConfig.read(file);
        assertThat(settings.postgres().passwordEnv()).isEqualTo("DATASPOKE_POSTGRES_PASSWORD");
        assertThat(settings.knowledge().store()).isEqualTo("qdrant");

        Path contracts = Files.createDirectories(dir.resolve("contracts"));
        named(configMaps, "dataspoke-contracts")
                .get("data")
                .fields()
                .forEachRemaining(
                        e -> {
                            try {
                                Files.writeString(
                                        contracts.resolve(e.getKey()), e.getValue().asText());
                            } catch (IOException ex) {
                                throw new java.io.UncheckedIOException(ex);
                            }
                        });
        assertThat(
                        Contracts.load(contracts)
                                .forDataset("urn:li:dataset:(urn:li:dataPlatform:x,y,PROD)"))
                .isNotNull();
    }

    @Test
    void eachOverlayRendersToValidDeployments() throws Exception {
        for (String overlay : List.of("dev", "prod")) {
            List<ObjectNode> docs = render(root().resolve("overlays").resolve(overlay));
            assertThat(docs)
                    .allSatisfy(
                            d ->
                                    assertThat(d.at("/metadata/namespace").asText())
                                            .startsWith("dataspoke"));
            for (ObjectNode d : ofKind(docs, "FlinkDeployment")) {
                assertValid(d);
            }
        }
        ObjectNode dev =
                named(
                        ofKind(render(root().resolve("overlays/dev")), "FlinkDeployment"),
                        "dataspoke-quality-monitor");
        assertThat(dev.at("/spec/job/parallelism").asInt()).isEqualTo(1);
        assertThat(dev.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        ObjectNode prod =
                named(
                        ofKind(render(root().resolve("overlays/prod")), "FlinkDeployment"),
                        "dataspoke-quality-monitor");
        assertThat(prod.at("/spec/job/parallelism").asInt()).isEqualTo(4);
        assertThat(prod.at("/spec/jobManager/replicas").asInt()).isEqualTo(2);
        // A patch merges: what it does not name stays from the base.
        assertThat(prod.at("/spec/podTemplate").toString()).contains("DATASPOKE_POSTGRES_PASSWORD");
        assertThat(prod.at("/metadata/namespace").asText()).isEqualTo("dataspoke");
    }

    @Test
    void theSchemaRejectsWhatTheOperatorWould() throws Exception {
        ObjectNode base =
                named(
                        ofKind(render(root().resolve("base")), "FlinkDeployment"),
                        "dataspoke-ingest");

        ObjectNode badMode = base.deepCopy();
        ((ObjectNode) badMode.at("/spec/job")).put("upgradeMode", "sometimes");
        ObjectNode typo = base.deepCopy();
        ((ObjectNode) typo.get("spec")).set("jobManger", typo.at("/spec/jobManager"));
        ObjectNode number = base.deepCopy();
        ((ObjectNode) number.at("/spec/flinkConfiguration"))
                .put("taskmanager.numberOfTaskSlots", 2);
        ObjectNode oldFlink = base.deepCopy();
        ((ObjectNode) oldFlink.get("spec")).put("flinkVersion", "v1_12");

        for (ObjectNode bad : List.of(badMode, typo, number, oldFlink)) {
            assertThat(flinkDeployment.validate(bad)).isNotEmpty();
        }
    }

    @Test
    void noSecretIsWrittenInAManifest() throws Exception {
        for (String where : List.of("base", "overlays/dev", "overlays/prod")) {
            for (ObjectNode d : render(root().resolve(where))) {
                for (JsonNode env : d.findValues("env")) {
                    for (JsonNode variable : env) {
                        assertThat(variable.has("value"))
                                .as(
                                        where
                                                + ": "
                                                + variable.get("name")
                                                + " must come from a Secret")
                                .isFalse();
                    }
                }
            }
        }
    }

    private static void assertValid(ObjectNode deployment) {
        Set<ValidationMessage> errors = flinkDeployment.validate(deployment);
        assertThat(errors)
                .as(deployment.at("/metadata/name").asText() + " against the operator's CRD")
                .isEmpty();
    }

    private static Path root() {
        return Files.isDirectory(ROOT) ? ROOT : Path.of("../k8s-operator");
    }

    private static List<ObjectNode> ofKind(List<ObjectNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static ObjectNode named(List<ObjectNode> docs, String name) {
        return docs.stream()
                .filter(d -> name.equals(d.at("/metadata/name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    /** Renders a kustomization directory (see the class comment for what is supported). */
    static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path resource = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(resource)) {
                docs.addAll(render(resource));
            } else {
                docs.add((ObjectNode) YAML.readTree(resource.toFile()));
            }
        }
        for (JsonNode generator : k.path("configMapGenerator")) {
            ObjectNode cm = YAML.createObjectNode();
            cm.put("apiVersion", "v1");
            cm.put("kind", "ConfigMap");
            cm.putObject("metadata").put("name", generator.get("name").asText());
            ObjectNode data = cm.putObject("data");
            for (JsonNode file : generator.path("files")) {
                Path path = dir.resolve(file.asText());
                data.put(path.getFileName().toString(), Files.readString(path));
            }
            docs.add(cm);
        }
        for (JsonNode patch : k.path("patches")) {
            JsonNode p = YAML.readTree(dir.resolve(patch.get("path").asText()).toFile());
            ObjectNode target =
                    docs.stream()
                            .filter(d -> d.path("kind").equals(p.path("kind")))
                            .filter(d -> d.at("/metadata/name").equals(p.at("/metadata/name")))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new AssertionError(
                                                    dir
                                                            + ": the patch "
                                                            + patch
                                                            + " matches nothing"));
            merge(target, p);
        }
        if (k.has("namespace")) {
            for (ObjectNode d : docs) {
                ((ObjectNode) d.get("metadata")).put("namespace", k.get("namespace").asText());
            }
        }
        return docs;
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (existing instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** Marks every object schema that names its properties as closed to others. */
    private static JsonNode closed(JsonNode schema) {
        if (schema instanceof ObjectNode o) {
            if (o.has("properties")
                    && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.fields().forEachRemaining(e -> closed(e.getValue()));
        } else if (schema instanceof ArrayNode a) {
            a.forEach(KubernetesManifestsTest::closed);
        }
        return schema;
    }
}
