package org.orderpool.intake.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.orderpool.contracts.FieldError;

/**
 * What may appear in an identifier, a name or an address: printable text. Refused are control
 * characters (U+0000-U+001F, U+007F-U+009F: a NUL cuts a string short in C code, a line break or tab
 * splits a CSV manifest line), invisible format characters (bidirectional overrides and isolates such
 * as U+202E, which make a name read differently from what it is, zero-width spaces, the BOM, soft
 * hyphens), line and paragraph separators, and unpaired surrogates (not text at all). Allowed are
 * every letter, mark, digit, symbol and emoji of any script, and the zero-width joiner and non-joiner
 * (U+200D, U+200C), which emoji sequences and several scripts (Persian, Indic) need.
 *
 * <p>Every string of an order is an identifier, a code, a name or an address line, so every string is checked.
 */
public final class PrintableText {

    public static final String CODE = "control_character";
    private static final char REPLACEMENT = '\uFFFD';

    private PrintableText() {
    }

    /** The index of the first character that is not printable text, or -1 when there is none. */
    public static int firstRefused(final CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); ) {
            final int codePoint = Character.codePointAt(text, i);
            if (isRefused(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }

    public static boolean isRefused(final int codePoint) {
        if (codePoint == 0x200C || codePoint == 0x200D) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    /** Why a field is refused, naming the character by its code point and never repeating the value. */
    public static String reason(final String field, final CharSequence text) {
        final int index = firstRefused(text);
        return field + " holds a control or invisible formatting character (" + codePoint(text, index) + ") at position "
                + index + "; identifiers, names and addresses must be printable text";
    }

    /** The text with every refused character replaced by U+FFFD, for echoing a refused value safely. */
    public static String sanitise(final String text) {
        if (text == null || firstRefused(text) < 0) {
            return text;
        }
        final StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (isRefused(codePoint)) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString();
    }

    /** A field error for every string of the record that is not printable text, named by its path. */
    public static List<FieldError> scan(final IndexedRecord record) {
        final List<FieldError> errors = new ArrayList<>();
        scan(record, "", errors);
        return errors;
    }

    private static void scan(final Object value, final String path, final List<FieldError> errors) {
        if (value instanceof IndexedRecord record) {
            for (final Schema.Field field : record.getSchema().getFields()) {
                scan(record.get(field.pos()), path.isEmpty() ? field.name() : path + "." + field.name(), errors);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                scan(list.get(i), path + "[" + i + "]", errors);
            }
        } else if (value instanceof CharSequence text && firstRefused(text) >= 0) {
            errors.add(new FieldError(path, CODE, reason(path, text)));
        }
    }

    private static String codePoint(final CharSequence text, final int index) {
        return index < 0 ? "none" : "U+" + String.format(Locale.ROOT, "%04X", Character.codePointAt(text, index));
    }
}
