package org.orderpool.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: one magic byte {@code 0}, the writer schema's registry id as a 4-byte
 * big-endian integer, then the Avro binary encoding of the record.
 */
public final class AvroWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private AvroWireFormat() {
    }

    /** Reads the schema id from the header, or explains why {@code data} is not in the wire format. */
    public static int schemaId(final String topic, final byte[] data) {
        if (data.length < HEADER_LENGTH) {
            throw new SerializationException("Record on topic '" + topic + "' is not in the Confluent Avro wire format: "
                    + data.length + " byte(s), shorter than the 5-byte header (magic byte 0 + 4-byte schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException("Record on topic '" + topic + "' is not in the Confluent Avro wire format: "
                    + String.format("first byte is 0x%02x, expected magic byte 0x00", data[0] & 0xff) + describeStart(data));
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    static void writeHeader(final ByteBuffer target, final int schemaId) {
        target.put(MAGIC_BYTE).putInt(schemaId);
    }

    private static String describeStart(final byte[] data) {
        final char first = (char) (data[0] & 0xff);
        if (first == '{' || first == '[') {
            return " (the record looks like JSON text)";
        }
        return "";
    }
}
