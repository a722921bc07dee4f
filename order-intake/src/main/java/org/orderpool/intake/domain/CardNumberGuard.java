package org.orderpool.intake.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Finds full card numbers (PANs) where they must never be: 13 to 19 digits, optionally grouped with
 * spaces or dashes, that pass the Luhn check. Scans every string of an Avro record, whatever its
 * field, and masks what it finds down to the last four digits.
 */
public final class CardNumberGuard {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

    private CardNumberGuard() {
    }

    /** A field holding what looks like a card number, with the number masked. */
    public record Finding(String field, String maskedValue) {
    }

    public static List<Finding> scan(final IndexedRecord record) {
        final List<Finding> findings = new ArrayList<>();
        scan(record, "", findings);
        return findings;
    }

    public static boolean containsCardNumber(final String text) {
        if (text == null) {
            return false;
        }
        final Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            if (isCardNumber(matcher.group())) {
                return true;
            }
        }
        return false;
    }

    /** The text with every card number replaced by {@code ************1234} (its last four digits kept). */
    public static String mask(final String text) {
        if (text == null) {
            return null;
        }
        final Matcher matcher = CANDIDATE.matcher(text);
        final StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            final String digits = matcher.group().replaceAll("[ -]", "");
            final String replacement = isCardNumber(matcher.group())
                    ? "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4)
                    : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static boolean isCardNumber(final String candidate) {
        final String digits = candidate.replaceAll("[ -]", "");
        return digits.length() >= 13 && digits.length() <= 19 && passesLuhn(digits);
    }

    static boolean passesLuhn(final String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static void scan(final Object value, final String path, final List<Finding> findings) {
        if (value == null) {
            return;
        }
        if (value instanceof IndexedRecord record) {
            for (final Schema.Field field : record.getSchema().getFields()) {
                scan(record.get(field.pos()), path.isEmpty() ? field.name() : path + "." + field.name(), findings);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                scan(list.get(i), path + "[" + i + "]", findings);
            }
        } else if (value instanceof CharSequence text && containsCardNumber(text.toString())) {
            findings.add(new Finding(path, mask(text.toString())));
        }
    }
}
