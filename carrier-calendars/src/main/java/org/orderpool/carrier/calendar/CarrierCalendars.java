package org.orderpool.carrier.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierService;
import org.orderpool.contracts.CutOffException;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.Weekday;
import org.orderpool.contracts.WeeklyCutOff;

/**
 * Carrier calendars between their three forms: the configuration file ops edit
 * ({@code carrier-calendars.json}: local times as {@code "HH:mm"}, dates as {@code "yyyy-MM-dd"}), the
 * {@link CarrierCalendar} records on the compacted {@code shipping.carrier-calendars} topic, and the
 * {@link CutOffCalendar} the scheduler computes with (its carrier offers are shipping-scheduler's own).
 */
public final class CarrierCalendars {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CarrierCalendars() {
    }

    /** The calendars of a configuration file; a mistake is reported with the carrier it is in. */
    public static List<CarrierCalendar> load(final InputStream file, final Instant updatedAt) {
        final JsonNode root;
        try {
            root = JSON.readTree(file);
        } catch (final IOException e) {
            throw new UncheckedIOException("carrier calendars are not valid JSON", e);
        }
        final List<CarrierCalendar> calendars = new ArrayList<>();
        for (final JsonNode node : root) {
            final String carrier = node.path("carrierId").asText("?");
            try {
                calendars.add(calendar(node, updatedAt));
            } catch (final DateTimeException | IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("carrier calendar of '" + carrier + "': " + e.getMessage(), e);
            }
        }
        return calendars;
    }

    public static CutOffCalendar toCutOffCalendar(final CarrierCalendar calendar) {
        final Map<DayOfWeek, LocalTime> weekly = new EnumMap<>(DayOfWeek.class);
        for (final WeeklyCutOff cutOff : calendar.getWeeklyCutOffs()) {
            if (cutOff.getDayOfWeek() != Weekday.UNKNOWN) {
                weekly.put(DayOfWeek.valueOf(cutOff.getDayOfWeek().name()), cutOff.getCutOffTime());
            }
        }
        final Map<LocalDate, Optional<LocalTime>> exceptions = new HashMap<>();
        for (final CutOffException exception : calendar.getExceptions()) {
            exceptions.put(exception.getDate(), Optional.ofNullable(exception.getCutOffTime()));
        }
        final ZoneId zone = ZoneId.of(calendar.getTimeZone());
        final Duration leadTime = Duration.ofMinutes(calendar.getPackingLeadTimeMinutes());
        return calendar.getCutOffEveryMinutes() == null
                ? new CutOffCalendar(zone, weekly, Set.copyOf(calendar.getHolidays()), exceptions, leadTime)
                : CutOffCalendar.repeating(zone, Duration.ofMinutes(calendar.getCutOffEveryMinutes()), Set.copyOf(calendar.getHolidays()),
                        exceptions, leadTime);
    }

    private static CarrierCalendar calendar(final JsonNode node, final Instant updatedAt) {
        final ZoneId zone = ZoneId.of(node.get("timeZone").asText());
        final List<WeeklyCutOff> weekly = new ArrayList<>();
        final Iterator<Map.Entry<String, JsonNode>> days = node.path("weeklyCutOffs").fields();
        while (days.hasNext()) {
            final Map.Entry<String, JsonNode> day = days.next();
            weekly.add(new WeeklyCutOff(Weekday.valueOf(day.getKey()), LocalTime.parse(day.getValue().asText())));
        }
        final Set<LocalDate> holidays = new HashSet<>();
        node.path("holidays").forEach(date -> holidays.add(LocalDate.parse(date.asText())));
        final List<CutOffException> exceptions = new ArrayList<>();
        node.path("exceptions").forEach(e -> exceptions.add(new CutOffException(LocalDate.parse(e.get("date").asText()),
                e.path("cutOff").isNull() || e.path("cutOff").isMissingNode() ? null : LocalTime.parse(e.get("cutOff").asText()),
                e.path("reason").isMissingNode() ? null : e.path("reason").asText())));
        final List<CarrierService> services = new ArrayList<>();
        node.get("services").forEach(s -> {
            final List<String> countries = new ArrayList<>();
            s.get("destinationCountries").forEach(c -> countries.add(c.asText()));
            services.add(new CarrierService(s.get("serviceCode").asText(), ShippingMethod.valueOf(s.get("shippingMethod").asText()),
                    s.get("maxParcelWeightGrams").asInt(), countries));
        });
        return CarrierCalendar.newBuilder()
                .setCarrierId(node.get("carrierId").asText())
                .setCarrierName(node.get("carrierName").asText())
                .setWarehouseId(node.get("warehouseId").asText())
                .setTimeZone(zone.getId())
                .setWeeklyCutOffs(weekly)
                .setHolidays(holidays.stream().sorted().toList())
                .setExceptions(exceptions)
                .setPackingLeadTimeMinutes(node.get("packingLeadTimeMinutes").asInt())
                .setCutOffEveryMinutes(node.hasNonNull("cutOffEveryMinutes") ? node.get("cutOffEveryMinutes").asInt() : null)
                .setServices(services)
                .setUpdatedAt(updatedAt)
                .build();
    }
}
