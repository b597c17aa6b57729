package io.dataspoke.knowledge;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.Locale;
import java.util.concurrent.Executor;

/** The embedding models shipped in the jar (ONNX, int8): nothing is downloaded at run time. */
public enum EmbeddingModel {
    /** sentence-transformers/all-MiniLM-L6-v2, 384 dimensions: the default, about 3× faster. */
    ALL_MINILM_L6_V2("all-minilm-l6-v2", 384, ""),

    /** BAAI/bge-small-en-v1.5, 384 dimensions; queries get the instruction bge was trained with. */
    BGE_SMALL_EN_V15(
            "bge-small-en-v1.5", 384, "Represent this sentence for searching relevant passages: ");

    private final String id;
    private final int dimension;
    private final String queryPrefix;

    EmbeddingModel(String id, int dimension, String queryPrefix) {
        this.id = id;
        this.dimension = dimension;
        this.queryPrefix = queryPrefix;
    }

    /** The name used in configuration and on the command line. */
    public String id() {
        return id;
    }

    public int dimension() {
        return dimension;
    }

    /** What goes before a query (never before a document) for this model. */
    public String queryPrefix() {
        return queryPrefix;
    }

    /** The model named {@code id} (case-insensitive). */
    public static EmbeddingModel of(String id) {
        for (EmbeddingModel model : values()) {
            if (model.id.equalsIgnoreCase(id.trim()) || model.name().equalsIgnoreCase(id.trim())) {
                return model;
            }
        }
        throw new IllegalArgumentException(
                "unknown embedding model \""
                        + id
                        + "\"; known: "
                        + String.join(", ", ids()).toLowerCase(Locale.ROOT));
    }

    static String[] ids() {
        EmbeddingModel[] models = values();
        String[] ids = new String[models.length];
        for (int i = 0; i < models.length; i++) {
            ids[i] = models[i].id;
        }
        return ids;
    }

    /** Loads the model from the jar; {@code executor} runs the texts of one call. */
    AbstractInProcessEmbeddingModel load(Executor executor) {
        return switch (this) {
            case ALL_MINILM_L6_V2 -> new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
            case BGE_SMALL_EN_V15 -> new BgeSmallEnV15QuantizedEmbeddingModel(executor);
        };
    }
}
