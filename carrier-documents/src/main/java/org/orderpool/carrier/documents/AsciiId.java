package org.orderpool.carrier.documents;

import java.nio.charset.StandardCharsets;

/**
 * A manifest id where only printable ASCII may go: the slip's Code 128 barcode (which cannot carry other
 * characters, and whose writer takes {@code ñ ò ó ô} for function codes) and the push's HTTP headers.
 * Every byte of the id's UTF-8 form outside {@code !}..{@code ~}, and {@code %} itself, is written
 * {@code %XX} (RFC 3986 percent-encoding), so the form is reversible and equals the id for every id of
 * printable ASCII without {@code %} or spaces, as the scheduler issues them from sane calendars.
 */
public final class AsciiId {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AsciiId() {
    }

    public static String of(final String id) {
        final StringBuilder ascii = new StringBuilder(id.length());
        for (final byte b : id.getBytes(StandardCharsets.UTF_8)) {
            final int unsigned = b & 0xFF;
            if (unsigned > ' ' && unsigned < 0x7F && unsigned != '%') {
                ascii.append((char) unsigned);
            } else {
                ascii.append('%').append(HEX[unsigned >> 4]).append(HEX[unsigned & 0x0F]);
            }
        }
        return ascii.toString();
    }
}
