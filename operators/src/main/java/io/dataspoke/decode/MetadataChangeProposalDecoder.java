package io.dataspoke.decode;

import io.dataspoke.aspect.Aspects;
import io.dataspoke.event.MetadataChange;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes DataHub's MetadataChangeProposal and FailedMetadataChangeProposal messages (registry ids
 * 0 and 1) into the {@link MetadataChange} they propose. A failed proposal gives the proposal it
 * wraps; the failure text is not kept.
 */
public final class MetadataChangeProposalDecoder {

    private static final String FAILED = "FailedMetadataChangeProposal";

    private final FramedAvroReader reader;

    public MetadataChangeProposalDecoder(SchemaResolver resolver) {
        this.reader =
                new FramedAvroReader(
                        resolver,
                        List.of(
                                DataHubSchemas.metadataChangeProposal(),
                                DataHubSchemas.failedMetadataChangeProposal()));
    }

    /**
     * The proposed change. A proposal has no {@code created} stamp, so the event time is the
     * aspect's timestampMillis (time-series aspects), else systemMetadata.lastObserved, else {@code
     * fallbackMillis}; {@code timeseries} is true for DataHub's time-series aspects.
     */
    public MetadataChange decode(byte[] message, long fallbackMillis) throws DecodeException {
        GenericRecord record = reader.read(message);
        if (FAILED.equals(record.getSchema().getName())) {
            record = (GenericRecord) record.get("metadataChangeProposal");
        }
        Object aspectName = record.get("aspectName");
        boolean timeseries = aspectName != null && Aspects.isTimeseries(aspectName.toString());
        return MetadataChangeLogDecoder.toChange(record, timeseries, fallbackMillis, true);
    }

    /** The error message of a FailedMetadataChangeProposal, null for a plain proposal. */
    public String failure(byte[] message) throws DecodeException {
        GenericRecord record = reader.read(message);
        if (!FAILED.equals(record.getSchema().getName())) {
            return null;
        }
        Object error = record.get("error");
        return error == null ? null : error.toString();
    }
}
