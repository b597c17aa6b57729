package io.dataspoke.cli;

import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.index.LocalVectorIndex;
import io.dataspoke.knowledge.index.VectorIndex;
import io.dataspoke.knowledge.search.KnowledgeSearch;
import io.dataspoke.sinks.qdrant.LocalIndexOptions;
import io.dataspoke.sinks.qdrant.VectorIndexFactory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the vector index the query commands read: the local directory given with {@code --index},
 * else the store the config names (the embedded index read-only, beside a running knowledge-sync,
 * or the Qdrant collection).
 */
final class KnowledgeIndexes {

    private KnowledgeIndexes() {}

    /** The index and the embedding model it was filled with. */
    record Opened(VectorIndex index, EmbeddingModel model) implements AutoCloseable {

        KnowledgeSearch search() {
            return new KnowledgeSearch(new TextEmbedder(model), new LexicalEncoder(), index);
        }

        @Override
        public void close() throws IOException {
            index.close();
        }
    }

    static Opened open(Path indexDir, Path config) throws IOException {
        if (indexDir != null) {
            return new Opened(LocalVectorIndex.reader(indexDir), EmbeddingModel.ALL_MINILM_L6_V2);
        }
        if (config == null) {
            throw new IllegalArgumentException("give --index <directory> or --config <file>");
        }
        DataSpokeConfig settings = DataSpokeConfig.read(config);
        EmbeddingModel model = settings.knowledge().embeddingModel();
        VectorIndexFactory factory = settings.knowledgeIndex(config, System::getenv);
        VectorIndex index =
                factory instanceof LocalIndexOptions local
                        ? LocalVectorIndex.reader(Path.of(local.directory()))
                        : factory.open();
        return new Opened(index, model);
    }
}
