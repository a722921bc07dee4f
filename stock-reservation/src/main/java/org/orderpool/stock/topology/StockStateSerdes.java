package org.orderpool.stock.topology;

import static org.orderpool.runtime.CompactFields.constant;
import static org.orderpool.runtime.CompactFields.decimal;
import static org.orderpool.runtime.CompactFields.duration;
import static org.orderpool.runtime.CompactFields.flag;
import static org.orderpool.runtime.CompactFields.instant;
import static org.orderpool.runtime.CompactFields.size;
import static org.orderpool.runtime.CompactFields.text;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderpool.runtime.CompactStateSerde;
import org.orderpool.stock.domain.HoldBook;
import org.orderpool.stock.domain.OrderReservation;
import org.orderpool.stock.domain.ShopStockPolicy;
import org.orderpool.stock.domain.SkuLedger;

/**
 * The compact forms of stock-reservation's state, written for every order (a SKU's ledger, its holds, the order owner's
 * reservation inside {@link StoredOrderSerde}): Jackson's encoding and decoding of their JSON was about a sixth of the
 * service's stream thread. Each still reads the JSON an earlier stock-reservation wrote, so a running pool upgrades in
 * place, store names and changelogs unchanged (a list such JSON lacks, from before its field existed, is written back
 * empty).
 */
final class StockStateSerdes {

    private StockStateSerdes() {
    }

    static CompactStateSerde<SkuLedger.Snapshot> ledgers() {
        return CompactStateSerde.of(SkuLedger.Snapshot.class, (out, s) -> {
            text(out, s.sku());
            out.writeInt(s.lowStockThreshold());
            out.writeInt(s.onHand());
            out.writeInt(s.reserved());
            size(out, s.heldByShop() == null ? null : s.heldByShop().entrySet());
            if (s.heldByShop() != null) {
                for (final Map.Entry<String, Integer> held : s.heldByShop().entrySet()) {
                    text(out, held.getKey());
                    out.writeInt(held.getValue());
                }
            }
            size(out, s.waiting());
            if (s.waiting() != null) {
                for (final SkuLedger.WaitingOrder waiter : s.waiting()) {
                    text(out, waiter.orderId());
                    text(out, waiter.shopId());
                    out.writeInt(waiter.quantity());
                    decimal(out, waiter.fairShareCap());
                }
            }
            out.writeBoolean(s.levelUnpublished());
        }, (format, in) -> {
            final String sku = text(in);
            final int threshold = in.readInt();
            final int onHand = in.readInt();
            final int reserved = in.readInt();
            final int shops = size(in);
            final Map<String, Integer> heldByShop = new LinkedHashMap<>();
            for (int i = 0; i < shops; i++) {
                heldByShop.put(text(in), in.readInt());
            }
            final int waiters = size(in);
            final List<SkuLedger.WaitingOrder> waiting = new ArrayList<>(Math.min(waiters, 1_024));
            for (int i = 0; i < waiters; i++) {
                waiting.add(new SkuLedger.WaitingOrder(text(in), text(in), in.readInt(), decimal(in)));
            }
            return new SkuLedger.Snapshot(sku, threshold, onHand, reserved, heldByShop, waiting, in.readBoolean());
        });
    }

    static CompactStateSerde<HoldBook.Hold> holds() {
        return CompactStateSerde.of(HoldBook.Hold.class, (out, h) -> {
            text(out, h.shopId());
            out.writeInt(h.quantity());
            out.writeInt(h.attempt());
        }, (format, in) -> new HoldBook.Hold(text(in), in.readInt(), in.readInt()));
    }

    /** The stored order's fields beside its cleared order. */
    static CompactStateSerde<StoredOrderSerde.Fields> storedOrderFields() {
        return CompactStateSerde.of(StoredOrderSerde.Fields.class, (out, f) -> {
            out.writeBoolean(f.reservation() != null);
            if (f.reservation() != null) {
                writeReservation(out, f.reservation());
            }
            out.writeBoolean(f.cancelledBeforeCleared());
            out.writeLong(f.updatedAt());
        }, (format, in) -> new StoredOrderSerde.Fields(in.readBoolean() ? readReservation(in) : null, in.readBoolean(),
                in.readLong()));
    }

    private static void writeReservation(final DataOutputStream out, final OrderReservation.Snapshot r) throws IOException {
        text(out, r.orderId());
        text(out, r.shopId());
        size(out, r.lines());
        if (r.lines() != null) {
            for (final OrderReservation.Line line : r.lines()) {
                text(out, line.sku());
                out.writeInt(line.quantity());
            }
        }
        out.writeBoolean(r.policy() != null);
        if (r.policy() != null) {
            constant(out, r.policy().onShortage());
            duration(out, r.policy().maxBackorderWait());
            decimal(out, r.policy().fairShareCap());
        }
        constant(out, r.state());
        out.writeInt(r.attempt());
        size(out, r.outcomes() == null ? null : r.outcomes().entrySet());
        if (r.outcomes() != null) {
            for (final Map.Entry<String, Boolean> outcome : r.outcomes().entrySet()) {
                text(out, outcome.getKey());
                flag(out, outcome.getValue());
            }
        }
        instant(out, r.backorderedSince());
        size(out, r.shipped());
        if (r.shipped() != null) {
            for (final String sku : r.shipped()) {
                text(out, sku);
            }
        }
        out.writeBoolean(r.skuAnnounces());
        out.writeBoolean(r.cancelDeferred());
        instant(out, r.updateDeferredSince());
    }

    private static OrderReservation.Snapshot readReservation(final DataInputStream in) throws IOException {
        final String orderId = text(in);
        final String shopId = text(in);
        final int lineCount = size(in);
        final List<OrderReservation.Line> lines = new ArrayList<>(Math.min(lineCount, 1_024));
        for (int i = 0; i < lineCount; i++) {
            lines.add(new OrderReservation.Line(text(in), in.readInt()));
        }
        final ShopStockPolicy policy = in.readBoolean()
                ? new ShopStockPolicy(constant(in, ShopStockPolicy.Shortage.class), duration(in), decimal(in)) : null;
        final OrderReservation.State state = constant(in, OrderReservation.State.class);
        final int attempt = in.readInt();
        final int outcomeCount = size(in);
        final Map<String, Boolean> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < outcomeCount; i++) {
            outcomes.put(text(in), flag(in));
        }
        final Instant backorderedSince = instant(in);
        final int shippedCount = size(in);
        final List<String> shipped = new ArrayList<>(Math.min(shippedCount, 1_024));
        for (int i = 0; i < shippedCount; i++) {
            shipped.add(text(in));
        }
        return new OrderReservation.Snapshot(orderId, shopId, lines, policy, state, attempt, outcomes, backorderedSince,
                shipped, in.readBoolean(), in.readBoolean(), instant(in));
    }
}
