package org.orderpool.dashboard.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.FraudListAction;
import org.orderpool.contracts.FraudListEntry;
import org.orderpool.contracts.FraudListEntryType;
import org.orderpool.contracts.FraudListKey;
import org.orderpool.contracts.OpsAuditRecord;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockMovementType;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.PipelineView;
import org.orderpool.dashboard.RecordingConsoleRecords;
import org.orderpool.dashboard.actions.CalendarExceptionActions.ExceptionRequest;
import org.orderpool.dashboard.actions.FraudListActions.AddRequest;
import org.orderpool.dashboard.actions.FraudListActions.RemoveRequest;
import org.orderpool.dashboard.actions.OrderAndStockActions.CancelRequest;
import org.orderpool.dashboard.actions.OrderAndStockActions.StockRequest;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;

/** Each operator action's rules: what it writes, its audit record, and its field-level refusals (which write nothing). */
class OperatorActionsTest {

    static final Instant NOW = Instant.parse("2026-12-02T13:55:00Z"); // a Wednesday, 14:55 in Paris

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private final RecordingConsoleRecords records = new RecordingConsoleRecords();
    private final PipelineView view = new PipelineView();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ConsoleActions actions = new ConsoleActions(records, topics, view::audited, clock);
    private final FraudListActions lists = new FraudListActions(topics, view, clock);
    private final OrderAndStockActions ordersAndStock = new OrderAndStockActions(topics, view, clock);
    private final CalendarExceptionActions calendars = new CalendarExceptionActions(topics, view, clock);

