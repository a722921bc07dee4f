package org.orderpool.intake.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.SubmittedOrder;

/**
 * Finds full card numbers (PANs) where they must never be: 13 to 19 digits, optionally grouped with
 * spaces or dashes, that start with a card network's issuer prefix (IIN range), have one of that
 * network's lengths and pass the Luhn check. Scans every string of an order, whatever its field, and
 * masks what it finds down to the last four digits; masking uses the same test, so a value is either
 * reported and masked everywhere or left exactly as it was everywhere.
 *
 * <p>Luhn alone is not enough: one digit run in ten passes it, so a shop's order ref such as
 * {@code HID1796153229267-C} would be taken for a card. Requiring a network's prefix and length leaves
 * such refs alone; 12-digit Maestro numbers (rare) and Visa's retired 13-digit numbers are not looked for
 * (the latter would take one German mobile number in ten for a card).
 *
 * <p>Identifiers that platforms generate are exempt ({@link #isPlatformIdentifier}): a Shopify order,
 * line or customer id is a 13- or 14-digit number, and one in ten such numbers passes the Luhn check,
 * so scanning them with a looser test would refuse one Shopify order in ten. For the same reason the ref of an order that came from Shopify or
 * WooCommerce, which is the platform's numeric order id, is exempt when it is all digits. Every other
 * ref is scanned: a shop-chosen ref holding a card number is refused. People type card numbers into
 * names, addresses, notes and titles, which are all scanned.
 */
public final class CardNumberGuard {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");
    private static final Set<SalesChannel> PLATFORMS_NUMBERING_ORDERS =
            Set.of(SalesChannel.SHOPIFY, SalesChannel.WOOCOMMERCE);

    /** One issuer prefix range of a card network, with the lengths of that network's card numbers. */
    private record Network(String name, int prefixDigits, int from, int to, Set<Integer> lengths) {

        boolean issued(final String digits) {
            if (!lengths.contains(digits.length())) {
                return false;
            }
            final int prefix = Integer.parseInt(digits.substring(0, prefixDigits));
            return prefix >= from && prefix <= to;
        }
    }

    private static final List<Network> NETWORKS = List.of(
            // Visa's old 13-digit numbers are no longer issued; looking for them refused one German mobile number in ten
            // (+49 15x..., 13 digits starting with 4, passing Luhn as one digit run in ten does)
            new Network("Visa", 1, 4, 4, Set.of(16, 19)),
            new Network("Mastercard", 2, 51, 55, Set.of(16)),
            new Network("Mastercard", 4, 2221, 2720, Set.of(16)),
            new Network("American Express", 2, 34, 34, Set.of(15)),
            new Network("American Express", 2, 37, 37, Set.of(15)),
            new Network("Discover", 4, 6011, 6011, lengths(16, 19)),
            new Network("Discover", 3, 644, 649, lengths(16, 19)),
            new Network("Discover", 2, 65, 65, lengths(16, 19)),
            new Network("JCB", 4, 3528, 3589, lengths(16, 19)),
            new Network("Diners Club", 3, 300, 305, lengths(14, 19)),
            new Network("Diners Club", 4, 3095, 3095, lengths(14, 19)),
            new Network("Diners Club", 2, 36, 36, lengths(14, 19)),
            new Network("Diners Club", 2, 38, 39, lengths(14, 19)),
            new Network("UnionPay", 2, 62, 62, lengths(16, 19)),
            new Network("Mir", 4, 2200, 2204, lengths(16, 19)),
            new Network("Maestro", 4, 5018, 5018, lengths(13, 19)),
            new Network("Maestro", 4, 5020, 5020, lengths(13, 19)),
            new Network("Maestro", 4, 5038, 5038, lengths(13, 19)),
            new Network("Maestro", 4, 5893, 5893, lengths(13, 19)),
            new Network("Maestro", 4, 6304, 6304, lengths(13, 19)),
            new Network("Maestro", 4, 6759, 6759, lengths(13, 19)),
            new Network("Maestro", 4, 6761, 6763, lengths(13, 19)));

    private CardNumberGuard() {
    }

    /** A field holding what looks like a card number, with the number masked. */
    public record Finding(String field, String maskedValue) {
    }

    /** Every field of a submitted order that holds a card number; a platform's numeric order id as the ref is none. */
    public static List<Finding> scan(final SubmittedOrder order) {
        final List<Finding> findings = scan((IndexedRecord) order);
        if (isPlatformOrderId(order.getChannel(), order.getShopOrderRef())) {
            findings.removeIf(finding -> finding.field().equals("shopOrderRef"));
        }
        return findings;
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
     * {@code number} and {@code order_number}.
     */
    public static boolean isPlatformIdentifier(final String fieldName) {
        return fieldName.equals("id") || fieldName.endsWith("_id") || fieldName.endsWith("Id")
                || fieldName.equals("number") || fieldName.equals("order_number");
    }

    /** Whether an order ref is the numeric order id Shopify or WooCommerce gave the order (never a card number). */
    public static boolean isPlatformOrderId(final SalesChannel channel, final String shopOrderRef) {
        return PLATFORMS_NUMBERING_ORDERS.contains(channel) && shopOrderRef != null
                && ALL_DIGITS.matcher(shopOrderRef.strip()).matches();
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

    /** An order ref as it may be written to a topic: card numbers masked, unless it is a platform's order id. */
    public static String maskRef(final SalesChannel channel, final String shopOrderRef) {
        return isPlatformOrderId(channel, shopOrderRef) ? shopOrderRef : mask(shopOrderRef);
    }

    static boolean isCardNumber(final String candidate) {
        final String digits = candidate.replaceAll("[ -]", "");
        return NETWORKS.stream().anyMatch(network -> network.issued(digits)) && passesLuhn(digits);
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

    private static Set<Integer> lengths(final int shortest, final int longest) {
        return IntStream.rangeClosed(shortest, longest).boxed().collect(Collectors.toUnmodifiableSet());
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
