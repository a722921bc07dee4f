package org.orderpool.carrier.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierService;
import org.orderpool.contracts.CutOffException;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.Weekday;
import org.orderpool.contracts.WeeklyCutOff;
import org.orderpool.testing.Fixtures;

class CarrierCalendarValidatorTest {

    @Test
    void shouldAcceptAValidCalendarAndAPausedCarrier() {
        final CarrierCalendar paused = CarrierCalendar.newBuilder(Fixtures.calendar("colis-express")).setWeeklyCutOffs(List.of())
                .setExceptions(List.of()).build();

        assertThat(CarrierCalendarValidator.problems(paused)).as("no cut-off at all: the carrier is paused").isEmpty();
        assertThat(CarrierCalendarValidator.problems(Fixtures.calendar("colis-express"))).isEmpty();
    }

    @Test
    void shouldNameEveryFieldInError() {
        final CarrierCalendar invalid = CarrierCalendar.newBuilder(Fixtures.calendar("colis-express"))
                .setWarehouseId("../etc").setTimeZone("Mars/Olympus_Mons").setPackingLeadTimeMinutes(-5).setCutOffEveryMinutes(0)
                .setWeeklyCutOffs(List.of(new WeeklyCutOff(Weekday.MONDAY, LocalTime.of(15, 0)),
                        new WeeklyCutOff(Weekday.MONDAY, LocalTime.of(16, 0)), new WeeklyCutOff(Weekday.UNKNOWN, LocalTime.of(9, 0))))
                .setExceptions(List.of(new CutOffException(LocalDate.of(2026, 12, 24), LocalTime.of(12, 0, 30), "early")))
                .setServices(List.of(new CarrierService("CX-HOME", ShippingMethod.UNKNOWN, 0, List.of("fr")),
                        new CarrierService("CX-HOME", ShippingMethod.STANDARD, 1_000, List.of())))
                .build();

        assertThat(CarrierCalendarValidator.problems(invalid)).containsExactly(
                "warehouseId: '../etc' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
                "timeZone: 'Mars/Olympus_Mons' is not an IANA time zone",
                "weeklyCutOffs[1].dayOfWeek: MONDAY has a cut-off already",
                "weeklyCutOffs[2].dayOfWeek: must be a weekday, not UNKNOWN",
                "exceptions[0].cutOffTime: 12:00:30 is not a whole minute (a manifest is named by its cut-off's minute)",
                "packingLeadTimeMinutes: -5 is not between 0 and 1440",
                "cutOffEveryMinutes: 0 is not between 1 and 1440",
                "services[0].shippingMethod: must be a shipping method, not UNKNOWN",
                "services[0].maxParcelWeightGrams: 0 is not positive",
                "services[0].destinationCountries: 'fr' is not an ISO 3166-1 alpha-2 code",
                "services[1].serviceCode: CX-HOME is offered twice",
                "services[1].destinationCountries: a service delivers to at least one country");
        assertThatThrownBy(() -> CarrierCalendarValidator.requireValid(invalid))
                .hasMessageStartingWith("invalid carrier calendar of 'colis-express' at '../etc': warehouseId:");
    }
}
