package io.dataspoke.jobs;

import io.dataspoke.decode.DataHubAvroEncoder;
import io.dataspoke.demo.DemoRecord;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.Topics;
import io.dataspoke.mce.MceFileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** DataHub's own sample catalog (bootstrap_mce.json), as the change logs DataHub would write. */
final class SampleCatalog {

    private static final String FILE =
            "datahub/repo/metadata-ingestion/examples/mce_files/bootstrap_mce.json";
    private static final DataHubAvroEncoder ENCODER = new DataHubAvroEncoder();

    private SampleCatalog() {}

    /** Every change in the file; records without a time get {@code fallbackMillis}. */
    static List<MetadataChange> changes(long fallbackMillis) throws IOException {
        return MceFileReader.read(
                Path.of(System.getProperty("dataspoke.fixtures")).resolve(FILE), fallbackMillis);
    }

    /** The versioned changes as Kafka records on {@code topics.versioned()}. */
    static List<DemoRecord> versionedRecords(Topics topics, long fallbackMillis)
            throws IOException {
        return changes(fallbackMillis).stream()
                .filter(change -> !change.timeseries())
                .map(change -> record(topics, change))
                .toList();
    }

    /** {@code change} framed as DataHub writes it, keyed by URN, on its change-log topic. */
    static DemoRecord record(Topics topics, MetadataChange change) {
        return new DemoRecord(
                change.timeseries() ? topics.timeseries() : topics.versioned(),
                change.entityUrn().getBytes(StandardCharsets.UTF_8),
                ENCODER.encode(change),
                change.eventMillis());
    }
}
