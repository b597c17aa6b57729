package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class SchemaResolverTest {

    private static final Schema NEWER = NewerSchemas.metadataChangeLogWithAspectStamps();

    @Test
    void takesTheRegistrySchemaOverTheBundledOneAndAsksOnlyOnce() throws Exception {
        try (FakeSchemaRegistry registry = new FakeSchemaRegistry().register(3, NEWER)) {
            SchemaResolver resolver = new SchemaResolver(registry.baseUrl());

            assertThat(resolver.writerSchema(3)).isEqualTo(NEWER);
            assertThat(resolver.writerSchema(3)).isEqualTo(NEWER);

            assertThat(registry.requests()).isEqualTo(1);
            assertThat(resolver.writerSchema(3)).isNotEqualTo(DataHubSchemas.metadataChangeLog());
        }
    }

    @Test
    void fallsBackToBundledSchemasWhenTheRegistryDoesNotKnowTheId() throws Exception {
        try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
            SchemaResolver resolver = new SchemaResolver(registry.baseUrl());

            assertThat(resolver.writerSchema(4)).isSameAs(DataHubSchemas.platformEvent());
            assertThat(resolver.writerSchema(4)).isSameAs(DataHubSchemas.platformEvent());
            // The fallback is cached for a while instead of asking on every record.
            assertThat(registry.requests()).isEqualTo(1);
        }
    }

    @Test
    void fallsBackToBundledSchemasWhenTheRegistryDoesNotAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SchemaResolver resolver =
                new SchemaResolver(
                        "http://127.0.0.1:" + closedPort + "/schema-registry/api",
                        Duration.ofMillis(500));

        assertThat(resolver.writerSchema(2)).isSameAs(DataHubSchemas.metadataChangeLog());
        assertThat(resolver.writerSchema(0)).isSameAs(DataHubSchemas.metadataChangeProposal());
        assertThat(resolver.writerSchema(1))
                .isSameAs(DataHubSchemas.failedMetadataChangeProposal());
    }

    @Test
    void withoutARegistryUsesTheBundledSchemas() throws Exception {
        SchemaResolver resolver = SchemaResolver.bundledOnly();

        assertThat(resolver.registryUrl()).isEmpty();
        assertThat(resolver.writerSchema(3)).isSameAs(DataHubSchemas.metadataChangeLog());
    }

    @Test
    void anIdThatNeitherKnowsIsADecodeExceptionNamingTheId() throws Exception {
        try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
            SchemaResolver resolver = new SchemaResolver(registry.baseUrl());

            assertThatThrownBy(() -> resolver.writerSchema(42))
                    .isInstanceOf(DecodeException.class)
                    .hasMessageContaining("schema id 42")
                    .hasMessageContaining("does not know it");
        }
        assertThatThrownBy(() -> SchemaResolver.bundledOnly().writerSchema(7))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("schema id 7")
                .hasMessageContaining("no schema registry");
    }

    @Test
    void survivesJavaSerializationAndStillResolves() throws Exception {
        try (FakeSchemaRegistry registry = new FakeSchemaRegistry().register(3, NEWER)) {
            SchemaResolver resolver = new SchemaResolver(registry.baseUrl());
            resolver.writerSchema(3);

            SchemaResolver copy =
                    InstantiationUtil.deserializeObject(
                            InstantiationUtil.serializeObject(resolver),
                            getClass().getClassLoader());

            assertThat(copy.registryUrl()).contains(registry.baseUrl().replaceAll("/$", ""));
            assertThat(copy.writerSchema(3)).isEqualTo(NEWER);
            // The cache is transient: the copy asked again.
            assertThat(registry.requests()).isEqualTo(2);
        }
    }
}
