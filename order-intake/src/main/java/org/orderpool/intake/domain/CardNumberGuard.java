package org.orderpool.intake.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Finds full card numbers (PANs) where they must never be: 13 to 19 digits, optionally grouped with
 * spaces or dashes, that pass the Luhn check. Scans every string of an order, whatever its field, and
 * masks what it finds down to the last four digits.
 *
 * <p>Identifiers that platforms generate are exempt ({@link #isPlatformIdentifier}): a Shopify order,
 * line or customer id is a 13- or 14-digit number, and one in ten such numbers passes the Luhn check,
 * so scanning them would refuse one Shopify order in ten. People type card numbers into names,
 * addresses, notes and titles, which are all scanned.
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

    /**
     * Whether a field holds an identifier a platform generated: {@code id}, {@code *_id}, {@code *Id},
     * {@code *Ref}, {@code number} and {@code order_number}.
     */
    public static boolean isPlatformIdentifier(final String fieldName) {
        return fieldName.equals("id") || fieldName.endsWith("_id") || fieldName.endsWith("Id") || fieldName.endsWith("Ref")
                || fieldName.equals("number") || fieldName.equals("order_number");
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
                if (!isPlatformIdentifier(field.name())) {
                    scan(record.get(field.pos()), path.isEmpty() ? field.name() : path + "." + field.name(), findings);
                }
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
