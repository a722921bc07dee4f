package org.orderpool.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.testing.Fixtures;

class OrderValidatorTest {

    private static final ShopDirectory SHOPS = new ShopDirectory(List.of(new Shop("shop-a", "Shop A", "s3cret")));
    private static final Instant NOW = Fixtures.T0.plusSeconds(1);
    private final OrderValidator validator = new OrderValidator(Set.of("SKU-TEA-01", "SKU-MUG-01"), SHOPS, IntakeRules.defaults());

    @Test
    void shouldFindNothingWrongWithAValidOrder() {
        assertThat(validate(order -> { })).isEmpty();
    }

    @Test
    void shouldRefuseAShopThatIsNotAMember() {
        assertThat(codes(validate(order -> order.setShopId("shop-z")))).containsExactly("shopId:unknown_shop");
    }

    @Test
    void shouldRequireTheFieldsAParcelAndAnInvoiceNeed() {
        assertThat(codes(validate(order -> {
            order.setShopOrderRef(" ");
            order.getCustomer().setFirstName("");
            order.getShippingAddress().setCity("");
            order.getShippingAddress().setCountryCode("");
        }))).containsExactlyInAnyOrder("shopOrderRef:required", "customer.firstName:required",
                "shippingAddress.city:required", "shippingAddress.countryCode:required");
    }

