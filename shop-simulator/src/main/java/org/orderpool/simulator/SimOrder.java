package org.orderpool.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orderpool.contracts.AuthorisationStatus;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.ThreeDSecureResult;

/** An order as a simulated shop's checkout produced it, before it is rendered for the shop's platform. */
public record SimOrder(SimulatedShop shop, String shopOrderRef, Customer customer, Address address, List<Line> lines, String shippingMethod,
                       long shippingCents, Payment payment, Instant placedAt, String kind) {

    /** Who bought. */
    public record Customer(String email, String firstName, String lastName) {
    }

    /** Where it goes. */
    public record Address(String name, String line1, String postalCode, String city, String countryCode) {
    }

    /** One SKU in the basket, price per unit in cents. */
    public record Line(String sku, int quantity, long unitCents) {
    }

    /** What the payment provider says; never a card number. */
    public record Payment(String bin, String lastFour, String fingerprint, String cardCountry, String threeDSecure, String authorisation,
                          String clientIp, String clientIpCountry) {
    }

    /** The order as a Kafka-native shop writes it to the intake topic, saying nothing of its payment (taken as paid). */
    public SubmittedOrder toSubmitted(final Instant receivedAt) {
        return toSubmitted(receivedAt, null);
    }

    /** The order as a Kafka-native shop writes it, stating its payment (PENDING, then PAID once paid). */
    public SubmittedOrder toSubmitted(final Instant receivedAt, final PaymentState paymentState) {
        final List<OrderLine> orderLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final Line line = lines.get(i);
            orderLines.add(OrderLine.newBuilder().setLineId(Integer.toString(i + 1)).setSku(line.sku()).setQuantity(line.quantity())
                    .setUnitPrice(eur(line.unitCents())).build());
        }
        return SubmittedOrder.newBuilder().setShopId(shop.shopId()).setShopOrderRef(shopOrderRef)
                .setChannel(SalesChannel.KAFKA)
                .setCustomer(org.orderpool.contracts.Customer.newBuilder().setEmail(customer.email()).setFirstName(customer.firstName())
                        .setLastName(customer.lastName()).build())
                .setShippingAddress(org.orderpool.contracts.Address.newBuilder().setName(address.name()).setLine1(address.line1())
                        .setPostalCode(address.postalCode()).setCity(address.city()).setCountryCode(address.countryCode()).build())
                .setLines(orderLines).setShippingMethod(shippingMethod).setShippingCost(eur(shippingCents))
                .setTotal(eur(totalCents()))
                .setPayment(PaymentFacts.newBuilder().setMethod(PaymentMethod.CARD).setCardBin(payment.bin()).setCardLastFour(payment.lastFour())
                        .setCardFingerprint(payment.fingerprint()).setCardCountry(payment.cardCountry())
                        .setThreeDSecure(ThreeDSecureResult.valueOf(payment.threeDSecure()))
                        .setAuthorisation(AuthorisationStatus.valueOf(payment.authorisation())).setClientIp(payment.clientIp())
                        .setClientIpCountry(payment.clientIpCountry()).build())
                .setPlacedAt(placedAt).setReceivedAt(receivedAt).setPaymentState(paymentState).build();
    }

    private static Money eur(final long cents) {
        return new Money(cents, "EUR");
    }

    public long totalCents() {
        return lines.stream().mapToLong(line -> line.unitCents() * line.quantity()).sum() + shippingCents;
    }
}
