package org.orderpool.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingReferencesTest {

    /** References printed on labels already: the same parcel planned again must get the same one, so they never change. */
    @Test
    void shouldGiveEveryParcelTheReferenceItWasGivenBefore() {
        assertThat(TrackingReferences.of("colis-express", "o-1-1")).isEqualTo("CE761310134838");
        assertThat(TrackingReferences.of("relais-pro", "ord-3d7c8147-1d7a-3ed7-bea0-b523e9ca0219-2")).isEqualTo("RP786295036374");
        assertThat(TrackingReferences.of("dhl", "x")).isEqualTo("D879871479876");
        assertThat(TrackingReferences.of("la-poste_2", "é-1")).isEqualTo("LP2515325172899");
        assertThat(TrackingReferences.of("ups", "o-heavy-2")).isEqualTo("U684348522257");
    }

    @Test
    void shouldPadTheDigitsToTwelve() {
        for (int i = 0; i < 2_000; i++) {
            assertThat(TrackingReferences.of("colis-express", "o-" + i + "-1")).matches("CE\\d{12}");
        }
    }
}
