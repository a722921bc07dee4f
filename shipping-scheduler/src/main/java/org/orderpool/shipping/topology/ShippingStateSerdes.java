package org.orderpool.shipping.topology;

import static org.orderpool.runtime.CompactFields.constant;
import static org.orderpool.runtime.CompactFields.flag;
import static org.orderpool.runtime.CompactFields.size;
import static org.orderpool.runtime.CompactFields.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderpool.runtime.CompactStateSerde;
import org.orderpool.shipping.domain.CarrierSlots;

/**
 * The compact forms of shipping-scheduler's state written for every order (the order owner's order, the slot owner's
 * order) and for every cut-off booked (a slot). Each still reads the JSON an earlier shipping-scheduler wrote, so a
 * running pool upgrades in place, store names and changelogs unchanged (a list such JSON lacks is written back empty).
 */
final class ShippingStateSerdes {

    private ShippingStateSerdes() {
    }

    static CompactStateSerde<OrderProcessor.ShippingOrder> orders() {
        return CompactStateSerde.of(OrderProcessor.ShippingOrder.class, (out, o) -> {
            text(out, o.slotKey());
            text(out, o.shopId());
            text(out, o.shopOrderRef());
            out.writeBoolean(o.cancelled());
            out.writeLong(o.updatedAt());
            flag(out, o.settled());
            text(out, o.shippingMethod());
            out.writeBoolean(o.units() != null);
            if (o.units() != null) {
                size(out, o.units().entrySet());
                for (final Map.Entry<String, Integer> line : o.units().entrySet()) {
                    text(out, line.getKey());
                    out.writeInt(line.getValue());
                }
            }
        }, (format, in) -> {
            final String slotKey = text(in);
            final String shopId = text(in);
            final String shopOrderRef = text(in);
            final boolean cancelled = in.readBoolean();
            final long updatedAt = in.readLong();
            final Boolean settled = flag(in);
            final String shippingMethod = text(in);
            Map<String, Integer> units = null;
            if (in.readBoolean()) {
                final int lines = size(in);
                units = new LinkedHashMap<>();
                for (int i = 0; i < lines; i++) {
                    units.put(text(in), in.readInt());
                }
            }
            return new OrderProcessor.ShippingOrder(slotKey, shopId, shopOrderRef, cancelled, updatedAt, settled, shippingMethod,
                    units);
        });
    }

    static CompactStateSerde<SlotProcessor.SlotOrder> slotOrders() {
        return CompactStateSerde.of(SlotProcessor.SlotOrder.class, (out, o) -> {
            text(out, o.slotKey());
            text(out, o.shopId());
            text(out, o.shopOrderRef());
            out.writeLong(o.cutOffAt());
            size(out, o.parcelIds());
            if (o.parcelIds() != null) {
                for (final String parcelId : o.parcelIds()) {
                    text(out, parcelId);
                }
            }
            constant(out, o.state());
            text(out, o.manifestId());
            out.writeLong(o.updatedAt());
            text(out, o.recipient());
        }, (format, in) -> {
            final String slotKey = text(in);
            final String shopId = text(in);
            final String shopOrderRef = text(in);
            final long cutOffAt = in.readLong();
            final int parcels = size(in);
            final List<String> parcelIds = new ArrayList<>(Math.min(parcels, 1_024));
            for (int i = 0; i < parcels; i++) {
                parcelIds.add(text(in));
            }
            return new SlotProcessor.SlotOrder(slotKey, shopId, shopOrderRef, cutOffAt, parcelIds,
                    constant(in, SlotProcessor.SlotOrderState.class), text(in), in.readLong(), text(in));
        });
    }

    static CompactStateSerde<CarrierSlots.Snapshot> slots() {
        return CompactStateSerde.of(CarrierSlots.Snapshot.class, (out, s) -> {
            size(out, s.pendingCutOffs());
            if (s.pendingCutOffs() != null) {
                for (final long cutOff : s.pendingCutOffs()) {
                    out.writeLong(cutOff);
                }
            }
            out.writeBoolean(s.lastClosedCutOff() != null);
            if (s.lastClosedCutOff() != null) {
                out.writeLong(s.lastClosedCutOff());
            }
            out.writeBoolean(s.waiting());
        }, (format, in) -> {
            final int cutOffs = size(in);
            final List<Long> pending = new ArrayList<>(Math.min(cutOffs, 1_024));
            for (int i = 0; i < cutOffs; i++) {
                pending.add(in.readLong());
            }
            return new CarrierSlots.Snapshot(pending, in.readBoolean() ? in.readLong() : null, in.readBoolean());
        });
    }
}
