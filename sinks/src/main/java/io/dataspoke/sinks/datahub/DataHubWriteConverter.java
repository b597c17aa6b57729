package io.dataspoke.sinks.datahub;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * The sink's element converter: a {@link DataHubWrite} is already its request entry (it is
 * serializable, so it can wait in checkpointed buffers; the client's proposal classes are not). It
 * checks the URN here, so a malformed one fails on the element that carries it rather than later in
 * a batch.
 */
final class DataHubWriteConverter implements ElementConverter<DataHubWrite, DataHubWrite> {

    @Override
    public DataHubWrite apply(DataHubWrite write, SinkWriter.Context context) {
        DataHubProposals.urn(write.entityUrn());
        return write;
    }
}
