package io.dataspoke.sinks.qdrant;

import io.dataspoke.knowledge.index.LocalVectorIndex;
import io.dataspoke.knowledge.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The embedded vector index in a directory, as a factory for the sink. The directory has one
 * writer, so a sink writing to it runs with parallelism 1.
 *
 * @param directory the index's directory (a string: paths are not serializable)
 */
public record LocalIndexOptions(String directory) implements VectorIndexFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public VectorIndex open() throws IOException {
        return LocalVectorIndex.open(Path.of(directory));
    }
}
