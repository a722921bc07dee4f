package org.orderpool.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.testing.Fixtures;

class CardNumberGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444",
            "378282246310005", "6011000990139424", "6222020000000000000"})
    void shouldRecogniseCardNumbersOf14To19DigitsPassingLuhn(final String pan) {
        assertThat(CardNumberGuard.containsCardNumber("paid with " + pan + " yesterday")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "411111111111", "41111111111111111111", "+33 6 12 34 56 78", "ORDER-2026-000123",
            "1234-5678"})
    void shouldLeaveOtherNumbersAlone(final String text) {
        assertThat(CardNumberGuard.containsCardNumber(text)).isFalse();
        assertThat(CardNumberGuard.mask(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4000000000000000006", "2221000000000009", "2720000000000005", "5105105105105100",
            "371449635398431", "6440000000000005", "6500000000000002", "6011000000000000001", "3530111333300000",
            "3589000000000000009", "30569309025904", "36227206271667", "38520000023237", "3600000000000000004",
            "6200000000000005", "6200000000000000000", "6759649826438453", "5018000000000009", "5020000000003",
            "6304000000000000", "6763000000000004"})
    void shouldRecogniseEveryNetworkByItsPrefixAndLengths(final String pan) {
        assertThat(CardNumberGuard.containsCardNumber(pan)).as(pan).isTrue();
        assertThat(CardNumberGuard.mask(pan)).isEqualTo("*".repeat(pan.length() - 4) + pan.substring(pan.length() - 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+49 156 96209498", "4222222222222", "4000000000006"})
    void shouldTakeNoThirteenDigitNumberStartingWithFourForAVisaCardSinceVisaIssuesNoneAnyMore(final String text) {
        // a German mobile number (+49 15x, 13 digits) passes Luhn one time in ten: this one does
        assertThat(CardNumberGuard.containsCardNumber("call me on " + text)).as(text).isFalse();
        assertThat(CardNumberGuard.mask(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HID1796153229267-C", "1796153229267", "9000000000000001", "1000000000000008", "8000000000000003",
            "700000000000003", "2000000000000006", "3700000000000007", "550000000000004"})
    void shouldLeaveADigitRunThatPassesLuhnButFitsNoCardNetworkAlone(final String text) {
        assertThat(CardNumberGuard.containsCardNumber(text)).as(text).isFalse();
        assertThat(CardNumberGuard.mask(text)).isEqualTo(text);
    }

    @Test
    void shouldLeaveIdentifiersThatPlatformsGenerateAlone() {
        // identifiers platforms generate are never scanned, even one that would pass for a card number
        final SubmittedOrder order = Fixtures.order("o-1").channel(SalesChannel.SHOPIFY).line("SKU-TEA-01", 1).submitted();
        order.setShopOrderRef("4012888888881881");
        order.setPlatformEventId("4012888888881881");
        order.getLines().get(0).setLineId("4012888888881881");
        order.getCustomer().setShopCustomerId("4012888888881881");

        assertThat(CardNumberGuard.scan(order)).isEmpty();

        order.getCustomer().setFirstName("4012888888881881");
        assertThat(CardNumberGuard.scan(order)).extracting(CardNumberGuard.Finding::field).containsExactly("customer.firstName");
    }

    @Test
    void shouldScanARefTheShopChoseItself() {
        final SubmittedOrder order = Fixtures.order("o-1").channel(SalesChannel.KAFKA).line("SKU-TEA-01", 1).submitted();
        order.setShopOrderRef("4012888888881881");

        assertThat(CardNumberGuard.scan(order)).extracting(CardNumberGuard.Finding::field).containsExactly("shopOrderRef");
        assertThat(CardNumberGuard.maskRef(SalesChannel.KAFKA, "4012888888881881")).isEqualTo("************1881");
        assertThat(CardNumberGuard.maskRef(SalesChannel.SHOPIFY, "4012888888881881")).isEqualTo("4012888888881881");
        assertThat(CardNumberGuard.maskRef(SalesChannel.SHOPIFY, "4111 1111 1111 1111")).as("not a platform's numeric id")
                .isEqualTo("************1111");
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
