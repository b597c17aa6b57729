package io.dataspoke.anomaly;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Detectors as bytes: a trained model in Postgres (gzipped) and a dataset's detectors in Flink
 * state (not). The form is binary, each detector writing its own fields ({@link DetectorCodec}),
 * behind a four-byte marker and a kind. Reading also accepts the Java serialization earlier builds
 * wrote, with a filter that admits only the detector classes and the JDK types they held, so a
 * tampered model row cannot instantiate anything else.
 */
public final class AnomalyModels {

    /**
     * First four bytes of the binary form, version 5 (an ensemble and its members' judges gained
     * the precedent cap, a seasonal member its residuals per hour). Negative, so that state read by
     * {@link #readState} is never mistaken for the length prefix of the earlier form.
     */
    static final int MAGIC = 0xD5A00005;

    /**
     * First four bytes of version 4 of the binary form (an ensemble gained the context its forest
     * sees), still read.
     */
    static final int MAGIC_V4 = 0xD5A00004;

    /**
     * First four bytes of version 3 of the binary form (an ensemble and its members' judges gained
     * their horizons), still read.
     */
    static final int MAGIC_V3 = 0xD5A00003;

    /**
     * First four bytes of version 2 of the binary form (an ensemble's configuration gained its
     * corroboration and certain digits), still read.
     */
    static final int MAGIC_V2 = 0xD5A00002;

    /** First four bytes of version 1 of the binary form, still read. */
    static final int MAGIC_V1 = 0xD5A00001;

    private static final byte ENSEMBLE = 'E';
    private static final byte DATASET = 'D';

    private static final ObjectInputFilter ONLY_DETECTORS =
            ObjectInputFilter.Config.createFilter(
                    "io.dataspoke.anomaly.*;smile.anomaly.*;java.lang.*;java.util.*;java.time.*;"
                            + "maxdepth=64;!*");

    private AnomalyModels() {}

    /** A trained detector as stored in Postgres: its binary form, gzipped. */
    public static byte[] write(EnsembleStrategy detector) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(MAGIC);
            out.writeByte(ENSEMBLE);
            detector.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write detector " + detector.name(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * A dataset's detectors as Flink keyed state, uncompressed: RocksDB state is written on every
     * access and gzip would cost more than the detectors' work.
     */
    public static byte[] writeState(DatasetDetectors state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeState(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write detector state", e);
        }
        return bytes.toByteArray();
    }

    /** {@link #writeState(DatasetDetectors)} onto {@code out}. */
    public static void writeState(DatasetDetectors state, DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeByte(DATASET);
        state.writeTo(out);
    }

    /**
     * Reads a dataset's detectors written by {@link #writeState(DatasetDetectors, DataOutput)}, or
     * by earlier builds (a length, then Java serialization).
     */
    public static DatasetDetectors readState(DataInput in) throws IOException {
        int head = in.readInt();
        int version = formVersion(head);
        if (version == 0) {
            if (head < 0) {
                throw new IOException(
                        "not detector state (marker " + Integer.toHexString(head) + ")");
            }
            byte[] legacy = new byte[head];
            in.readFully(legacy);
            return readLegacy(new ByteArrayInputStream(legacy), DatasetDetectors.class);
        }
        expectKind(in.readByte(), DATASET, DatasetDetectors.class);
        return DatasetDetectors.readFrom(in, version);
    }

    /**
     * A detector ({@link EnsembleStrategy}) or a dataset's detectors ({@link DatasetDetectors})
     * read back from {@link #write} or {@link #writeState(DatasetDetectors)}, gzipped or not.
     *
     * @throws IllegalArgumentException when the bytes are not one
     */
    public static <T extends Serializable> T read(byte[] bytes, Class<T> type) {
        if (type != EnsembleStrategy.class && type != DatasetDetectors.class) {
            throw new IllegalArgumentException("detectors are not read as " + type);
        }
        boolean gzipped =
                bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        try (InputStream raw =
                gzipped
                        ? new GZIPInputStream(new ByteArrayInputStream(bytes))
                        : new ByteArrayInputStream(bytes)) {
            InputStream in = raw.markSupported() ? raw : new java.io.BufferedInputStream(raw);
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            if (first == 0xac && second == 0xed) {
                return readLegacy(in, type);
            }
            DataInputStream data = new DataInputStream(in);
            int version = formVersion(data.readInt());
            if (version == 0) {
                throw new IOException("no detector marker");
            }
            byte kind = data.readByte();
            Object value;
            if (type == EnsembleStrategy.class) {
                expectKind(kind, ENSEMBLE, type);
                value = EnsembleStrategy.readFrom(data, version);
            } else {
                expectKind(kind, DATASET, type);
                value = DatasetDetectors.readFrom(data, version);
            }
            if (data.read() != -1) {
                throw new IOException("bytes after the detector");
            }
            return type.cast(value);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a serialized " + type.getSimpleName(), e);
        }
    }

    /** The version of the binary form {@code marker} begins, or 0 when it begins none. */
    private static int formVersion(int marker) {
        return switch (marker) {
            case MAGIC -> 5;
            case MAGIC_V4 -> 4;
            case MAGIC_V3 -> 3;
            case MAGIC_V2 -> 2;
            case MAGIC_V1 -> 1;
            default -> 0;
        };
    }

    private static void expectKind(byte kind, byte expected, Class<?> type) throws IOException {
        if (kind != expected) {
            throw new IOException(
                    "kind '" + (char) kind + "' where " + type.getSimpleName() + " was expected");
        }
    }

    /** The Java serialization of earlier builds, filtered to the detector classes. */
    private static <T> T readLegacy(InputStream bytes, Class<T> type) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(bytes)) {
            in.setObjectInputFilter(ONLY_DETECTORS);
            return type.cast(in.readObject());
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("not a serialized " + type.getSimpleName(), e);
        }
    }
}
