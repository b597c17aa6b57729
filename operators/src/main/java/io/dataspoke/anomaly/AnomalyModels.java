package io.dataspoke.anomaly;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A detector's state as bytes: the form of a trained model in Postgres and of a detector in Flink
 * state. Reading accepts only the detector classes and the JDK types they hold, so a tampered model
 * row cannot instantiate anything else.
 */
public final class AnomalyModels {

    private static final ObjectInputFilter ONLY_DETECTORS =
            ObjectInputFilter.Config.createFilter(
                    "io.dataspoke.anomaly.*;smile.anomaly.*;java.lang.*;java.util.*;java.time.*;"
                            + "maxdepth=64;!*");

    private AnomalyModels() {}

    /** A detector's (or a {@link MetricState}'s) state, gzipped Java serialization. */
    public static byte[] write(Serializable detector) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(bytes))) {
            out.writeObject(detector);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + detector.getClass(), e);
        }
        return bytes.toByteArray();
    }

    /** A detector (or a {@link MetricState}) read back from {@link #write}. */
    public static <T extends Serializable> T read(byte[] state, Class<T> type) {
        try (ObjectInputStream in =
                new ObjectInputStream(new GZIPInputStream(new ByteArrayInputStream(state)))) {
            in.setObjectInputFilter(ONLY_DETECTORS);
            return type.cast(in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("not a serialized " + type.getSimpleName(), e);
        }
    }
}
