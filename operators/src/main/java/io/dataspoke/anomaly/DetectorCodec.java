package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.DateTimeException;

/**
 * The binary form of detectors: each class writes its own fields ({@code writeTo}) and reads them
 * back ({@code readFrom}); this class holds what they share. Values are written with {@link
 * DataOutput}, so a Flink {@code DataOutputView} takes them directly. Members of an ensemble are
 * tagged by kind; only the detectors of this package can be written.
 */
final class DetectorCodec {

    /** More members than any ensemble has: a larger count means the bytes are not a detector. */
    static final int MAX_MEMBERS = 64;

    private static final byte SEASONAL = 1;
    private static final byte EWMA = 2;
    private static final byte FOREST = 3;

    private DetectorCodec() {}

    static void writeMember(DataOutput out, AnomalyStrategy member) throws IOException {
        if (member instanceof SeasonalStrategy seasonal) {
            out.writeByte(SEASONAL);
            seasonal.writeTo(out);
        } else if (member instanceof EwmaStrategy ewma) {
            out.writeByte(EWMA);
            ewma.writeTo(out);
        } else if (member instanceof IsolationForestStrategy forest) {
            out.writeByte(FOREST);
            forest.writeTo(out);
        } else {
            throw new IllegalArgumentException(
                    "cannot write detector " + member.name() + " (" + member.getClass() + ")");
        }
    }

    /** Reads a member {@link #writeMember} wrote, in binary form {@code version}. */
    static AnomalyStrategy readMember(DataInput in, int version) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case SEASONAL -> SeasonalStrategy.readFrom(in, version);
            case EWMA -> EwmaStrategy.readFrom(in);
            case FOREST -> IsolationForestStrategy.readFrom(in);
            default -> throw new IOException("unknown detector kind " + kind);
        };
    }

    /** Longer rings, windows or slot tables than any detector keeps: the bytes are not one. */
    static final int MAX_LENGTH = 1 << 20;

    /**
     * {@code value}, or an IOException naming {@code what} when it is not a length a detector could
     * have (positive, at most {@link #MAX_LENGTH}).
     */
    static int positive(int value, String what) throws IOException {
        if (value < 1 || value > MAX_LENGTH) {
            throw new IOException(what + " " + value);
        }
        return value;
    }

    /** The constant at {@code ordinal}, or an IOException naming {@code what}. */
    static <E> E element(E[] values, int ordinal, String what) throws IOException {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IOException(what + " " + ordinal);
        }
        return values[ordinal];
    }

    /** What reads a configuration, which may refuse the values read. */
    @FunctionalInterface
    interface Reader<T> {
        T read() throws IOException;
    }

    /** The configuration {@code reader} reads, its refusal of the values as an IOException. */
    static <T> T valid(Reader<T> reader) throws IOException {
        try {
            return reader.read();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IOException("not a valid detector configuration: " + e.getMessage(), e);
        }
    }
}
