package org.orderpool.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Money;
import org.orderpool.intake.domain.PrintableText;

/**
 * Reads fields out of a webhook's JSON tree while collecting, field by field, why the body cannot be
 * an order (missing, wrong type, unparseable, not printable text). A mapper asks for what it needs and checks
 * {@link #errors()} at the end, so a shop sees every structural problem at once.
 */
final class JsonReader {

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    void error(final String field, final String code, final String message) {
        errors.add(new FieldError(field, code, message));
    }

    JsonNode object(final JsonNode parent, final String name, final String path, final boolean required) {
        final JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                error(path, "required", path + " is required");
            }
            return null;
        }
        if (!node.isObject()) {
            error(path, "wrong_type", path + " must be a JSON object");
            return null;
        }
        return node;
    }

    List<JsonNode> array(final JsonNode parent, final String name, final String path) {
        final JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            error(path, "required", path + " is required");
            return List.of();
        }
        if (!node.isArray()) {
            error(path, "wrong_type", path + " must be a JSON array");
            return List.of();
        }
        final List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    /** A string (numbers are accepted as their text, as platforms send ids as numbers); "" when absent and required. */
    String text(final JsonNode parent, final String name, final String path, final boolean required) {
        final JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                error(path, "required", path + " is required");
                return "";
            }
            return null;
        }
        if (node.isTextual() || node.isNumber()) {
            final String text = node.asText();
            if (PrintableText.firstRefused(text.strip()) >= 0) { // surrounding whitespace is trimmed later, as on every channel
                error(path, PrintableText.CODE, PrintableText.reason(path, text.strip()));
            }
            return text;
        }
        error(path, "wrong_type", path + " must be a string");
        return required ? "" : null;
    }

    int integer(final JsonNode parent, final String name, final String path) {
        final JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            error(path, "required", path + " is required");
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            error(path, "wrong_type", path + " must be a whole number");
            return 0;
        }
        return node.intValue();
    }

    /** An amount already in minor units (the pool's own format). */
    long minorUnits(final JsonNode parent, final String name, final String path, final boolean required) {
        final JsonNode node = parent == null ? null : parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                error(path, "required", path + " is required");
            }
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            error(path, "wrong_type", path + " must be a whole number of minor units (for example 1250 for 12.50)");
            return 0;
        }
        return node.longValue();
    }

    /** A decimal amount as platforms send it ("12.50" or 12.5), converted exactly to minor units. */
    long decimal(final JsonNode parent, final String name, final String path, final String currency, final boolean required) {
        final String text = text(parent, name, path, required);
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return toMinorUnits(text, path, currency);
    }

    long toMinorUnits(final String amount, final String path, final String currency) {
        try {
            final int digits = fractionDigits(currency);
            final BigDecimal minor = new BigDecimal(amount.strip()).movePointRight(digits);
            if (minor.stripTrailingZeros().scale() > 0) {
                error(path, "too_precise", path + " " + amount + " has more decimals than " + currency + " allows (" + digits + ")");
                return 0;
            }
            return minor.longValueExact();
        } catch (final NumberFormatException | ArithmeticException e) {
            error(path, "wrong_type", path + " '" + amount + "' is not a decimal amount");
            return 0;
        }
    }

    Money money(final long minorUnits, final String currency) {
        return new Money(minorUnits, currency);
    }

    /** An ISO-8601 instant; a local date-time without offset is read as UTC (WooCommerce's *_gmt fields). */
    Instant instant(final JsonNode parent, final String name, final String path) {
        final String text = text(parent, name, path, true);
        if (text.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (final DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (final DateTimeParseException e) {
                error(path, "wrong_type", path + " '" + text + "' is not an ISO-8601 date-time");
                return Instant.EPOCH;
            }
        }
    }

    /** An optional ISO-8601 instant, or null when the field is absent, not text, or not a date-time. */
    static Instant optionalInstant(final JsonNode parent, final String name) {
        final JsonNode node = parent == null ? null : parent.get(name);
        return node == null || !node.isTextual() ? null : parseInstant(node.asText());
    }

    /** An ISO-8601 instant (a local date-time without offset read as UTC), or null when the text is none. */
    static Instant parseInstant(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (final DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
            } catch (final DateTimeParseException e) {
                return null;
            }
        }
    }

    private static int fractionDigits(final String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (final IllegalArgumentException | NullPointerException unknown) {
            return 2; // the currency itself is reported by validation
        }
    }
}
