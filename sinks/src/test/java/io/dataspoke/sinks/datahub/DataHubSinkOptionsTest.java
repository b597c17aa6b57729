package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataHubSinkOptionsTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.secret-token-value";

    @Test
    void readsTheTokenFromTheDefaultVariable() {
        DataHubSinkOptions options =
                DataHubSinkOptions.fromEnvironment(
                        "http://datahub-gms:8080/",
                        DataHubSinkOptions.DEFAULT_TOKEN_VARIABLE,
                        Map.of("DATAHUB_GMS_TOKEN", TOKEN));
        assertThat(options.gmsUrl()).isEqualTo("http://datahub-gms:8080");
        assertThat(options.token()).isEqualTo(TOKEN);
        assertThat(options.hasToken()).isTrue();
    }

    @Test
    void readsTheTokenFromAnotherVariableOrGoesWithout() {
        Map<String, String> env = Map.of("DATAHUB_GMS_TOKEN", "other", "MY_GMS_TOKEN", TOKEN);
        assertThat(
                        DataHubSinkOptions.fromEnvironment("http://gms:8080", "MY_GMS_TOKEN", env)
                                .token())
                .isEqualTo(TOKEN);
        DataHubSinkOptions none =
                DataHubSinkOptions.fromEnvironment("http://gms:8080", "UNSET_VARIABLE", env);
        assertThat(none.hasToken()).isFalse();
        assertThat(new DataHubSinkOptions("http://gms:8080", "  ").hasToken()).isFalse();
    }

    @Test
    void neverPrintsTheToken() throws Exception {
        DataHubSinkOptions options = new DataHubSinkOptions("http://gms:8080", TOKEN);
        assertThat(options.toString())
                .isEqualTo("DataHubSinkOptions[gmsUrl=http://gms:8080, token=***]")
                .doesNotContain(TOKEN);
        assertThat(DataHubSinkOptions.withoutToken("http://gms:8080").toString())
                .endsWith("token=none]");

        // It travels with the job graph, so it must survive Java serialization intact.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(options);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(options);
        }
    }

    @Test
    void rejectsWhatIsNotAGmsUrl() {
        assertThatThrownBy(() -> DataHubSinkOptions.withoutToken("datahub-gms:8080"))
                .hasMessageContaining("expected GMS's http(s) URL");
        assertThatThrownBy(() -> DataHubSinkOptions.withoutToken("ftp://gms"))
                .hasMessageContaining("expected GMS's http(s) URL");
        assertThatThrownBy(() -> DataHubSinkOptions.withoutToken("http://user:pw@gms:8080"))
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> DataHubSinkOptions.withoutToken(null))
                .isInstanceOf(NullPointerException.class);
    }
}
