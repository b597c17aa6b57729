package io.dataspoke.sinks.qdrant;

import io.dataspoke.knowledge.index.IndexChange;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * The sink's element converter: an {@link IndexChange} is already its request entry. It is
 * serializable, so it can wait in checkpointed buffers; the client's protobuf messages are built
 * only when a batch is written.
 */
final class IndexChangeConverter implements ElementConverter<IndexChange, IndexChange> {

    private static final long serialVersionUID = 1L;

    @Override
    public IndexChange apply(IndexChange change, SinkWriter.Context context) {
        return Objects.requireNonNull(change, "index change");
    }
}