    @Test
    void shouldAddABlockEntryInFraudChecksCanonicalFormAndRemoveItWithATombstone() {
        actions.perform("act-add-0001", ConsoleActionsTest.OPS, id -> lists.add(id,
                new AddRequest("email", " Fraud.Ring@Example.ORG ", "block", "chargebacks", "2027-01-01T00:00:00Z", null), "ops"));

        final FraudListEntry entry = records.values(topics, Topics.FRAUD_LISTS).get(0);
        assertThat(entry.getValue()).isEqualTo("fraud.ring@example.org");
        assertThat(entry.getAction()).isEqualTo(FraudListAction.BLOCK);
        assertThat(entry.getAddedBy()).isEqualTo("ops");
        assertThat(entry.getExpiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        final FraudListKey key = new FraudListKey(FraudListEntryType.EMAIL, "fraud.ring@example.org");
        view.onFraudListEntry(key, entry);

        actions.perform("act-remove-01", ConsoleActionsTest.OPS, id -> lists.remove(id,
                new RemoveRequest("EMAIL", "fraud.ring@example.org", "paid back", null)));

        assertThat(records.values(topics, Topics.FRAUD_LISTS)).hasSize(2).last().isNull();
        final OpsAuditRecord removal = records.values(topics, Topics.OPS_AUDIT).get(1);
        assertThat(removal.getBefore()).contains("fraud.ring@example.org").contains("BLOCK");
        assertThat(removal.getAfter()).isNull();
        assertThat(removal.getTarget()).isEqualTo("EMAIL:fraud.ring@example.org");
    }

    @Test
    void shouldRefuseAListEntryFieldByField() {
        assertThatThrownBy(() -> actions.perform("act-add-0002", ConsoleActionsTest.OPS, id -> lists.add(id,
                new AddRequest("BIN", "4111111111111111", "MAYBE", " ", "yesterday", null), "ops")))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString())
                        .contains("field=value", "6 to 8 digits", "field=action", "field=reason", "field=expiresAt"));
        assertThatThrownBy(() -> actions.perform("act-remove-02", ConsoleActionsTest.OPS, id -> lists.remove(id,
                new RemoveRequest("IP", "10.0.0.1", "gone", null))))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(records.transactions()).isEmpty();
    }

    @Test
    void shouldCancelAnOrderAsAShopWouldUnlessItIsFinal() {
        status("o-1", OrderStatus.RESERVED);
        status("o-2", OrderStatus.MANIFESTED);

        actions.perform("act-cancel-01", ConsoleActionsTest.OPS, id -> ordersAndStock.cancel(id, "o-1", new CancelRequest("customer called", null)));

        final OrderCancellation cancellation = records.values(topics, Topics.ORDERS_CANCELLATIONS).get(0);
        assertThat(cancellation.getCancellationId()).isEqualTo("act-cancel-01");
        assertThat(cancellation.getShopId()).isEqualTo("tea-house");
        assertThat(cancellation.getShopOrderRef()).isEqualTo("TH-o-1");
        assertThatThrownBy(() -> actions.perform("act-cancel-02", ConsoleActionsTest.OPS,
                id -> ordersAndStock.cancel(id, "o-2", new CancelRequest("too late", null))))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> actions.perform("act-cancel-03", ConsoleActionsTest.OPS,
                id -> ordersAndStock.cancel(id, "o-1", new CancelRequest("", null))))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString()).contains("field=reason"));
    }

    @Test
    void shouldRecordReceiptsDamageAndCountsAsMovementsWithTheActionIdAsMovementId() {
        view.onStockLevel(Fixtures.stockLevel("SKU-TEA-01", 10, 4));

        actions.perform("act-stock-001", ConsoleActionsTest.OPS, id -> ordersAndStock.stock(id, "SKU-TEA-01",
                new StockRequest("RECEIPT", 20, null, null, "pallet 7", null)));
        actions.perform("act-stock-002", ConsoleActionsTest.OPS, id -> ordersAndStock.stock(id, "SKU-TEA-01",
                new StockRequest("DAMAGE", 2, null, null, null, null)));
        actions.perform("act-stock-003", ConsoleActionsTest.OPS, id -> ordersAndStock.stock(id, "SKU-TEA-01",
                new StockRequest("ADJUSTMENT", null, 7, null, "shelf count", null)));

        assertThat(records.values(topics, Topics.STOCK_MOVEMENTS)).extracting(StockMovement::getMovementId, StockMovement::getType,
                StockMovement::getQuantityDelta, StockMovement::getWarehouseId).containsExactly(
                tuple("act-stock-001", StockMovementType.RECEIPT, 20, Fixtures.WAREHOUSE),
                tuple("act-stock-002", StockMovementType.DAMAGE, -2, Fixtures.WAREHOUSE),
                tuple("act-stock-003", StockMovementType.ADJUSTMENT, -3, Fixtures.WAREHOUSE));
        assertThatThrownBy(() -> actions.perform("act-stock-004", ConsoleActionsTest.OPS, id -> ordersAndStock.stock(id, "SKU-TEA-01",
                new StockRequest("DAMAGE", 11, null, null, null, null))))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString()).contains("more_than_on_hand"));
        assertThatThrownBy(() -> actions.perform("act-stock-005", ConsoleActionsTest.OPS, id -> ordersAndStock.stock(id, "SKU-NEW",
                new StockRequest("RECEIPT", 0, null, null, null, null))))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString()).contains("field=quantity", "field=warehouseId"));
    }

    @Test
    void shouldMoveOneDaysCutOffOnlyAsTheCalendarValidatorAndTheKindAllow() {
        view.onCalendar(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"));

        actions.perform("act-cal-0001", ConsoleActionsTest.OPS, id -> calendars.except(id, new ExceptionRequest("colis-express",
                Fixtures.WAREHOUSE, "2026-12-03", "LATE_TRUCK", "16:30", "truck broke down", null)));

        final CarrierCalendar published = records.values(topics, Topics.SHIPPING_CARRIER_CALENDARS).get(0);
        assertThat(published.getExceptions()).anySatisfy(e -> {
            assertThat(e.getDate()).isEqualTo(LocalDate.of(2026, 12, 3));
            assertThat(e.getCutOffTime()).isEqualTo(LocalTime.of(16, 30));
        });
        assertThat(published.getExceptions()).as("the other days' exceptions stay").anySatisfy(e -> assertThat(e.getDate())
                .isEqualTo(LocalDate.of(2026, 12, 24)));
        assertThat(published.getUpdatedAt()).isEqualTo(NOW);
        assertRefused("2026-12-03", "LATE_TRUCK", "14:00", "not_later");
        assertRefused("2026-12-03", "EXTRA_PICKUP", "11:00", "has_regular_pickup");
        assertRefused("2026-12-05", "LATE_TRUCK", "16:00", "no_regular_pickup");
        assertRefused("2026-12-01", "NO_PICKUP", null, "in_the_past");
        assertRefused("2026-12-05", "EXTRA_PICKUP", "25:00", "field=cutOffTime");
        actions.perform("act-cal-0002", ConsoleActionsTest.OPS, id -> calendars.except(id, new ExceptionRequest("colis-express",
                Fixtures.WAREHOUSE, "2026-12-05", "EXTRA_PICKUP", "11:00", "Saturday sale", null)));
        assertThat(records.transactions()).hasSize(2);
    }

    private void assertRefused(final String date, final String kind, final String time, final String problem) {
        assertThatThrownBy(() -> actions.perform("act-cal-x" + date + kind, ConsoleActionsTest.OPS, id -> calendars.except(id,
                new ExceptionRequest("colis-express", Fixtures.WAREHOUSE, date, kind, time, "why", null))))
                .isInstanceOfSatisfying(ActionRejected.class, e -> assertThat(e.body().toString()).contains(problem));
    }

    private void status(final String orderId, final OrderStatus status) {
        view.onStatus(OrderStatusChange.newBuilder().setEventId(orderId + ":" + status).setOrderId(orderId).setShopId("tea-house")
                .setShopOrderRef("TH-" + orderId).setStatus(status).setSource("test").setOccurredAt(NOW).build());
    }
}
