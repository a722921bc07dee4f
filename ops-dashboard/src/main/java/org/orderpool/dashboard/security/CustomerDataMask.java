package org.orderpool.dashboard.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a VIEWER sees of customers: e-mail addresses keep their first letter and domain
 * ({@code h***@example.org}, wherever they occur in text), names and address lines become {@code ***},
 * original bytes of dead letters are withheld (they are whatever a producer sent). Works on the
 * JSON-ready maps and lists the console answers with; it copies, never changes its input.
 */
public final class CustomerDataMask {

    public static final String MASK = "***";
    public static final String WITHHELD = "(withheld: operators only)";

    /** Keys whose values are a person's name or address. */
    private static final Set<String> PERSONAL = Set.of("email", "firstName", "lastName", "name", "company", "line1", "line2",
            "postalCode", "city", "region", "phone", "recipient", "recipientName", "shopCustomerId");
    /** Keys whose values are raw bytes as text, which may hold anything. */
    private static final Set<String> RAW = Set.of("valuePreview", "decoded", "keyText", "valueText", "valueBase64", "keyBase64");
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+)");

    private CustomerDataMask() {
    }

    /** A masked copy of a JSON-ready value (maps, lists, strings, numbers). */
    public static Object mask(final Object json) {
        if (json instanceof Map<?, ?> map) {
            final Map<Object, Object> masked = new LinkedHashMap<>();
            map.forEach((key, value) -> masked.put(key, maskEntry(String.valueOf(key), value)));
            return masked;
        }
        if (json instanceof List<?> list) {
            final List<Object> masked = new ArrayList<>(list.size());
            list.forEach(item -> masked.add(mask(item)));
            return masked;
        }
        if (json instanceof String text) {
            return maskEmails(text);
        }
        return json;
    }

    /** Text with every e-mail address in it masked. */
    public static String maskEmails(final String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@$2");
    }

    @SuppressWarnings("unchecked")
    public static <T> T maskAs(final T json) {
        return (T) mask(json);
    }

    private static Object maskEntry(final String key, final Object value) {
        if (value == null) {
            return null;
        }
        if (RAW.contains(key)) {
            return WITHHELD;
        }
        if (PERSONAL.contains(key) && value instanceof String text) {
            return key.equals("email") ? (EMAIL.matcher(text).matches() ? maskEmails(text) : MASK) : MASK;
        }
        return mask(value);
    }
}
