package org.orderpool.fraud.domain;

import java.time.Duration;
import java.util.Currency;
import java.util.Locale;

/** Durations and amounts as a reason shows them to an operator: 4 h, 10 min, 2 h 30 min; 150.00 EUR. */
public final class Readable {

    private Readable() {
    }

    public static String duration(final Duration duration) {
        final long days = duration.toDays();
        final long hours = duration.toHours();
        final int minutes = duration.toMinutesPart();
        if (hours == 0 && minutes == 0) {
            return duration.toSeconds() + " s";
        }
        if (hours > 48 && minutes == 0 && duration.toHoursPart() == 0) {
            return days + " days";
        }
        return hours == 0 ? minutes + " min" : minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
    }

    /** An age for "first seen ... ago": minutes, hours or days, rounded down. */
    public static String age(final Duration age) {
        if (age.toMinutes() < 60) {
            return age.toMinutes() + " min";
        }
        return age.toHours() < 48 ? age.toHours() + " h" : age.toDays() + " days";
    }

    /** An amount in minor units with its currency's decimals: 15000 EUR is 150.00 EUR. */
    public static String amount(final long minor, final String currency) {
        final int digits = fractionDigits(currency);
        final String sign = minor < 0 ? "-" : "";
        final long abs = Math.abs(minor);
        if (digits == 0) {
            return sign + abs + " " + currency;
        }
        final long unit = (long) Math.pow(10, digits);
        return String.format(Locale.ROOT, "%s%d.%0" + digits + "d %s", sign, abs / unit, abs % unit, currency);
    }

    private static int fractionDigits(final String currency) {
        if (currency == null) {
            return 2;
        }
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (final IllegalArgumentException unknown) {
            return 2;
        }
    }
}
