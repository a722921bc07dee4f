package org.orderpool.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The field encodings of {@link CompactStateSerde}'s forms: a presence flag before each field that may be null, sizes as
 * ints. A text's flag (0 or 1) is the boolean fraud-check's first forms wrote before it, so they read unchanged.
 */
public final class CompactFields {

    private static final int NO_TEXT = 0;
    private static final int SHORT_TEXT = 1;
    private static final int LONG_TEXT = 2;
    /** At most three bytes a char in modified UTF-8, so this many always fit {@code writeUTF}'s 65,535 bytes. */
    private static final int SHORT_TEXT_CHARS = 65_535 / 3;

    private CompactFields() {
    }

    /**
     * A text that may be null: a byte saying none (0), a short text as {@link DataOutputStream#writeUTF} writes it (1), or a
     * longer one as its length and UTF-8 bytes (2), so no text is too long to store.
     */
    public static void text(final DataOutputStream out, final String value) throws IOException {
        if (value == null) {
            out.writeByte(NO_TEXT);
        } else if (value.length() <= SHORT_TEXT_CHARS) {
            out.writeByte(SHORT_TEXT);
            out.writeUTF(value);
        } else {
            final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.writeByte(LONG_TEXT);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    public static String text(final DataInputStream in) throws IOException {
        final int kind = in.readUnsignedByte();
        return switch (kind) {
            case NO_TEXT -> null;
            case SHORT_TEXT -> in.readUTF();
            case LONG_TEXT -> {
                final int length = size(in);
                if (length > in.available()) {
                    throw new IOException("a text of " + length + " bytes, longer than what is left");
                }
                final byte[] utf8 = new byte[length];
                in.readFully(utf8);
                yield new String(utf8, StandardCharsets.UTF_8);
            }
            default -> throw new IOException("a text of kind " + kind);
        };
    }

    /** A list of texts (none null), up to 255 of them. */
    public static void texts(final DataOutputStream out, final List<String> values) throws IOException {
        if (values.size() > 255) {
            throw new IOException("a short list holds at most 255 texts, not " + values.size());
        }
        out.writeByte(values.size());
        for (final String value : values) {
            out.writeUTF(value);
        }
    }

    public static List<String> texts(final DataInputStream in) throws IOException {
        final int size = in.readUnsignedByte();
        final List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readUTF());
        }
        return values;
    }

    /** A list of ints, up to 255 of them. */
    public static void ints(final DataOutputStream out, final List<Integer> values) throws IOException {
        if (values.size() > 255) {
            throw new IOException("a short list holds at most 255 numbers, not " + values.size());
        }
        out.writeByte(values.size());
        for (final int value : values) {
            out.writeInt(value);
        }
    }

    public static List<Integer> ints(final DataInputStream in) throws IOException {
        final int size = in.readUnsignedByte();
        final List<Integer> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readInt());
        }
        return values;
    }

    /** The size of a collection that may be large (a SKU's queue); a null one is written as empty. */
    public static void size(final DataOutputStream out, final java.util.Collection<?> values) throws IOException {
        out.writeInt(values == null ? 0 : values.size());
    }

    public static int size(final DataInputStream in) throws IOException {
        final int size = in.readInt();
        if (size < 0) {
            throw new IOException("a negative size: " + size);
        }
        return size;
    }

    /** An instant that may be null, to the nanosecond. */
    public static void instant(final DataOutputStream out, final Instant value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getEpochSecond());
            out.writeInt(value.getNano());
        }
    }

    public static Instant instant(final DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    /** A duration that may be null, to the nanosecond. */
    public static void duration(final DataOutputStream out, final Duration value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.getSeconds());
            out.writeInt(value.getNano());
        }
    }

    public static Duration duration(final DataInputStream in) throws IOException {
        return in.readBoolean() ? Duration.ofSeconds(in.readLong(), in.readInt()) : null;
    }

    /** A number that may be null. */
    public static void decimal(final DataOutputStream out, final Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    public static Double decimal(final DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    /** A yes or no that may be null. */
    public static void flag(final DataOutputStream out, final Boolean value) throws IOException {
        out.writeByte(value == null ? 2 : value ? 1 : 0);
    }

    public static Boolean flag(final DataInputStream in) throws IOException {
        final int value = in.readUnsignedByte();
        if (value > 2) {
            throw new IOException("a flag of " + value);
        }
        return value == 2 ? null : value == 1;
    }

    /** An enum constant that may be null, by name (so constants may be added or reordered). */
    public static void constant(final DataOutputStream out, final Enum<?> value) throws IOException {
        text(out, value == null ? null : value.name());
    }

    public static <E extends Enum<E>> E constant(final DataInputStream in, final Class<E> type) throws IOException {
        final String name = text(in);
        return name == null ? null : Enum.valueOf(type, name);
    }
}
