package org.orderpool.intake.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.SubmittedOrder;

/**
 * Checks a normalised submitted order against the pool's rules and says, field by field, everything
 * that is wrong with it (not only the first problem), so a shop can fix its integration in one go.
 * Error codes are stable; messages are for humans.
 */
public final class OrderValidator {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)*\\.[A-Za-z]{2,}$");
    private static final Pattern DIGITS_6_TO_8 = Pattern.compile("^[0-9]{6,8}$");
    private static final Pattern DIGITS_4 = Pattern.compile("^[0-9]{4}$");
    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    private final Set<String> knownSkus;
    private final ShopDirectory shops;
    private final IntakeRules rules;

    public OrderValidator(final Set<String> knownSkus, final ShopDirectory shops, final IntakeRules rules) {
        this.knownSkus = Set.copyOf(knownSkus);
        this.shops = shops;
        this.rules = rules;
    }

    /**
     * @param now the pool's clock when the order arrived: placedAt is the shop's statement, judged against it (never
     *            against the order's own receivedAt, which a Kafka-native shop writes itself)
     */
    public List<FieldError> validate(final SubmittedOrder order, final Instant now) {
        final Errors errors = new Errors();
        for (final FieldError unprintable : PrintableText.scan(order)) {
            errors.add(unprintable.getField(), unprintable.getCode(), unprintable.getMessage());
        }
        if (required(errors, "shopId", order.getShopId()) && !shops.isMember(order.getShopId())) {
            errors.add("shopId", "unknown_shop", "shop '" + order.getShopId() + "' is not a member of the pool");
        }
        required(errors, "shopOrderRef", order.getShopOrderRef());
        customer(errors, order);
        address(errors, "shippingAddress", order.getShippingAddress());
        if (order.getBillingAddress() != null) {
            address(errors, "billingAddress", order.getBillingAddress());
        }
        lines(errors, order.getLines());
        shippingMethod(errors, order);
        amounts(errors, order);
        if (order.getPayment() != null) {
            payment(errors, order.getPayment());
        }
        placedAt(errors, order.getPlacedAt(), now);
        return errors.list;
    }

    private void placedAt(final Errors errors, final Instant placedAt, final Instant now) {
        if (placedAt.isAfter(now.plus(rules.maxClockSkew()))) {
            errors.add("placedAt", "in_future", "placedAt " + placedAt + " is later than the time the pool received the order ("
                    + now + ") by more than " + rules.maxClockSkew().toMinutes() + " minutes");
        } else if (placedAt.isBefore(now.minus(rules.maxOrderAge()))) {
            errors.add("placedAt", "too_old", "placedAt " + placedAt + " is more than " + describe(rules.maxOrderAge())
                    + " before the time the pool received the order (" + now + "); the pool takes orders placed within the last "
                    + describe(rules.maxOrderAge()));
        }
    }

    private static String describe(final Duration duration) {
        return Durations.describe(duration);
    }

    ShopDirectory shops() {
        return shops;
    }

    private void customer(final Errors errors, final SubmittedOrder order) {
        final String email = order.getCustomer().getEmail();
        if (required(errors, "customer.email", email) && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add("customer.email", "invalid_email", "'" + email + "' is not a plausible e-mail address");
        }
        required(errors, "customer.firstName", order.getCustomer().getFirstName());
        required(errors, "customer.lastName", order.getCustomer().getLastName());
    }

    private static void address(final Errors errors, final String path, final Address address) {
        required(errors, path + ".name", address.getName());
        required(errors, path + ".line1", address.getLine1());
        required(errors, path + ".postalCode", address.getPostalCode());
        required(errors, path + ".city", address.getCity());
        country(errors, path + ".countryCode", address.getCountryCode(), true);
    }

    private void lines(final Errors errors, final List<OrderLine> lines) {
        if (lines.isEmpty()) {
            errors.add("lines", "required", "an order needs at least one line");
            return;
        }
        if (lines.size() > rules.maxLines()) {
            errors.add("lines", "too_many", lines.size() + " lines; at most " + rules.maxLines() + " are accepted");
        }
        final Set<String> lineIds = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            final OrderLine line = lines.get(i);
            final String path = "lines[" + i + "]";
            if (required(errors, path + ".lineId", line.getLineId()) && !lineIds.add(line.getLineId())) {
                errors.add(path + ".lineId", "duplicate", "line id '" + line.getLineId() + "' is used by another line");
            }
            if (required(errors, path + ".sku", line.getSku()) && !knownSkus.contains(line.getSku())) {
                errors.add(path + ".sku", "unknown_sku", "SKU '" + line.getSku() + "' is not in the pool's catalogue");
            }
            if (line.getQuantity() < 1) {
                errors.add(path + ".quantity", "must_be_positive", "quantity must be at least 1, was " + line.getQuantity());
            } else if (line.getQuantity() > rules.maxQuantity()) {
                errors.add(path + ".quantity", "too_large", "quantity " + line.getQuantity() + " is more than the "
                        + rules.maxQuantity() + " units one line may order");
            }
            if (line.getUnitPrice().getAmountMinor() < 0) {
                errors.add(path + ".unitPrice", "must_not_be_negative", "unit price must be 0 or more, was "
                        + line.getUnitPrice().getAmountMinor());
            }
        }
    }

    private void shippingMethod(final Errors errors, final SubmittedOrder order) {
        final String code = order.getShippingMethod();
        final String title = order.getShippingMethodTitle();
        if ((code == null || code.isBlank()) && (title == null || title.isBlank())) {
            required(errors, "shippingMethod", code);
            return;
        }
        final ShippingMethod method = shippingMethodOf(order);
        final String offered = rules.shippingMethods().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        if (method == null) {
            final ShippingNames names = shops.policyOf(order.getShopId()).shippingNames();
            errors.add("shippingMethod", "not_offered", "shipping method '" + code + "'"
                    + (title == null ? "" : " ('" + title + "')") + " is neither one of the shipping names of shop '" + order.getShopId() + "' (" + names.describe()
                    + ") nor one of the pool's (" + offered + "); map it in the shop's shipping-names or give the shop a"
                    + " default-shipping-method");
        } else if (!rules.shippingMethods().contains(method)) {
            errors.add("shippingMethod", "not_offered", "shipping method '" + code + "' stands for " + method
                    + ", which the pool does not offer; it offers " + offered);
        }
    }

    /** The pool's method for a normalised order's shipping code and title, by its shop's names; null when none. */
    public ShippingMethod shippingMethodOf(final SubmittedOrder order) {
        return shops.policyOf(order.getShopId()).shippingNames()
                .resolve(order.getChannel(), order.getShippingMethod(), order.getShippingMethodTitle()).orElse(null);
    }

    private static void amounts(final Errors errors, final SubmittedOrder order) {
        final String currency = order.getTotal().getCurrency();
        if (!CURRENCIES.contains(currency)) {
            errors.add("total.currency", "invalid_currency", "'" + currency + "' is not an ISO-4217 currency code");
            return;
        }
        sameCurrency(errors, "shippingCost", order.getShippingCost(), currency);
        sameCurrency(errors, "discount", order.getDiscount(), currency);
        sameCurrency(errors, "addedTax", order.getAddedTax(), currency);
        for (int i = 0; i < order.getLines().size(); i++) {
            sameCurrency(errors, "lines[" + i + "].unitPrice", order.getLines().get(i).getUnitPrice(), currency);
        }
        notNegative(errors, "shippingCost", order.getShippingCost());
        notNegative(errors, "discount", order.getDiscount());
        notNegative(errors, "addedTax", order.getAddedTax());
        notNegative(errors, "total", order.getTotal());
        if (errors.list.stream().anyMatch(e -> e.getCode().equals("currency_mismatch"))) {
            return;
        }
        try {
            long expected = order.getShippingCost().getAmountMinor();
            for (final OrderLine line : order.getLines()) {
                expected = Math.addExact(expected, Math.multiplyExact((long) line.getQuantity(), line.getUnitPrice().getAmountMinor()));
            }
            expected = Math.subtractExact(expected, amount(order.getDiscount()));
            expected = Math.addExact(expected, amount(order.getAddedTax()));
            if (expected != order.getTotal().getAmountMinor()) {
                errors.add("total", "total_mismatch", "total is " + order.getTotal().getAmountMinor() + " " + currency
                        + " minor units but line totals + shipping - discount + added tax make " + expected);
            }
        } catch (final ArithmeticException overflow) {
            errors.add("total", "out_of_range", "the order's amounts are too large to add up");
        }
    }

    private static void payment(final Errors errors, final PaymentFacts payment) {
        if (payment.getMethod() == PaymentMethod.CARD) {
            if (payment.getCardBin() != null && !DIGITS_6_TO_8.matcher(payment.getCardBin()).matches()) {
                errors.add("payment.cardBin", "invalid_bin", "a BIN is the card's first 6 to 8 digits");
            }
            if (payment.getCardLastFour() != null && !DIGITS_4.matcher(payment.getCardLastFour()).matches()) {
                errors.add("payment.cardLastFour", "invalid_last_four", "the last four digits of the card are exactly 4 digits");
            }
            country(errors, "payment.cardCountry", payment.getCardCountry(), false);
        }
        country(errors, "payment.clientIpCountry", payment.getClientIpCountry(), false);
        if (payment.getClientIp() != null && !isIpLiteral(payment.getClientIp())) {
            errors.add("payment.clientIp", "invalid_ip", "'" + payment.getClientIp() + "' is not an IPv4 or IPv6 address");
        }
    }

    /** The pool's shipping method a code names itself ("STANDARD", "pickup point"), or null when it names none. */
    public static ShippingMethod parseShippingMethod(final String code) {
        return ShippingNames.poolMethod(code);
    }

    private static boolean isIpLiteral(final String ip) {
        if (IPV4.matcher(ip).matches()) {
            return true;
        }
        if (!ip.contains(":") || !IPV6.matcher(ip).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(ip); // a literal with ':' is parsed, never looked up
            return true;
        } catch (final UnknownHostException e) {
            return false;
        }
    }

    private static void country(final Errors errors, final String path, final String code, final boolean mandatory) {
        if (code == null || code.isEmpty()) {
            if (mandatory) {
                errors.add(path, "required", path + " is required");
            }
            return;
        }
        if (!COUNTRIES.contains(code)) {
            errors.add(path, "invalid_country", "'" + code + "' is not an ISO-3166-1 alpha-2 country code");
        }
    }

    private static void sameCurrency(final Errors errors, final String path, final Money money, final String currency) {
        if (money != null && !currency.equals(money.getCurrency())) {
            errors.add(path + ".currency", "currency_mismatch", "currency " + money.getCurrency() + " differs from the order's " + currency);
        }
    }

    private static void notNegative(final Errors errors, final String path, final Money money) {
        if (money != null && money.getAmountMinor() < 0) {
            errors.add(path, "must_not_be_negative", path + " must be 0 or more, was " + money.getAmountMinor());
        }
    }

    private static long amount(final Money money) {
        return money == null ? 0 : money.getAmountMinor();
    }

    private static boolean required(final Errors errors, final String path, final String value) {
        if (value == null || value.isBlank()) {
            errors.add(path, "required", path + " is required");
            return false;
        }
        return true;
    }

    private static final class Errors {
        private final List<FieldError> list = new ArrayList<>();

        void add(final String field, final String code, final String message) {
            list.add(new FieldError(field, code, PrintableText.sanitise(CardNumberGuard.mask(message))));
        }
    }
}
