package org.orderpool.carrier.calendar;

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
    void shouldLoadACalendarFileWithItsWeeklyCutOffsHolidaysExceptionsAndServices() {
        final String file = "[{\"carrierId\": \"colis-express\", \"carrierName\": \"Colis Express\", \"warehouseId\": \"wh-1\","
                + " \"timeZone\": \"Europe/Paris\", \"weeklyCutOffs\": {\"MONDAY\": \"15:00\", \"FRIDAY\": \"14:00\"},"
                + " \"holidays\": [\"2026-12-25\"], \"exceptions\": [{\"date\": \"2026-12-24\", \"cutOff\": \"12:00\", \"reason\": \"Eve\"},"
                + " {\"date\": \"2026-12-28\", \"cutOff\": null}], \"packingLeadTimeMinutes\": 30,"
                + " \"services\": [{\"serviceCode\": \"CX-HOME\", \"shippingMethod\": \"STANDARD\", \"maxParcelWeightGrams\": 30000,"
                + " \"destinationCountries\": [\"FR\", \"BE\"]}]}]";

        final List<CarrierCalendar> calendars = CarrierCalendars.load(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), NOW);

        assertThat(calendars).hasSize(1);
        final CarrierCalendar calendar = calendars.get(0);
        assertThat(calendar.getUpdatedAt()).isEqualTo(NOW);
        assertThat(calendar.getServices()).singleElement().satisfies(s -> assertThat(s.getDestinationCountries()).containsExactly("FR", "BE"));
        final CutOffCalendar cutOffs = CarrierCalendars.toCutOffCalendar(calendar);
        assertThat(cutOffs.cutOffsOn(LocalDate.of(2026, 11, 23))).as("a Monday in winter").contains(Instant.parse("2026-11-23T14:00:00Z"));
        assertThat(cutOffs.cutOffsOn(LocalDate.of(2026, 12, 24))).as("the exception wins").contains(Instant.parse("2026-12-24T11:00:00Z"));
        assertThat(cutOffs.cutOffsOn(LocalDate.of(2026, 12, 25))).as("a holiday").isEmpty();
        assertThat(cutOffs.cutOffsOn(LocalDate.of(2026, 12, 28))).as("an exception without a pick-up").isEmpty();
        assertThat(cutOffs.packingLeadTime().toMinutes()).isEqualTo(30);
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
