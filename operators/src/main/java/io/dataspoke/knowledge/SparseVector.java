package io.dataspoke.knowledge;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sparse vector as Qdrant stores one: term ids in ascending order, each with its weight.
 *
 * @param indices ascending, without repeats
 * @param values the weight of each index, same length
 */
public record SparseVector(int[] indices, float[] values) implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public SparseVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException(
                    indices.length + " indices but " + values.length + " values");
        }
        for (int i = 1; i < indices.length; i++) {
            if (indices[i] <= indices[i - 1]) {
                throw new IllegalArgumentException("indices must ascend without repeats");
            }
        }
    }

    /** The vector of {@code weights}, term id to weight; zero weights are left out. */
    public static SparseVector of(Map<Integer, Float> weights) {
        TreeMap<Integer, Float> sorted = new TreeMap<>(weights);
        sorted.values().removeIf(w -> w == 0f);
        int[] indices = new int[sorted.size()];
        float[] values = new float[sorted.size()];
        int i = 0;
        for (Map.Entry<Integer, Float> e : sorted.entrySet()) {
            indices[i] = e.getKey();
            values[i] = e.getValue();
            i++;
        }
        return new SparseVector(indices, values);
    }

    public int size() {
        return indices.length;
    }

    public boolean isEmpty() {
        return indices.length == 0;
    }

    /** The weight of term {@code index}, 0 when absent. */
    public float weight(int index) {
        int at = Arrays.binarySearch(indices, index);
        return at < 0 ? 0f : values[at];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector other
                && Arrays.equals(indices, other.indices)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SparseVector{");
        for (int i = 0; i < indices.length; i++) {
            s.append(i == 0 ? "" : ", ").append(indices[i]).append('=').append(values[i]);
        }
        return s.append('}').toString();
    }
}
