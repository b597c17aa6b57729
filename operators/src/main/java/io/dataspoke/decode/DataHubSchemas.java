package io.dataspoke.decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * DataHub's v1 Avro schemas as bundled with DataSpoke, and the schema-registry ids DataHub gives
 * them ({@code SchemaIdOrdinal}: 0 = MetadataChangeProposal, 1 = FailedMetadataChangeProposal, 2 =
 * MetadataChangeLog, 3 = time-series MetadataChangeLog, 4 = PlatformEvent). They are the fallback
 * when no registry answers, and what the demo writes with.
 */
public final class DataHubSchemas {

    public static final int MCP_ID = 0;
    public static final int FAILED_MCP_ID = 1;
    public static final int MCL_VERSIONED_ID = 2;
    public static final int MCL_TIMESERIES_ID = 3;
    public static final int PLATFORM_EVENT_ID = 4;

    private static final Schema METADATA_CHANGE_LOG = load("MetadataChangeLog.avsc");
    private static final Schema PLATFORM_EVENT = load("PlatformEvent.avsc");
    private static final Schema METADATA_CHANGE_PROPOSAL = load("MetadataChangeProposal.avsc");
    private static final Schema FAILED_METADATA_CHANGE_PROPOSAL =
            load("FailedMetadataChangeProposal.avsc");
    private static final Map<Integer, Schema> BY_ID =
            Map.of(
                    MCP_ID, METADATA_CHANGE_PROPOSAL,
                    FAILED_MCP_ID, FAILED_METADATA_CHANGE_PROPOSAL,
                    MCL_VERSIONED_ID, METADATA_CHANGE_LOG,
                    MCL_TIMESERIES_ID, METADATA_CHANGE_LOG,
                    PLATFORM_EVENT_ID, PLATFORM_EVENT);

    private DataHubSchemas() {}

    /** The MetadataChangeLog v1 schema (both MCL topics use it). */
    public static Schema metadataChangeLog() {
        return METADATA_CHANGE_LOG;
    }

    /** The PlatformEvent schema. */
    public static Schema platformEvent() {
        return PLATFORM_EVENT;
    }

    /** The MetadataChangeProposal v1 schema. */
    public static Schema metadataChangeProposal() {
        return METADATA_CHANGE_PROPOSAL;
    }

    /** The FailedMetadataChangeProposal v1 schema (wraps a MetadataChangeProposal and an error). */
    public static Schema failedMetadataChangeProposal() {
        return FAILED_METADATA_CHANGE_PROPOSAL;
    }

    /** The bundled schema DataHub registers under {@code id}, if DataSpoke bundles it. */
    public static Optional<Schema> bundled(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    private static Schema load(String file) {
        try (InputStream in =
                DataHubSchemas.class.getResourceAsStream("/io/dataspoke/avro/" + file)) {
            if (in == null) {
                throw new IllegalStateException("bundled Avro schema missing: " + file);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled Avro schema " + file, e);
        }
    }
}
