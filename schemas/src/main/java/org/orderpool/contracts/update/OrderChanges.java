package org.orderpool.contracts.update;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderLine;

/**
 * What an update changes in an order, as far as fulfilment is concerned, and the update's id: the one place
 * where order-intake, stock-reservation and shipping-scheduler agree on both. Only three things matter to
 * fulfilment: where the parcels go ({@link #SHIPPING_ADDRESS}, every field of the address, the recipient's name
 * included), what is in them ({@link #LINES}: the units per SKU; titles and prices do not move a unit) and how they
 * go ({@link #SHIPPING_METHOD}). Anything else a platform changes (tags, notes, the payment state) is no change
 * here, so most of a platform's order updates change nothing and are answered by nobody.
 */
public final class OrderChanges {

    public static final String SHIPPING_ADDRESS = "shippingAddress";
    public static final String LINES = "lines";
    public static final String SHIPPING_METHOD = "shippingMethod";

    private OrderChanges() {
    }

    /** The fields of {@code after} that differ from {@code before}, in a fixed order; empty when none. */
    public static List<String> between(final Order before, final Order after) {
        final List<String> changes = new ArrayList<>();
        if (!Objects.equals(before.getShippingAddress(), after.getShippingAddress())) {
            changes.add(SHIPPING_ADDRESS);
        }
        if (!units(before).equals(units(after))) {
            changes.add(LINES);
        }
        if (before.getShippingMethod() != after.getShippingMethod()) {
            changes.add(SHIPPING_METHOD);
        }
        return changes;
    }

    /** The units of each SKU an order asks for (its lines of one SKU added up), by SKU. */
    public static Map<String, Integer> units(final Order order) {
        final Map<String, Integer> units = new TreeMap<>();
        for (final OrderLine line : order.getLines()) {
            units.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        return units;
    }

    /**
     * The id of an update to {@code order}'s content: {@code upd-} and a name-based UUID of the order id and what
     * fulfilment sees of the version (address, units, method). A version sent twice (a retry, the same order on two
     * channels) has one id, so its answer is recognised as the same event.
     */
    public static String updateId(final Order order) {
        final String content = order.getOrderId() + "|" + order.getShippingAddress() + "|" + units(order) + "|"
                + order.getShippingMethod();
        return "upd-" + UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8));
    }
}
