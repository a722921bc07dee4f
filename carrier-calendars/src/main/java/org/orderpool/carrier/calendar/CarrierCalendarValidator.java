package org.orderpool.carrier.calendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierService;
import org.orderpool.contracts.CutOffException;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.Weekday;
import org.orderpool.contracts.WeeklyCutOff;

/**
 * What makes a carrier calendar one the scheduler can run on, checked where a calendar is published
 * ({@code CarrierCalendarPublisher}) and where it is read (the scheduler's calendar table, which
 * dead-letters an invalid record and keeps the carrier's last valid calendar). Each problem names its
 * field, for example {@code timeZone: 'Mars/Olympus_Mons' is not an IANA time zone}.
 *
 * <p>A calendar without a single cut-off (no weekly one, no repeating one, no exception with a pick-up)
 * is valid: the carrier is paused. Holidays are not checked: any date may be a day off.
 */
public final class CarrierCalendarValidator {

    /** Carrier and warehouse ids name slots, manifest ids and the carrier's drop folder: no separators, no dot first. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    /** The longest packing lead time a calendar may ask for: a day. */
    static final int MAX_LEAD_TIME_MINUTES = 24 * 60;

    private CarrierCalendarValidator() {
    }

    /** The calendar's problems, each naming its field; empty when it is valid. */
    public static List<String> problems(final CarrierCalendar calendar) {
        final List<String> problems = new ArrayList<>();
        id(calendar.getCarrierId(), "carrierId", problems);
        id(calendar.getWarehouseId(), "warehouseId", problems);
        if (isBlank(calendar.getCarrierName())) {
            problems.add("carrierName: must not be blank");
        }
        zone(calendar.getTimeZone(), problems);
        weekly(calendar.getWeeklyCutOffs(), problems);
        exceptions(calendar.getExceptions(), problems);
        final int lead = calendar.getPackingLeadTimeMinutes();
        if (lead < 0 || lead > MAX_LEAD_TIME_MINUTES) {
            problems.add("packingLeadTimeMinutes: " + lead + " is not between 0 and " + MAX_LEAD_TIME_MINUTES);
        }
        final Integer every = calendar.getCutOffEveryMinutes();
        final long longest = CutOffCalendar.LONGEST_REPEAT.toMinutes();
        if (every != null && (every < 1 || every > longest)) {
            problems.add("cutOffEveryMinutes: " + every + " is not between 1 and " + longest);
        }
        services(calendar.getServices(), problems);
        return problems;
    }

    /**
     * @throws IllegalArgumentException naming the carrier, the warehouse and every problem, when the calendar is invalid
     */
    public static CarrierCalendar requireValid(final CarrierCalendar calendar) {
        final List<String> problems = problems(calendar);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(describe(calendar, problems));
        }
        return calendar;
    }

    /** One line for a log or an error: which calendar, and what is wrong with it. */
    public static String describe(final CarrierCalendar calendar, final List<String> problems) {
        return "invalid carrier calendar of '" + calendar.getCarrierId() + "' at '" + calendar.getWarehouseId() + "': "
                + String.join("; ", problems);
    }

    private static void id(final String id, final String field, final List<String> problems) {
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(field + ": '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit");
        }
    }

    private static void zone(final String zone, final List<String> problems) {
        try {
            ZoneId.of(zone);
        } catch (final DateTimeException | NullPointerException e) {
            problems.add("timeZone: '" + zone + "' is not an IANA time zone");
        }
    }

    private static void weekly(final List<WeeklyCutOff> weekly, final List<String> problems) {
        final Set<Weekday> days = new HashSet<>();
        for (int i = 0; i < weekly.size(); i++) {
            final WeeklyCutOff cutOff = weekly.get(i);
            final String field = "weeklyCutOffs[" + i + "]";
            if (cutOff.getDayOfWeek() == null || cutOff.getDayOfWeek() == Weekday.UNKNOWN) {
                problems.add(field + ".dayOfWeek: must be a weekday, not " + cutOff.getDayOfWeek());
            } else if (!days.add(cutOff.getDayOfWeek())) {
                problems.add(field + ".dayOfWeek: " + cutOff.getDayOfWeek() + " has a cut-off already");
            }
            wholeMinute(cutOff.getCutOffTime(), field + ".cutOffTime", problems);
        }
    }

    private static void exceptions(final List<CutOffException> exceptions, final List<String> problems) {
        final Set<LocalDate> dates = new HashSet<>();
        for (int i = 0; i < exceptions.size(); i++) {
            final CutOffException exception = exceptions.get(i);
            final String field = "exceptions[" + i + "]";
            if (exception.getDate() == null) {
                problems.add(field + ".date: missing");
            } else if (!dates.add(exception.getDate())) {
                problems.add(field + ".date: " + exception.getDate() + " has an exception already");
            }
            if (exception.getCutOffTime() != null) {
                wholeMinute(exception.getCutOffTime(), field + ".cutOffTime", problems);
            }
        }
    }

    private static void wholeMinute(final LocalTime time, final String field, final List<String> problems) {
        if (time == null) {
            problems.add(field + ": missing");
        } else if (time.getSecond() != 0 || time.getNano() != 0) {
            problems.add(field + ": " + time + " is not a whole minute (a manifest is named by its cut-off's minute)");
        }
    }

    private static void services(final List<CarrierService> services, final List<String> problems) {
        if (services.isEmpty()) {
            problems.add("services: a carrier offers at least one service");
        }
        final Set<String> codes = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            final CarrierService service = services.get(i);
            final String field = "services[" + i + "]";
            if (isBlank(service.getServiceCode())) {
                problems.add(field + ".serviceCode: must not be blank");
            } else if (!codes.add(service.getServiceCode())) {
                problems.add(field + ".serviceCode: " + service.getServiceCode() + " is offered twice");
            }
            if (service.getShippingMethod() == null || service.getShippingMethod() == ShippingMethod.UNKNOWN) {
                problems.add(field + ".shippingMethod: must be a shipping method, not " + service.getShippingMethod());
            }
            if (service.getMaxParcelWeightGrams() <= 0) {
                problems.add(field + ".maxParcelWeightGrams: " + service.getMaxParcelWeightGrams() + " is not positive");
            }
            if (service.getDestinationCountries().isEmpty()) {
                problems.add(field + ".destinationCountries: a service delivers to at least one country");
            }
            for (final String country : service.getDestinationCountries()) {
                if (country == null || !COUNTRY.matcher(country).matches()) {
                    problems.add(field + ".destinationCountries: '" + country + "' is not an ISO 3166-1 alpha-2 code");
                }
            }
        }
    }

    private static boolean isBlank(final String text) {
        return text == null || text.isBlank();
    }
}
