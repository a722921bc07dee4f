package org.orderpool.shipping;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;

class CarrierCalendarPublisherTest {

    @Test
    void shouldRefuseAnInvalidCalendarBeforeSendingAnything() {
        final CarrierCalendar invalid = CarrierCalendar.newBuilder(Fixtures.calendar("relais-pro")).setTimeZone("Mars/Olympus_Mons")
                .setPackingLeadTimeMinutes(-5).build();

        // No broker listens there: an attempt to send would fail differently, after a minute.
        assertThatThrownBy(() -> CarrierCalendarPublisher.publish("localhost:1", new BoundTopics(AvroSerdes.inMemory(), ""),
                List.of(Fixtures.calendar("colis-express"), invalid)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing published")
                .hasMessageContaining("invalid carrier calendar of 'relais-pro' at 'pool-wh-1'")
                .hasMessageContaining("timeZone: 'Mars/Olympus_Mons' is not an IANA time zone")
                .hasMessageContaining("packingLeadTimeMinutes: -5 is not between 0 and 1440")
                .hasMessageNotContaining("'colis-express'");
    }
}
