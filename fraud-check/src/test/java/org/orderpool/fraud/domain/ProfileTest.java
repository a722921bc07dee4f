package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void shouldRememberTheCustomersCardsCountriesAddressesAndLastPhone() {
        final Profile profile = Profile.EMPTY.with(order("fp_1", "FR", "FR", "fr|1", "+33 6 12 34 56 78"));

        assertThat(profile.known()).isTrue();
        assertThat(profile.usedCard("fp_1")).isTrue();
        assertThat(profile.usedCard("fp_2")).isFalse();
        assertThat(profile.paidFrom("FR")).isTrue();
        assertThat(profile.orderedFrom("RO")).isFalse();
        assertThat(profile.shippedTo("fr|1")).isTrue();
        assertThat(profile.otherPhone("06 12 34 56 78")).as("the same national number").isFalse();
        assertThat(profile.otherPhone("+33 7 00 00 00 01")).isTrue();
        assertThat(profile.otherPhone(null)).as("no phone given").isFalse();
    }

    @Test
    void shouldKeepOnlyTheLatestFourOfEachKind() {
        Profile profile = Profile.EMPTY;
        for (int i = 0; i < 6; i++) {
            profile = profile.with(order("fp_" + i, "FR", "FR", "fr|" + i, null));
        }
        profile = profile.with(order("fp_5", "FR", "FR", "fr|5", null));

        assertThat(profile.cards()).hasSize(Profile.KEEP);
        assertThat(profile.usedCard("fp_5")).isTrue();
        assertThat(profile.usedCard("fp_1")).as("forgotten: the oldest").isFalse();
        assertThat(profile.cardCountries()).containsExactly("FR");
        assertThat(profile.phone()).isZero();
    }

    @Test
    void shouldKeepTheProfileInTheEmailsHistoryOnly() {
        final History email = History.NONE.withOrder(1_000, order("fp_1", "FR", "DE", "fr|1", null));

        assertThat(email.profile().orderedFrom("DE")).isTrue();
        assertThat(History.NONE.with(1_000, 4_000).profile()).isEqualTo(Profile.EMPTY);
    }

    private static OrderFacts order(final String card, final String cardCountry, final String ipCountry, final String address,
                                    final String phone) {
        return new OrderFacts("o-1", "shop-a", "jo@example.com", List.of("jo smith"), card, "497010", cardCountry, "198.51.100.7",
                ipCountry, "FR", address, true, 4_500, "EUR", phone, false);
    }
}
