package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadableTest {

    @Test
    void shouldSayADurationAsPeopleWriteIt() {
        assertThat(Readable.duration(Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(Readable.duration(Duration.ofMinutes(30))).isEqualTo("30 min");
        assertThat(Readable.duration(Duration.ofDays(366))).isEqualTo("366 days");
    }

    @Test
    void shouldSayAnAgeRoundedDown() {
        assertThat(Readable.age(Duration.ofSeconds(59))).isEqualTo("0 min");
        assertThat(Readable.age(Duration.ofMinutes(90))).isEqualTo("1 h");
        assertThat(Readable.age(Duration.ofDays(12).plusHours(5))).isEqualTo("12 days");
    }

    @Test
    void shouldSayAnAmountWithItsCurrencysDecimals() {
        assertThat(Readable.amount(15_000, "EUR")).isEqualTo("150.00 EUR");
        assertThat(Readable.amount(1_505, "EUR")).isEqualTo("15.05 EUR");
        assertThat(Readable.amount(1_500, "JPY")).isEqualTo("1500 JPY");
        assertThat(Readable.amount(1_500, "XYZ")).as("an unknown currency keeps two decimals").isEqualTo("15.00 XYZ");
    }
}
