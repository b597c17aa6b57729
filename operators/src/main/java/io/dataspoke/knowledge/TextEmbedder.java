package io.dataspoke.knowledge;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds texts with one of the ONNX models in the jar, on the calling thread (a Flink subtask
 * already has its own; a pool per subtask would only fight over the cores). Vectors come out unit
 * length, so cosine similarity is a dot product.
 */
public final class TextEmbedder {

    private final EmbeddingModel model;
    private final AbstractInProcessEmbeddingModel onnx;

    public TextEmbedder(EmbeddingModel model) {
        this.model = model;
        this.onnx = model.load(Runnable::run);
    }

    public EmbeddingModel model() {
        return model;
    }

    /** The embeddings of documents' texts, in order. */
    public float[][] documents(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(text.isBlank() ? "(empty)" : text));
        }
        List<Embedding> embeddings = onnx.embedAll(segments).content();
        float[][] vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = unit(embeddings.get(i).vector());
        }
        return vectors;
    }

    /** The embedding of a search query, with the model's query instruction when it has one. */
    public float[] query(String text) {
        return documents(List.of(model.queryPrefix() + text))[0];
    }

    /**
     * {@code v} scaled to unit length; {@code v} itself when it already is (within 1e-6) or is all
     * zeros. The index normalizes with it too, so cosine is a dot product on both sides.
     */
    public static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0 || Math.abs(sum - 1) < 1e-6) {
            return v;
        }
        float inverse = (float) (1 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inverse;
        }
        return out;
    }
}