    @Test
    void shouldRefuseQuantitiesBelowOneOrAbsurdlyLarge() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 0).line("SKU-MUG-01", 5_000, 0).submitted();

        assertThat(codes(validator.validate(Normaliser.normalise(order), NOW)))
                .contains("lines[0].quantity:must_be_positive", "lines[1].quantity:too_large");
    }

    @Test
    void shouldRefuseNegativePrices() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 1, -100).submitted();

        assertThat(codes(validator.validate(Normaliser.normalise(order), NOW))).contains("lines[0].unitPrice:must_not_be_negative");
    }

    @Test
    void shouldRefuseCodesThatAreNotIsoCodes() {
        assertThat(codes(validate(order -> {
            order.getShippingAddress().setCountryCode("XX");
            order.getTotal().setCurrency("EUX");
        }))).containsExactlyInAnyOrder("shippingAddress.countryCode:invalid_country", "total.currency:invalid_currency");
    }

    @Test
    void shouldRefuseAmountsInAnotherCurrencyThanTheTotal() {
        assertThat(codes(validate(order -> order.setShippingCost(new Money(490L, "USD")))))
                .containsExactly("shippingCost.currency:currency_mismatch");
    }

    @Test
    void shouldRefuseAnImplausibleEmail() {
        assertThat(codes(validate(order -> order.getCustomer().setEmail("camille@localhost")))).containsExactly("customer.email:invalid_email");
        assertThat(validate(order -> order.getCustomer().setEmail("camille.martin@example.org"))).isEmpty();
    }

    @Test
    void shouldRefuseATotalThatIsNotTheSumOfItsParts() {
        final List<FieldError> errors = validate(order -> order.getTotal().setAmountMinor(order.getTotal().getAmountMinor() + 1));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getField()).isEqualTo("total");
            assertThat(e.getCode()).isEqualTo("total_mismatch");
            assertThat(e.getMessage()).contains("line totals + shipping - discount + added tax make");
        });
    }

    @Test
    void shouldCountDiscountAndAddedTaxInTheTotal() {
        assertThat(validate(order -> {
            order.setDiscount(new Money(200L, "EUR"));
            order.setAddedTax(new Money(300L, "EUR"));
            order.getTotal().setAmountMinor(order.getTotal().getAmountMinor() + 100);
        })).isEmpty();
    }

    @Test
    void shouldRefuseSkusOutsideThePoolsCatalogue() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-NOPE", 1).submitted();

        assertThat(codes(validator.validate(Normaliser.normalise(order), NOW))).containsExactly("lines[0].sku:unknown_sku");
    }

    @Test
    void shouldRefuseAShippingMethodThePoolDoesNotOffer() {
        assertThat(validate(order -> order.setShippingMethod("DRONE"))).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("not_offered");
            assertThat(e.getMessage()).contains("EXPRESS, PICKUP_POINT, STANDARD");
        });
        assertThat(validate(order -> order.setShippingMethod("pickup point"))).as("normalised to PICKUP_POINT").isEmpty();
    }

    @Test
    void shouldTakeAShopsOwnShippingNameAndRefuseAnUnmappedOneNamingItAndTheShopsNames() {
        final OrderValidator withNames = new OrderValidator(Set.of("SKU-TEA-01"), new ShopDirectory(List.of(new Shop("shop-a", "Shop A",
                "s", ShopPolicy.defaults().withShippingNames(new ShippingNames(Map.of(ShippingMethod.STANDARD, List.of("Livraison standard"),
                        ShippingMethod.EXPRESS, List.of("Express 24h")), null))))), IntakeRules.defaults());
        final SubmittedOrder mapped = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        mapped.setShippingMethod("standard_shipping");
        mapped.setShippingMethodTitle("Livraison Standard");
        final SubmittedOrder unmapped = Fixtures.order("o-2").line("SKU-TEA-01", 2).submitted();
        unmapped.setShippingMethod("standard_shipping");

        assertThat(withNames.validate(Normaliser.normalise(mapped), NOW)).isEmpty();
        assertThat(withNames.shippingMethodOf(Normaliser.normalise(mapped))).isEqualTo(ShippingMethod.STANDARD);
        assertThat(withNames.validate(Normaliser.normalise(unmapped), NOW)).singleElement().satisfies(e -> {
            assertThat(e.getField() + ":" + e.getCode()).isEqualTo("shippingMethod:not_offered");
            assertThat(e.getMessage()).contains("'standard_shipping'").contains("'Livraison standard' -> STANDARD")
                    .contains("'Express 24h' -> EXPRESS").contains("default-shipping-method");
        });
    }

    @Test
    void shouldRefuseMalformedPaymentFacts() {
        assertThat(codes(validate(order -> {
            order.getPayment().setCardBin("49");
            order.getPayment().setCardLastFour("42");
            order.getPayment().setClientIp("not-an-ip");
            order.getPayment().setCardCountry("France");
        }))).containsExactlyInAnyOrder("payment.cardBin:invalid_bin", "payment.cardLastFour:invalid_last_four",
                "payment.clientIp:invalid_ip", "payment.cardCountry:invalid_country");
        assertThat(validate(order -> order.getPayment().setClientIp("2001:db8::7"))).isEmpty();
    }

    @Test
    void shouldRefuseAnOrderPlacedInTheFuture() {
        assertThat(codes(validate(order -> order.setPlacedAt(NOW.plusSeconds(3_600))))).containsExactly("placedAt:in_future");
        assertThat(validate(order -> order.setPlacedAt(NOW.plus(Duration.ofMinutes(14))))).as("a shop's clock a little fast").isEmpty();
    }

    @Test
    void shouldJudgePlacedAtByThePoolsClockNeverByTheReceivedAtTheShopWrote() {
        assertThat(codes(validate(order -> {
            order.setReceivedAt(NOW.plus(Duration.ofDays(30)));
            order.setPlacedAt(NOW.plus(Duration.ofDays(29)));
        }))).containsExactly("placedAt:in_future");
    }

    @Test
    void shouldRefuseAnOrderPlacedLongerAgoThanTheMaximumAgeNamingTheLimit() {
        final List<FieldError> errors = validate(order -> order.setPlacedAt(NOW.minus(Duration.ofDays(8))));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getField() + ":" + e.getCode()).isEqualTo("placedAt:too_old");
            assertThat(e.getMessage()).contains("more than 6 days before");
        });
        assertThat(validate(order -> order.setPlacedAt(NOW.minus(Duration.ofDays(5))))).as("a backlog of a few days").isEmpty();
    }

    @Test
    void shouldRefuseControlAndInvisibleFormattingCharactersInEveryFieldOfAKafkaNativeOrder() {
        final List<FieldError> errors = validate(order -> {
            order.setShopOrderRef("BN-7\u0000");
            order.getCustomer().setEmail("camille\u0007@example.org");
            order.getShippingAddress().setLine1("12 rue\ndes Lilas");
            order.getShippingAddress().setCity("Ly\u202Eon");
            order.getLines().get(1).setSku("SKU-MUG-01\u200B");
        });

        assertThat(codes(errors)).contains("shopOrderRef:control_character", "customer.email:control_character",
                "shippingAddress.line1:control_character", "shippingAddress.city:control_character",
                "lines[1].sku:control_character");
        assertThat(errors).filteredOn(e -> e.getField().equals("shopOrderRef")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("U+0000").doesNotContain("\u0000"));
        assertThat(validate(order -> order.getCustomer().setFirstName("Zo\u00EB\u200D \uD83D\uDCE6 Zoe\u0308 Mart\u0131n")))
                .as("letters, marks, emoji and the zero-width joiner are text").isEmpty();
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        assertThat(validate(order -> {
            order.getCustomer().setEmail("nope");
            order.setShippingMethod("DRONE");
            order.getShippingAddress().setCountryCode("XX");
        })).hasSize(3);
    }

    private List<FieldError> validate(final Consumer<SubmittedOrder> change) {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).line("SKU-MUG-01", 1, 890).submitted();
        change.accept(order);
        return validator.validate(Normaliser.normalise(order), NOW);
    }

    private static List<String> codes(final List<FieldError> errors) {
        return errors.stream().map(e -> e.getField() + ":" + e.getCode()).toList();
    }
}
