package org.orderpool.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.carrier.calendar.CarrierCalendarValidator;
import org.orderpool.carrier.calendar.CarrierCalendars;
import org.orderpool.carrier.calendar.CutOffCalendar;
import org.orderpool.contracts.CarrierCalendar;

/** The pool's calendars as shipping-scheduler ships them ({@code carrier-calendars.json}, which the publisher sends). */
class ShippedCarrierCalendarsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void shouldLoadThePoolsCarrierCalendarsFromTheirFile() throws Exception {
        final List<CarrierCalendar> calendars = shipped(NOW);

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
    void shouldShipOnlyValidCalendars() throws Exception {
        assertThat(shipped(Instant.EPOCH)).isNotEmpty()
                .allSatisfy(calendar -> assertThat(CarrierCalendarValidator.problems(calendar)).isEmpty());
    }

    private static List<CarrierCalendar> shipped(final Instant updatedAt) throws Exception {
        try (InputStream file = ShippedCarrierCalendarsTest.class.getResourceAsStream("/carrier-calendars.json")) {
            assertThat(file).as("carrier-calendars.json on shipping-scheduler's class path").isNotNull();
            return CarrierCalendars.load(file, updatedAt);
        }
    }
}
