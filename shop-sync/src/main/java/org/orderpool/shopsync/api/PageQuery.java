package org.orderpool.shopsync.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.orderpool.contracts.OrderStatus;

/**
 * One page of a shop's orders changed since a time: at most {@code limit} orders, oldest change first,
 * optionally only those now in {@code status}, after the {@code after} cursor of the previous page.
 */
public record PageQuery(Instant updatedSince, OrderStatus status, Cursor after, int limit) {

    /** Where a page ended: the update time and order id of its last order. */
    public record Cursor(Instant updatedAt, String orderId) {

        /** An opaque page token for the client (base64url of {@code <epoch millis>|<orderId>}). */
        public String token() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((updatedAt.toEpochMilli() + "|" + orderId)
                    .getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor parse(final String token) {
            try {
                final String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                final int bar = text.indexOf('|');
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, bar))), text.substring(bar + 1));
            } catch (final RuntimeException e) {
                throw new IllegalArgumentException("not a page token of this API", e);
            }
        }

        /** Whether an order updated at {@code time} comes after this cursor. */
        public boolean isBefore(final Instant time, final String id) {
            final int byTime = updatedAt.compareTo(time);
            return byTime < 0 || byTime == 0 && orderId.compareTo(id) < 0;
        }
    }
}
