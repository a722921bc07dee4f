package org.orderpool.stock.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.orderpool.runtime.JsonStateSerde;
import org.orderpool.stock.domain.HoldBook;
import org.orderpool.stock.domain.OrderReservation;
import org.orderpool.stock.domain.ShopStockPolicy;
import org.orderpool.stock.domain.SkuLedger;

class StockStateSerdesTest {

    private static final String TOPIC = "stock-reservation-stock-ledgers-changelog";

    private static final SkuLedger.Snapshot LEDGER = new SkuLedger.Snapshot("SKU-A", 3, 40, 12,
            new LinkedHashMap<>(Map.of("shop-a", 9, "shop-b", 3)),
            List.of(new SkuLedger.WaitingOrder("o-7", "shop-a", 5, null), new SkuLedger.WaitingOrder("o-8", "shop-b", 2, 0.25)),
            true);
    private static final OrderReservation.Snapshot RESERVATION = new OrderReservation.Snapshot("o-1", "shop-a",
            List.of(new OrderReservation.Line("SKU-A", 2), new OrderReservation.Line("SKU-B", 1)),
            new ShopStockPolicy(ShopStockPolicy.Shortage.BACKORDER, Duration.ofMinutes(90).plusNanos(7), 0.5),
            OrderReservation.State.BACKORDERED, 3, new LinkedHashMap<>(Map.of("SKU-A", true, "SKU-B", false)),
            Instant.parse("2026-12-03T10:15:30.123456789Z"), List.of("SKU-A"), true, false, Instant.parse("2026-12-03T10:16:00Z"));

    @Test
    void shouldReadBackALedgerWithItsShopsAndItsQueue() {
        assertThat(roundTrip(StockStateSerdes.ledgers(), LEDGER)).isEqualTo(LEDGER);
        final SkuLedger.Snapshot empty = new SkuLedger.Snapshot("SKU-B", 0, 0, 0, Map.of(), List.of(), false);
        assertThat(roundTrip(StockStateSerdes.ledgers(), empty)).isEqualTo(empty);
    }

    @Test
    void shouldReadBackAHold() {
        final HoldBook.Hold hold = new HoldBook.Hold("shop-a", 4, 2);

        assertThat(roundTrip(StockStateSerdes.holds(), hold)).isEqualTo(hold);
    }

    @Test
    void shouldReadBackAReservationToTheNanosecondAndACancellationThatCameFirst() {
        final StoredOrderSerde.Fields reserved = new StoredOrderSerde.Fields(RESERVATION, false, 1_800_000_000_000L);
        final StoredOrderSerde.Fields bare = new StoredOrderSerde.Fields(new OrderReservation.Snapshot("o-2", "shop-b",
                List.of(new OrderReservation.Line("SKU-C", 1)), null, OrderReservation.State.PENDING, 0, Map.of(), null,
                List.of(), false, true, null), false, 5L);
        final StoredOrderSerde.Fields cancelledFirst = new StoredOrderSerde.Fields(null, true, 7L);

        assertThat(roundTrip(StockStateSerdes.storedOrderFields(), reserved)).isEqualTo(reserved);
        assertThat(roundTrip(StockStateSerdes.storedOrderFields(), bare)).isEqualTo(bare);
        assertThat(roundTrip(StockStateSerdes.storedOrderFields(), cancelledFirst)).isEqualTo(cancelledFirst);
    }

    @Test
    void shouldReadTheJsonAnEarlierStockReservationWroteSoAPoolUpgradesInPlace() {
        final StoredOrderSerde.Fields reserved = new StoredOrderSerde.Fields(RESERVATION, false, 1_800_000_000_000L);
        final HoldBook.Hold hold = new HoldBook.Hold("shop-a", 4, 2);

        assertThat(fromEarlierJson(StockStateSerdes.ledgers(), SkuLedger.Snapshot.class, LEDGER)).isEqualTo(LEDGER);
        assertThat(fromEarlierJson(StockStateSerdes.holds(), HoldBook.Hold.class, hold)).isEqualTo(hold);
        assertThat(fromEarlierJson(StockStateSerdes.storedOrderFields(), StoredOrderSerde.Fields.class, reserved))
                .isEqualTo(reserved);
    }

    @Test
    void shouldWriteBackEmptyTheListsAnOlderLedgerDidNotHave() {
        final byte[] older = "{\"sku\":\"SKU-A\",\"lowStockThreshold\":1,\"onHand\":5,\"reserved\":2}".getBytes(StandardCharsets.UTF_8);
        final Serde<SkuLedger.Snapshot> serde = StockStateSerdes.ledgers();

        final SkuLedger.Snapshot read = serde.deserializer().deserialize(TOPIC, older);

        assertThat(roundTrip(serde, read)).isEqualTo(new SkuLedger.Snapshot("SKU-A", 1, 5, 2, Map.of(), List.of(), false));
    }

    @Test
    void shouldBeSmallerThanTheJson() {
        final StoredOrderSerde.Fields reserved = new StoredOrderSerde.Fields(RESERVATION, false, 1_800_000_000_000L);

        assertThat(StockStateSerdes.storedOrderFields().serializer().serialize(TOPIC, reserved).length).as("a reservation")
                .isLessThan(new JsonStateSerde<>(StoredOrderSerde.Fields.class).serializer().serialize(TOPIC, reserved).length / 2);
        assertThat(StockStateSerdes.ledgers().serializer().serialize(TOPIC, LEDGER).length).as("a ledger")
                .isLessThan(new JsonStateSerde<>(SkuLedger.Snapshot.class).serializer().serialize(TOPIC, LEDGER).length / 2);
    }

    @Test
    void shouldNameTheStoreAndWhatItCouldNotRead() {
        final byte[] ledger = StockStateSerdes.ledgers().serializer().serialize(TOPIC, LEDGER);
        final byte[] cut = java.util.Arrays.copyOf(ledger, ledger.length - 3);

        assertThatThrownBy(() -> StockStateSerdes.ledgers().deserializer().deserialize(TOPIC, cut))
                .isInstanceOf(SerializationException.class).hasMessageContaining(TOPIC).hasMessageContaining("format 1");
        assertThatThrownBy(() -> StockStateSerdes.holds().deserializer().deserialize(TOPIC, new byte[] {2, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format 2");
    }

    private static <T> T roundTrip(final Serde<T> serde, final T value) {
        final byte[] bytes = serde.serializer().serialize(TOPIC, value);
        assertThat(bytes[0]).as("the compact form, not JSON").isEqualTo((byte) 1);
        return serde.deserializer().deserialize(TOPIC, bytes);
    }

    private static <T> T fromEarlierJson(final Serde<T> serde, final Class<T> type, final T value) {
        final byte[] json = new JsonStateSerde<>(type).serializer().serialize(TOPIC, value);
        assertThat(json[0]).isEqualTo((byte) '{');
        return serde.deserializer().deserialize(TOPIC, json);
    }
}
