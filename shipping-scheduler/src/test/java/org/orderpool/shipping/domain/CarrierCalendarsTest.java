package org.orderpool.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.testing.Fixtures;

class CarrierCalendarsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void shouldLoadThePoolsCarrierCalendarsFromTheirFile() {
        final List<CarrierCalendar> calendars = CarrierCalendars.load(
                CarrierCalendarsTest.class.getResourceAsStream("/carrier-calendars.json"), NOW);

        assertThat(calendars).extracting(CarrierCalendar::getCarrierId).containsExactly("colis-express", "relais-pro");
        final CutOffCalendar colis = CarrierCalendars.toCutOffCalendar(calendars.get(0));
        assertThat(colis.cutOffsOn(LocalDate.of(2026, 12, 24))).contains(Instant.parse("2026-12-24T11:00:00Z"));
        assertThat(colis.cutOffsOn(LocalDate.of(2026, 12, 31))).isEmpty();
        assertThat(colis.cutOffsOn(LocalDate.of(2026, 12, 25))).isEmpty();
        assertThat(colis.nextCutOff(Instant.parse("2026-11-20T14:00:00Z"))).as("Friday too late: Monday")
                .contains(Instant.parse("2026-11-23T14:00:00Z"));
        final CutOffCalendar relais = CarrierCalendars.toCutOffCalendar(calendars.get(1));
        assertThat(relais.cutOffsOn(LocalDate.of(2026, 11, 21))).as("Saturday 11:00").contains(Instant.parse("2026-11-21T10:00:00Z"));
    }

    @Test
    void shouldOfferTheServicesOfEachCalendar() {
        final List<CarrierOffer> offers = CarrierCalendars.offers(Fixtures.calendar("colis-express"));

        assertThat(offers).extracting(CarrierOffer::serviceCode).containsExactly("CX-HOME", "CX-EXPRESS");
        assertThat(offers.get(1).serves("FR")).isTrue();
        assertThat(offers.get(1).serves("DE")).isFalse();
    }

    @Test
    void shouldRoundTripTheContractsCalendarIntoTheSameCutOffs() {
        final CutOffCalendar calendar = CarrierCalendars.toCutOffCalendar(Fixtures.calendar("colis-express"));

        assertThat(calendar.cutOffsOn(LocalDate.of(2026, 12, 24))).contains(Instant.parse("2026-12-24T11:00:00Z"));
        assertThat(calendar.packingLeadTime().toMinutes()).isEqualTo(30);
    }

    @Test
    void shouldNameTheCarrierWhoseCalendarIsWrong() {
        final String broken = "[{\"carrierId\": \"bad-carrier\", \"carrierName\": \"Bad\", \"warehouseId\": \"w\", \"timeZone\": \"Europe/Pariss\","
                + " \"weeklyCutOffs\": {}, \"packingLeadTimeMinutes\": 0, \"services\": []}]";

        assertThatThrownBy(() -> CarrierCalendars.load(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), NOW))
                .hasMessageContaining("carrier calendar of 'bad-carrier'").hasMessageContaining("Europe/Pariss");
    }
}
