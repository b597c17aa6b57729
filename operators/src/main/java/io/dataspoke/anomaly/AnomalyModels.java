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
 * A detector's state as bytes: the form of a trained model in Postgres (gzipped) and of a detector
 * in Flink state (not). Reading accepts only the detector classes and the JDK types they hold, so a
 * tampered model row cannot instantiate anything else.
 */
public final class AnomalyModels {

    private static final ObjectInputFilter ONLY_DETECTORS =
            ObjectInputFilter.Config.createFilter(
                    "io.dataspoke.anomaly.*;smile.anomaly.*;java.lang.*;java.util.*;java.time.*;"
                            + "maxdepth=64;!*");

    private AnomalyModels() {}

    /** A trained detector as stored in Postgres: gzipped Java serialization. */
    public static byte[] write(Serializable detector) {
        return serialize(detector, true);
    }

    /**
     * A dataset's detectors as Flink keyed state: plain Java serialization, since RocksDB state is
     * written on every access and gzip would cost more than the detectors' work.
     */
    public static byte[] writeState(DatasetDetectors state) {
        return serialize(state, false);
    }

    private static byte[] serialize(Serializable value, boolean compress) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out =
                new ObjectOutputStream(compress ? new GZIPOutputStream(bytes) : bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass(), e);
        }
        return bytes.toByteArray();
    }

    /** A detector or a state read back from {@link #write} or {@link #writeState}. */
    public static <T extends Serializable> T read(byte[] state, Class<T> type) {
        boolean gzipped =
                state.length > 1 && (state[0] & 0xff) == 0x1f && (state[1] & 0xff) == 0x8b;
        try (ObjectInputStream in =
                new ObjectInputStream(
                        gzipped
                                ? new GZIPInputStream(new ByteArrayInputStream(state))
                                : new ByteArrayInputStream(state))) {
            in.setObjectInputFilter(ONLY_DETECTORS);
            return type.cast(in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("not a serialized " + type.getSimpleName(), e);
        }
    }
}
