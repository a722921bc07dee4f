package org.orderpool.shipping.topology;

import static org.orderpool.runtime.CompactFields.constant;
import static org.orderpool.runtime.CompactFields.flag;
import static org.orderpool.runtime.CompactFields.size;
import static org.orderpool.runtime.CompactFields.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.orderpool.contracts.Parcel;
import org.orderpool.runtime.CompactStateSerde;
import org.orderpool.shipping.domain.CarrierSlots;

/**
 * The compact forms of shipping-scheduler's state written for every order (the order owner's order, the slot owner's
 * order with its parcels) and for every cut-off booked (a slot). Each still reads the JSON an earlier shipping-scheduler wrote, so a
 * running pool upgrades in place, store names and changelogs unchanged (a list such JSON lacks is written back empty).
 */
final class ShippingStateSerdes {

    /** Passed to the parcels' serde, which writes on {@code shipping.parcels}' subject whatever topic it is given. */
    private static final String PARCELS_SUBJECT_TOPIC = ShippingSchedulerTopology.SLOT_ORDER_STORE;

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

    /** Format 1 (2026-12-03): the slot order without its parcels, which were kept apart. */
    static final byte SLOT_ORDER_WITHOUT_PARCELS = 1;
    /** Format 2 (2026-12-04): the same fields, then the parcels held. */
    static final byte SLOT_ORDER_WITH_PARCELS = 2;

    /**
     * The slot owner's order. Its held parcels (format 2) follow its fields: whether there is a list, its size, and each
     * parcel's length and bytes as the contract's Avro serde writes them ({@code parcels}: registry framed on
     * {@code shipping.parcels}' subject, so a later schema of the topic still reads them). Format 1 and the JSON before it
     * are read with no list (null): their parcels were kept apart.
     */
    static CompactStateSerde<SlotProcessor.SlotOrder> slotOrders(final Serde<Parcel> parcels) {
        final Serializer<Parcel> parcelWriter = parcels.serializer();
        final Deserializer<Parcel> parcelReader = parcels.deserializer();
        return CompactStateSerde.of(SlotProcessor.SlotOrder.class, SLOT_ORDER_WITHOUT_PARCELS, SLOT_ORDER_WITH_PARCELS, (out, o) -> {
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
            out.writeBoolean(o.held() != null);
            if (o.held() != null) {
                size(out, o.held());
                for (final Parcel parcel : o.held()) {
                    final byte[] bytes = parcelWriter.serialize(PARCELS_SUBJECT_TOPIC, parcel);
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
            }
        }, (format, in) -> {
            final String slotKey = text(in);
            final String shopId = text(in);
            final String shopOrderRef = text(in);
            final long cutOffAt = in.readLong();
            final int parcelCount = size(in);
            final List<String> parcelIds = new ArrayList<>(Math.min(parcelCount, 1_024));
            for (int i = 0; i < parcelCount; i++) {
                parcelIds.add(text(in));
            }
            final SlotProcessor.SlotOrderState state = constant(in, SlotProcessor.SlotOrderState.class);
            final String manifestId = text(in);
            final long updatedAt = in.readLong();
            final String recipient = text(in);
            List<Parcel> held = null;
            if (format >= SLOT_ORDER_WITH_PARCELS && in.readBoolean()) {
                final int count = size(in);
                held = new ArrayList<>(Math.min(count, 1_024));
                for (int i = 0; i < count; i++) {
                    final int length = in.readInt();
                    if (length < 0 || length > in.available()) {
                        throw new IOException("a held parcel of " + length + " bytes, " + in.available() + " left");
                    }
                    held.add(parcelReader.deserialize(PARCELS_SUBJECT_TOPIC, in.readNBytes(length)));
                }
            }
            return new SlotProcessor.SlotOrder(slotKey, shopId, shopOrderRef, cutOffAt, parcelIds, state, manifestId, updatedAt,
                    recipient, held);
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
