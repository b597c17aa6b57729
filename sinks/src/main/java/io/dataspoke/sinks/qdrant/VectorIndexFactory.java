package io.dataspoke.sinks.qdrant;

import io.dataspoke.knowledge.index.VectorIndex;
import java.io.IOException;
import java.io.Serializable;

/**
 * Opens a {@link VectorIndex} where it is used: the sink travels to the task managers with this
 * factory, and each writer opens (and closes) its own index and client with it. {@link
 * QdrantOptions} is the factory of a Qdrant collection.
 */
@FunctionalInterface
public interface VectorIndexFactory extends Serializable {

    /** A new, open index; the caller closes it. */
    VectorIndex open() throws IOException;
}
