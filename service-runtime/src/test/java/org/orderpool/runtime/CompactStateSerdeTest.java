package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CompactStateSerdeTest {

    private static final String TOPIC = "app-store-changelog";

    record Parcel(String id, Instant at, Duration delay, Double share, Boolean fragile, Kind kind) {
    }

    enum Kind { SMALL, LARGE }

    /** Format 1 had no share; format 2 added it. */
    private static CompactStateSerde<Parcel> serde() {
        return CompactStateSerde.of(Parcel.class, (byte) 1, (byte) 2, (out, p) -> {
            CompactFields.text(out, p.id());
            CompactFields.instant(out, p.at());
            CompactFields.duration(out, p.delay());
            CompactFields.flag(out, p.fragile());
            CompactFields.constant(out, p.kind());
            CompactFields.decimal(out, p.share());
        }, (format, in) -> {
            final String id = CompactFields.text(in);
            final Instant at = CompactFields.instant(in);
            final Duration delay = CompactFields.duration(in);
            final Boolean fragile = CompactFields.flag(in);
            final Kind kind = CompactFields.constant(in, Kind.class);
            return new Parcel(id, at, delay, format == 1 ? null : CompactFields.decimal(in), fragile, kind);
        });
    }

    @Test
    void shouldReadBackEveryFieldAndEveryNull() {
        final Parcel full = new Parcel("p-1", Instant.parse("2026-12-03T10:15:30.000000001Z"), Duration.ofSeconds(5, 3), 0.25,
                true, Kind.LARGE);
        final Parcel empty = new Parcel(null, null, null, null, null, null);

        assertThat(roundTrip(full)).isEqualTo(full);
        assertThat(roundTrip(empty)).isEqualTo(empty);
        assertThat(serde().serializer().serialize(TOPIC, full)[0]).isEqualTo((byte) 2);
    }

    @Test
    void shouldKeepATextTooLongForWriteUtf() {
        final Parcel longId = new Parcel("é".repeat(40_000), null, null, null, null, null);

        assertThat(roundTrip(longId)).isEqualTo(longId);
    }

    @Test
    void shouldReadAnEarlierFormatAndTheJsonBeforeIt() {
        final byte[] first = {1, 1, 0, 3, 'p', '-', '2', 0, 0, 0, 0};
        final byte[] json = "{\"id\":\"p-3\",\"kind\":\"SMALL\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(serde().deserializer().deserialize(TOPIC, first)).isEqualTo(new Parcel("p-2", null, null, null, false, null));
        assertThat(serde().deserializer().deserialize(TOPIC, json)).isEqualTo(new Parcel("p-3", null, null, null, null, Kind.SMALL));
    }

    @Test
    void shouldRefuseAFormatItDoesNotKnowNamingTheTopic() {
        assertThatThrownBy(() -> serde().deserializer().deserialize(TOPIC, new byte[] {3})).isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC).hasMessageContaining("unknown format 3");
        assertThatThrownBy(() -> serde().deserializer().deserialize(TOPIC, new byte[0])).isInstanceOf(SerializationException.class)
                .hasMessageContaining("(empty)");
        assertThatThrownBy(() -> serde().deserializer().deserialize(TOPIC, new byte[] {2, 1, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("3 bytes, format 2");
        final byte[] longer = java.util.Arrays.copyOf(serde().serializer().serialize(TOPIC, new Parcel("p-1", null, null, null,
                null, null)), 20);
        assertThatThrownBy(() -> serde().deserializer().deserialize(TOPIC, longer)).isInstanceOf(SerializationException.class)
                .hasRootCauseMessage("8 bytes left over after the fields of format 2");
    }

    @Test
    void shouldLeaveATombstoneATombstone() {
        assertThat(serde().serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde().deserializer().deserialize(TOPIC, null)).isNull();
    }

    private static Parcel roundTrip(final Parcel parcel) {
        return serde().deserializer().deserialize(TOPIC, serde().serializer().serialize(TOPIC, parcel));
    }
}
