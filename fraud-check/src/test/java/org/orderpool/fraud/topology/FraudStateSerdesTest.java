package org.orderpool.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.orderpool.fraud.domain.AssessedOrder;
import org.orderpool.fraud.domain.History;
import org.orderpool.fraud.domain.Observation;
import org.orderpool.fraud.domain.OrderFacts;
import org.orderpool.fraud.domain.OrderIdentities;
import org.orderpool.fraud.domain.Profile;
import org.orderpool.fraud.domain.ShopBasket;
import org.orderpool.runtime.CompactStateSerde;
import org.orderpool.runtime.JsonStateSerde;

class FraudStateSerdesTest {

    private static final String TOPIC = "fraud-check-fraud-histories-changelog";

    @Test
    void shouldReadBackAnObservationAndAHistoryWithItsProfile() {
        final Observation observation = new Observation("o-1", 1_800_000_000_000L, "shop-a", "fp_1", null, "jo@example.com",
                List.of("jo smith", "j smith"), true, "198.51.100.7", "fr|69003|12 rue des lilas");
        final History history = History.NONE.withOrder(1_800_000_000_000L, new OrderFacts("o-1", "shop-a", "jo@example.com",
                List.of("jo smith"), "fp_1", "497010", "FR", "198.51.100.7", "DE", "FR", "fr|1", true, 4_500, "EUR",
                "+33 6 12 34 56 78", true));

        assertThat(roundTrip(FraudStateSerdes.observations(), observation)).isEqualTo(observation);
        assertThat(roundTrip(FraudStateSerdes.histories(), history)).isEqualTo(history);
        assertThat(FraudStateSerdes.histories().serializer().serialize(TOPIC, history).length)
                .as("smaller than the JSON").isLessThan(new JsonStateSerde<>(History.class).serializer().serialize(TOPIC, history).length);
    }

    @Test
    void shouldReadBackAnAssessedOrderWithItsObservationAndTheIdentitiesItWasStoredAsBefore() throws IOException {
        final Observation observation = new Observation("o-1", 1_800_000_000_000L, "shop-a", "fp_1", "497010", null,
                List.of("jo smith"), false, "198.51.100.7", "fr|69003|12 rue des lilas");
        final AssessedOrder assessed = AssessedOrder.of(observation);
        final OrderIdentities identities = new OrderIdentities("shop-a", "fp_1", null, "fr|69003|12 rue des lilas");
        final byte[] json = new JsonStateSerde<>(OrderIdentities.class).serializer().serialize(TOPIC, identities);
        final ByteArrayOutputStream compact = new ByteArrayOutputStream(); // format 1, as fraud-check wrote identities before
        try (DataOutputStream out = new DataOutputStream(compact)) {
            out.writeByte(1);
            for (final String field : new String[] {"shop-a", "fp_1", null, "fr|69003|12 rue des lilas"}) {
                out.writeBoolean(field != null);
                if (field != null) {
                    out.writeUTF(field);
                }
            }
        }

        assertThat(roundTrip(FraudStateSerdes.assessedOrders(), assessed)).isEqualTo(assessed);
        assertThat(assessed.identities()).isEqualTo(identities);
        assertThat(List.of(json, compact.toByteArray())).allSatisfy(earlier -> assertThat(
                FraudStateSerdes.assessedOrders().deserializer().deserialize(TOPIC, earlier)).satisfies(read -> {
                    assertThat(read.identities()).isEqualTo(identities);
                    assertThat(read.observation()).as("its observation was not kept with it").isNull();
                }));
    }

    @Test
    void shouldReadBackAShopsBasketAndTheJsonItWasStoredAsBefore() {
        final ShopBasket basket = new ShopBasket(4_250, 37);
        final byte[] earlier = new JsonStateSerde<>(ShopBasket.class).serializer().serialize(TOPIC, basket);

        assertThat(roundTrip(FraudStateSerdes.baskets(), basket)).isEqualTo(basket);
        assertThat(FraudStateSerdes.baskets().deserializer().deserialize(TOPIC, earlier)).isEqualTo(basket);
    }

    @Test
    void shouldReadTheJsonAnEarlierFraudCheckWroteSoAPoolUpgradesInPlace() {
        final byte[] earlier = "{\"firstSeenAtMillis\":1,\"lastSeenAtMillis\":2,\"orders\":3,\"usualMinor\":4000}".getBytes();

        final History read = FraudStateSerdes.histories().deserializer().deserialize(TOPIC, earlier);

        assertThat(read).isEqualTo(new History(1, 2, 3, 4_000));
        assertThat(read.profile()).isEqualTo(Profile.EMPTY);
    }

    @Test
    void shouldReadAnObservationInTheFormatBeforeItNamedItsIpAndAddress() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeBoolean(true);
            out.writeUTF("o-1");
            out.writeLong(1_800_000_000_000L);
            out.writeBoolean(true);
            out.writeUTF("shop-a");
            out.writeBoolean(true);
            out.writeUTF("fp_1");
            out.writeBoolean(false);
            out.writeBoolean(true);
            out.writeUTF("jo@example.com");
            out.writeShort(1);
            out.writeBoolean(true);
            out.writeUTF("jo smith");
            out.writeBoolean(true);
        }

        assertThat(FraudStateSerdes.observations().deserializer().deserialize(TOPIC, bytes.toByteArray())).isEqualTo(
                new Observation("o-1", 1_800_000_000_000L, "shop-a", "fp_1", null, "jo@example.com", List.of("jo smith"), true));
    }

    @Test
    void shouldNameTheStoreAndTheFormatOfAValueItCannotRead() {
        assertThatThrownBy(() -> FraudStateSerdes.histories().deserializer().deserialize(TOPIC, new byte[] {9, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining(TOPIC).hasMessageContaining("unknown format 9");
    }

    private static <T> T roundTrip(final CompactStateSerde<T> serde, final T value) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, value));
    }
}
