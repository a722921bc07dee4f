package org.orderpool.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.testing.Fixtures;

class CardNumberGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444",
            "378282246310005", "4222222222222", "6011000990139424", "6222020000000000000"})
    void shouldRecogniseCardNumbersOf13To19DigitsPassingLuhn(final String pan) {
        assertThat(CardNumberGuard.containsCardNumber("paid with " + pan + " yesterday")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "411111111111", "41111111111111111111", "+33 6 12 34 56 78", "ORDER-2026-000123",
            "1234-5678"})
    void shouldLeaveOtherNumbersAlone(final String text) {
        assertThat(CardNumberGuard.containsCardNumber(text)).isFalse();
        assertThat(CardNumberGuard.mask(text)).isEqualTo(text);
    }

    @Test
    void shouldLeaveIdentifiersThatPlatformsGenerateAlone() {
        // 5723491234565 is a 13-digit number passing the Luhn check, like one Shopify order id in ten
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 1).submitted();
        order.setShopOrderRef("5723491234565");
        order.setPlatformEventId("5723491234565");
        order.getLines().get(0).setLineId("5723491234565");
        order.getCustomer().setShopCustomerId("5723491234565");

        assertThat(CardNumberGuard.scan(order)).isEmpty();

        order.getCustomer().setFirstName("5723491234565");
        assertThat(CardNumberGuard.scan(order)).extracting(CardNumberGuard.Finding::field).containsExactly("customer.firstName");
    }

    @Test
    void shouldMaskEveryCardNumberDownToItsLastFourDigits() {
        assertThat(CardNumberGuard.mask("cards 4111 1111 1111 1111 and 5555555555554444, ref 12"))
                .isEqualTo("cards ************1111 and ************4444, ref 12");
    }

    @Test
    void shouldFindACardNumberInAnyStringFieldAndNameTheField() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 1).line("SKU-MUG-01", 1).submitted();
        final OrderLine second = order.getLines().get(1);
        second.setTitle("gift, card 4111111111111111 exp 12/29");
        order.getCustomer().setLastName("5555-5555-5555-4444");

        assertThat(CardNumberGuard.scan(order)).containsExactlyInAnyOrder(
                new CardNumberGuard.Finding("customer.lastName", "************4444"),
                new CardNumberGuard.Finding("lines[1].title", "gift, card ************1111 exp 12/29"));
    }
}
