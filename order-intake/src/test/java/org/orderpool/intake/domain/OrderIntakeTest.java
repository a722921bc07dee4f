package org.orderpool.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.testing.Fixtures;

class OrderIntakeTest {

    private static final Instant NOW = Fixtures.T0.plusSeconds(5);
    private final OrderIntake intake = new OrderIntake(new OrderValidator(Set.of("SKU-TEA-01", "SKU-MUG-01"),
            new ShopDirectory(List.of(new Shop("shop-a", "Shop A", "s3cret"))), IntakeRules.defaults()));

    @Test
    void shouldAcceptAValidOrderInCanonicalForm() {
        final SubmittedOrder submitted = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        submitted.getCustomer().setEmail("  Camille.Martin@Example.ORG ");
        submitted.getShippingAddress().setCountryCode("fr");
        submitted.setShippingMethod("express");
        submitted.getLines().get(0).setSku("sku-tea-01");

        final IntakeDecision decision = intake.decide(key(submitted), submitted, NOW);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Accepted.class, accepted -> {
            final Order order = accepted.order();
            assertThat(order.getOrderId()).isEqualTo(OrderIds.forShopOrder("shop-a", submitted.getShopOrderRef()));
            assertThat(order.getCustomer().getEmail()).isEqualTo("camille.martin@example.org");
            assertThat(order.getShippingAddress().getCountryCode()).isEqualTo("FR");
            assertThat(order.getBillingAddress()).as("billing defaults to shipping").isEqualTo(order.getShippingAddress());
            assertThat(order.getShippingMethod()).isEqualTo(ShippingMethod.EXPRESS);
            assertThat(order.getLines().get(0).getSku()).isEqualTo("SKU-TEA-01");
            assertThat(order.getAcceptedAt()).isEqualTo(NOW);
            assertThat(accepted.status().getStatus()).isEqualTo(OrderStatus.ACCEPTED);
            assertThat(accepted.status().getEventId()).isEqualTo(order.getOrderId() + ":ACCEPTED");
        });
    }

    @Test
    void shouldAcceptAnOrderOnItsShopsOwnTopicAsIfItCameOnTheSharedOne() {
        final SubmittedOrder submitted = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();

        assertThat(intake.decideFromShopTopic("shop-a", key(submitted), submitted, NOW)).isInstanceOf(IntakeDecision.Accepted.class);
    }

    @Test
    void shouldRejectAnOrderNamingAnotherShopThanItsIntakeTopic() {
        final SubmittedOrder submitted = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();

        final IntakeDecision decision = intake.decideFromShopTopic("shop-z", key(submitted), submitted, NOW);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Rejected.class, rejected -> {
            assertThat(rejected.rejection().getOrderId()).isEqualTo(OrderIds.forShopOrder("shop-z", submitted.getShopOrderRef()));
            assertThat(rejected.rejection().getErrors()).extracting(e -> e.getField() + ":" + e.getCode()).contains("shopId:shop_mismatch");
        });
    }

    @Test
    void shouldRejectWithEveryReason() {
        final SubmittedOrder submitted = Fixtures.order("o-1").line("SKU-NOPE", 0).submitted();

        final IntakeDecision decision = intake.decide(key(submitted), submitted, NOW);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Rejected.class, rejected -> {
            assertThat(rejected.rejection().getErrors()).extracting(e -> e.getField() + ":" + e.getCode())
                    .contains("lines[0].sku:unknown_sku", "lines[0].quantity:must_be_positive");
            assertThat(rejected.status().getStatus()).isEqualTo(OrderStatus.REJECTED);
            assertThat(rejected.status().getReasonCode()).isEqualTo("intake.invalid");
            assertThat(rejected.status().getReason()).contains("lines[0].sku: unknown_sku");
        });
    }

    @Test
    void shouldRejectACardNumberAndNeverRepeatIt() {
        final SubmittedOrder submitted = Fixtures.order("o-1").line("SKU-TEA-01", 1).submitted();
        submitted.getCustomer().setLastName("4111111111111111");
        submitted.getShippingAddress().setLine2("card 5555 5555 5555 4444 please");

        final IntakeDecision decision = intake.decide(key(submitted), submitted, NOW);

        assertThat(decision).isInstanceOf(IntakeDecision.Rejected.class);
        final IntakeDecision.Rejected rejected = (IntakeDecision.Rejected) decision;
        assertThat(rejected.rejection().getErrors()).extracting(e -> e.getField() + ":" + e.getCode())
                .contains("customer.lastName:card_number", "shippingAddress.line2:card_number");
        assertThat(rejected.status().getReasonCode()).isEqualTo("intake.card_number");
        final String everythingWritten = rejected.rejection().toString() + rejected.status();
        assertThat(everythingWritten).doesNotContain("4111111111111111", "5555 5555 5555 4444", "5555555555554444")
                .contains("************1111", "************4444");
    }

    @Test
    void shouldKeepTheRefOfAnAcceptedOrderInItsStatusExactlyAsTheShopSentIt() {
        final SubmittedOrder submitted = Fixtures.order("o-1").line("SKU-TEA-01", 1).shopOrderRef("HID1796153229267-C").submitted();

        final IntakeDecision decision = intake.decide(key(submitted), submitted, NOW);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Accepted.class, accepted -> {
            assertThat(accepted.order().getShopOrderRef()).isEqualTo("HID1796153229267-C");
            assertThat(accepted.status().getShopOrderRef()).isEqualTo("HID1796153229267-C");
        });
    }

    @Test
    void shouldRejectARefThatIsACardNumberAndNeverRepeatIt() {
        final SubmittedOrder submitted = Fixtures.order("o-1").line("SKU-TEA-01", 1).shopOrderRef("4111111111111111").submitted();

        final IntakeDecision decision = intake.decide(key(submitted), submitted, NOW);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Rejected.class, rejected -> {
            assertThat(rejected.rejection().getErrors()).extracting(e -> e.getField() + ":" + e.getCode())
                    .containsExactly("shopOrderRef:card_number");
            assertThat(rejected.rejection().getShopOrderRef()).isEqualTo("************1111");
            assertThat(rejected.status().getShopOrderRef()).isEqualTo("************1111");
            assertThat(rejected.rejection().toString() + rejected.status()).doesNotContain("4111111111111111");
        });
    }

    @Test
    void shouldTakeAPlatformsNumericOrderIdAsTheRefEvenWhenItLooksLikeAnOldVisaNumber() {
        // 4222222222222 has a Visa prefix, Visa's old 13-digit length and passes Luhn: one Shopify order id in ten does
        final SubmittedOrder submitted = Fixtures.order("o-1").channel(SalesChannel.SHOPIFY).line("SKU-TEA-01", 1)
                .shopOrderRef("4222222222222").submitted();

        final IntakeDecision decision = intake.decide(key(submitted), submitted, NOW);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Accepted.class, accepted ->
                assertThat(accepted.status().getShopOrderRef()).isEqualTo("4222222222222"));
    }

    @Test
    void shouldRejectARecordWhoseKeyNamesAnotherOrder() {
        final SubmittedOrder submitted = Fixtures.order("o-1").line("SKU-TEA-01", 1).submitted();

        final IntakeDecision decision = intake.decide(new ShopOrderKey("shop-a", "other-ref"), submitted, NOW);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Rejected.class, rejected ->
                assertThat(rejected.rejection().getErrors()).extracting(e -> e.getCode()).containsExactly("key_mismatch"));
    }

    @Test
    void shouldHoldAValidOrderThatIsNotPaidYetUntilItsShopsPaymentTimeout() {
        final SubmittedOrder pending = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        pending.setPaymentState(PaymentState.PENDING);

        final IntakeDecision decision = intake.decide(key(pending), pending, NOW);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.AwaitingPayment.class, waiting -> {
            assertThat(waiting.payBy()).isEqualTo(NOW.plus(Duration.ofHours(72)));
            assertThat(waiting.status().getStatus()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
            assertThat(waiting.status().getEventId()).isEqualTo(waiting.orderId() + ":AWAITING_PAYMENT");
            assertThat(waiting.status().getReason()).contains("PENDING").contains("3 days");
        });
    }

    @Test
    void shouldTakeAnAuthorisedPaymentAsPaidOnlyForAShopWhosePolicyAcceptsIt() {
        final OrderIntake twoShops = new OrderIntake(new OrderValidator(Set.of("SKU-TEA-01"), new ShopDirectory(List.of(
                new Shop("shop-a", "Shop A", "s"), new Shop("shop-b", "Shop B", "s", new ShopPolicy(true, Duration.ofHours(6))))),
                IntakeRules.defaults()));
        final SubmittedOrder atA = Fixtures.order("o-1").line("SKU-TEA-01", 1).submitted();
        atA.setPaymentState(PaymentState.AUTHORISED);
        final SubmittedOrder atB = Fixtures.order("o-1").shop("shop-b").line("SKU-TEA-01", 1).submitted();
        atB.setPaymentState(PaymentState.AUTHORISED);

        assertThat(twoShops.decide(key(atA), atA, NOW)).isInstanceOf(IntakeDecision.AwaitingPayment.class);
        assertThat(twoShops.decide(key(atB), atB, NOW)).isInstanceOf(IntakeDecision.Accepted.class);
    }

    @Test
    void shouldTakeAnOrderThatSaysNothingOfItsPaymentAsPaidAsBefore() {
        final SubmittedOrder kafkaNative = Fixtures.order("o-1").line("SKU-TEA-01", 1).submitted();

        assertThat(kafkaNative.getPaymentState()).isNull();
        assertThat(intake.decide(key(kafkaNative), kafkaNative, NOW)).isInstanceOf(IntakeDecision.Accepted.class);
    }

    @Test
    void shouldNeverTakeAnUnknownOrPendingPaymentAsPaid() {
        final ShopPolicy generous = new ShopPolicy(true, Duration.ofHours(1));

        assertThat(generous.countsAsPaid(PaymentState.UNKNOWN)).isFalse();
        assertThat(generous.countsAsPaid(PaymentState.PENDING)).isFalse();
        assertThat(ShopPolicy.defaults().countsAsPaid(PaymentState.AUTHORISED)).isFalse();
        assertThat(ShopPolicy.defaults().countsAsPaid(PaymentState.PAID)).isTrue();
    }

    private static ShopOrderKey key(final SubmittedOrder order) {
        return new ShopOrderKey(order.getShopId(), order.getShopOrderRef());
    }
}
