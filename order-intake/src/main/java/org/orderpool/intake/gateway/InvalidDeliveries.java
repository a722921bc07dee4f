package org.orderpool.intake.gateway;

import java.time.Instant;
import java.util.List;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.Customer;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.SubmittedOrder;

/**
 * The placeholder a signed platform delivery that cannot be an order becomes on shop.orders.submitted: its shop,
 * ref, channel and event id, the reasons ({@code intakeErrors}), and blanks for everything else, so nothing else of
 * the body (a card number, say) is ever written. order-intake rejects it with exactly those reasons.
 */
final class InvalidDeliveries {

    private static final String NO_CURRENCY = "XXX";

    private InvalidDeliveries() {
    }

    static SubmittedOrder placeholder(final SubmittedOrder mapped, final List<FieldError> errors, final Instant now) {
        return SubmittedOrder.newBuilder()
                .setShopId(mapped.getShopId())
                .setShopOrderRef(mapped.getShopOrderRef().strip())
                .setChannel(mapped.getChannel())
                .setPlatformEventId(mapped.getPlatformEventId())
                .setCustomer(new Customer("", "", "", null))
                .setShippingAddress(Address.newBuilder().setName("").setLine1("").setPostalCode("").setCity("").setCountryCode("")
                        .build())
                .setLines(List.of())
                .setShippingMethod("")
                .setShippingCost(new Money(0L, NO_CURRENCY))
                .setTotal(new Money(0L, NO_CURRENCY))
                .setPlacedAt(now)
                .setReceivedAt(now)
                .setIntakeErrors(List.copyOf(errors))
                .build();
    }
}
