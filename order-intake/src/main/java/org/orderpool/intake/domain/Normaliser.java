package org.orderpool.intake.domain;

import java.util.List;
import java.util.Locale;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.Customer;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.SubmittedOrder;

/**
 * One canonical form per field, before validation: strings trimmed (blank optional strings become
 * null), country and currency codes upper case, e-mail lower case; the shipping method is the shop's
 * own code, kept as sent for its reasons ({@link ShippingNames} compares names whatever their case). It changes
 * no meaning, so an order a shop sends twice with different spacing is the same order.
 */
public final class Normaliser {

    private Normaliser() {
    }

    public static SubmittedOrder normalise(final SubmittedOrder order) {
        final SubmittedOrder.Builder out = SubmittedOrder.newBuilder(order)
                .setShopId(trim(order.getShopId()))
                .setShopOrderRef(trim(order.getShopOrderRef()))
                .setPlatformEventId(optional(order.getPlatformEventId()))
                .setCustomer(customer(order.getCustomer()))
                .setShippingAddress(address(order.getShippingAddress()))
                .setBillingAddress(order.getBillingAddress() == null ? null : address(order.getBillingAddress()))
                .setLines(lines(order.getLines()))
                .setShippingMethod(trim(order.getShippingMethod())) // the shop's own code, as it sent it: ShippingNames compares
                .setShippingMethodTitle(optional(order.getShippingMethodTitle()))
                .setShippingCost(money(order.getShippingCost()))
                .setDiscount(order.getDiscount() == null ? null : money(order.getDiscount()))
                .setAddedTax(order.getAddedTax() == null ? null : money(order.getAddedTax()))
                .setTotal(money(order.getTotal()))
                .setPayment(order.getPayment() == null ? null : payment(order.getPayment()));
        return out.build();
    }

    private static Customer customer(final Customer customer) {
        return Customer.newBuilder(customer)
                .setEmail(trim(customer.getEmail()).toLowerCase(Locale.ROOT))
                .setFirstName(trim(customer.getFirstName()))
                .setLastName(trim(customer.getLastName()))
                .setShopCustomerId(optional(customer.getShopCustomerId()))
                .build();
    }

    private static Address address(final Address address) {
        return Address.newBuilder(address)
                .setName(trim(address.getName()))
                .setCompany(optional(address.getCompany()))
                .setLine1(trim(address.getLine1()))
                .setLine2(optional(address.getLine2()))
                .setPostalCode(trim(address.getPostalCode()).toUpperCase(Locale.ROOT))
                .setCity(trim(address.getCity()))
                .setRegion(optional(address.getRegion()))
                .setCountryCode(upper(address.getCountryCode()))
                .setPhone(optional(address.getPhone()))
                .build();
    }

    private static List<OrderLine> lines(final List<OrderLine> lines) {
        return lines.stream().map(line -> OrderLine.newBuilder(line)
                .setLineId(trim(line.getLineId()))
                .setSku(upper(line.getSku()))
                .setTitle(optional(line.getTitle()))
                .setUnitPrice(money(line.getUnitPrice()))
                .build()).toList();
    }

    private static Money money(final Money money) {
        return new Money(money.getAmountMinor(), upper(money.getCurrency()));
    }

    private static PaymentFacts payment(final PaymentFacts payment) {
        return PaymentFacts.newBuilder(payment)
                .setCardBin(optional(payment.getCardBin()))
                .setCardLastFour(optional(payment.getCardLastFour()))
                .setCardFingerprint(optional(payment.getCardFingerprint()))
                .setCardCountry(payment.getCardCountry() == null ? null : optional(upper(payment.getCardCountry())))
                .setClientIp(optional(payment.getClientIp()))
                .setClientIpCountry(payment.getClientIpCountry() == null ? null : optional(upper(payment.getClientIpCountry())))
                .build();
    }

    private static String trim(final String value) {
        return value == null ? "" : value.strip();
    }

    private static String upper(final String value) {
        return trim(value).toUpperCase(Locale.ROOT);
    }

    private static String optional(final String value) {
        final String trimmed = trim(value);
        return trimmed.isEmpty() ? null : trimmed;
    }
}
