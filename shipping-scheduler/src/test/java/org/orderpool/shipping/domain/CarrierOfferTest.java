package org.orderpool.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.testing.Fixtures;

class CarrierOfferTest {

    @Test
    void shouldOfferTheServicesOfEachCalendar() {
        final List<CarrierOffer> offers = CarrierOffer.of(Fixtures.calendar("colis-express"));

        assertThat(offers).extracting(CarrierOffer::serviceCode).containsExactly("CX-HOME", "CX-EXPRESS");
        assertThat(offers.get(1).serves("FR")).isTrue();
        assertThat(offers.get(1).serves("DE")).isFalse();
    }
}
