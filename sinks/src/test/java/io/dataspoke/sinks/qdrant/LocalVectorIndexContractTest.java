package io.dataspoke.sinks.qdrant;

import io.dataspoke.knowledge.index.LocalVectorIndex;
import io.dataspoke.knowledge.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store passes the same suite as the Qdrant index, persisted on disk as the demo runs
 * it.
 */
class LocalVectorIndexContractTest extends VectorIndexContract {

    @TempDir Path dir;

    @Override
    protected VectorIndex newIndex() throws IOException {
        return LocalVectorIndex.open(dir);
    }
}
