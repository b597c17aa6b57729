package io.dataspoke.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {

    @Test
    void writesPrettyJsonAndReadsItBackEqual(@TempDir Path dir) throws Exception {
        GroundTruth truth = DemoFixtures.defaultHistory().groundTruth();
        Path file = dir.resolve("nested/ground-truth.json");

        truth.write(file);
        GroundTruth read = GroundTruth.read(file);

        assertThat(read).isEqualTo(truth);
        String json = Files.readString(file);
        assertThat(json).startsWith("{\n  \"seed\" : 42,\n  \"start\" : \"2026-01-05T00:00:00Z\"");
        assertThat(json).contains("\"type\" : \"VOLUME_DROP\"", "주민번호");
        assertThat(read.toJson()).isEqualTo(truth.toJson());
    }

    @Test
    void everyIncidentTypeIsRecordedOnceWithAWindow() {
        GroundTruth truth = DemoFixtures.defaultHistory().groundTruth();

        for (GroundTruth.IncidentType type : GroundTruth.IncidentType.values()) {
            GroundTruth.Incident incident = truth.incident(type);
            assertThat(incident.start()).isBefore(incident.end());
            assertThat(incident.urns()).isNotEmpty();
            assertThat(incident.description()).isNotBlank();
        }
        assertThat(truth.incident(GroundTruth.IncidentType.NULL_SPIKE).column()).isNotNull();
        assertThat(truth.incident(GroundTruth.IncidentType.SCHEMA_CHANGE).column()).isNotNull();
    }
}
