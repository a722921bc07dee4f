package org.orderpool.intake.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShippingMethod;

/**
 * A shop's own names for its shipping rates and the pool's method each stands for: shops name their rates
 * freely ("Standard", "Livraison standard", "Colissimo domicile", "Express 24h", a WooCommerce method id such
 * as {@code flat_rate}), and the pool offers STANDARD, EXPRESS and PICKUP_POINT. Names match whatever their
 * case, spacing or dashes ("express-24h" is "Express 24H"). An order's method is, in this order: the one the
 * shop's names give its title, or else its code (a title is the shop's own name of the rate, where a code may
 * be a generic type: WooCommerce's express rate is often a {@code flat_rate} titled "Express 24h"); the
 * pool's own name if the code is one; WooCommerce's core
 * method ids ({@code flat_rate}, {@code free_shipping}, {@code local_pickup}, {@code pickup_location}) for a
 * WooCommerce order; the shop's default method, if it has one. Otherwise the order is refused, naming its code
 * and the names the shop maps.
 *
 * @param names         each pool method with the shop's names for it, as configured (for the reasons)
 * @param defaultMethod the method of an order whose code and title name none, or null to refuse such an order
 */
public record ShippingNames(Map<ShippingMethod, List<String>> names, ShippingMethod defaultMethod) {

    /** WooCommerce core's shipping method ids: a fact of the platform, true of every WooCommerce shop. */
    private static final Map<String, ShippingMethod> WOOCOMMERCE_CORE = Map.of(
            key("flat_rate"), ShippingMethod.STANDARD, key("free_shipping"), ShippingMethod.STANDARD,
            key("local_pickup"), ShippingMethod.PICKUP_POINT, key("pickup_location"), ShippingMethod.PICKUP_POINT);

    public ShippingNames {
        final Map<ShippingMethod, List<String>> copy = new EnumMap<>(ShippingMethod.class);
        final Map<String, ShippingMethod> seen = new LinkedHashMap<>();
        names.forEach((method, list) -> {
            if (method == null || method == ShippingMethod.UNKNOWN) {
                throw new IllegalArgumentException("shipping names may map only to the pool's methods "
                        + offered() + ", not " + method);
            }
            for (final String name : list) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("a shipping name of " + method + " is blank");
                }
                final ShippingMethod earlier = seen.put(key(name), method);
                if (earlier != null && earlier != method) {
                    throw new IllegalArgumentException("shipping name '" + name + "' is mapped to both " + earlier
                            + " and " + method);
                }
            }
            copy.put(method, List.copyOf(list));
        });
        names = Map.copyOf(copy);
        if (defaultMethod == ShippingMethod.UNKNOWN) {
            throw new IllegalArgumentException("the default shipping method must be one of " + offered());
        }
    }

    /** No names of the shop's own, no default: only the pool's names (and WooCommerce's core ids) are taken. */
    public static ShippingNames none() {
        return new ShippingNames(Map.of(), null);
    }

    /** The pool's method for an order's shipping code and title, or empty when none can be told. */
    public Optional<ShippingMethod> resolve(final SalesChannel channel, final String code, final String title) {
        final Optional<ShippingMethod> mapped = lookUp(title).or(() -> lookUp(code));
        if (mapped.isPresent()) {
            return mapped;
        }
        final ShippingMethod pools = poolMethod(code);
        if (pools != null) {
            return Optional.of(pools);
        }
        if (channel == SalesChannel.WOOCOMMERCE && code != null && WOOCOMMERCE_CORE.containsKey(key(code))) {
            return Optional.of(WOOCOMMERCE_CORE.get(key(code)));
        }
        return Optional.ofNullable(defaultMethod);
    }

    /** The shop's names as a reason can list them: {@code "Standard", "Livraison standard" -> STANDARD; ...}. */
    public String describe() {
        if (names.isEmpty()) {
            return "none";
        }
        final List<String> parts = new ArrayList<>();
        for (final ShippingMethod method : ShippingMethod.values()) {
            final List<String> list = names.get(method);
            if (list != null && !list.isEmpty()) {
                parts.add(list.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ")) + " -> " + method);
            }
        }
        return String.join("; ", parts);
    }

    /** The pool's method a code names itself ("STANDARD", "pickup point"), or null. */
    public static ShippingMethod poolMethod(final String code) {
        if (code == null) {
            return null;
        }
        final String wanted = key(code);
        for (final ShippingMethod method : ShippingMethod.values()) {
            if (method != ShippingMethod.UNKNOWN && method.name().equals(wanted)) {
                return method;
            }
        }
        return null;
    }

    private Optional<ShippingMethod> lookUp(final String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        final String wanted = key(name);
        for (final Map.Entry<ShippingMethod, List<String>> entry : names.entrySet()) {
            if (entry.getValue().stream().anyMatch(candidate -> key(candidate).equals(wanted))) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** A name as it is compared: trimmed, upper case, spaces and dashes as underscores. */
    private static String key(final String name) {
        return name.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    private static String offered() {
        final List<String> methods = new ArrayList<>();
        for (final ShippingMethod method : ShippingMethod.values()) {
            if (method != ShippingMethod.UNKNOWN) {
                methods.add(method.name());
            }
        }
        return String.join(", ", methods);
    }
}
