package org.orderpool.shopsync.topology;

import java.time.Instant;
import java.util.Locale;

/**
 * The keys of shop-sync's index stores. Times are 15-digit epoch milliseconds, so keys sort by time;
 * shop ids and references are escaped ({@code %} and {@code |}), so one shop's keys can never fall into
 * another shop's range.
 *
 * <ul>
 *   <li>lookup store: {@code ref|<shopId>|<shopOrderRef>} → order id; {@code updated|<shopId>|<updatedAt>|<orderId>} → status</li>
 *   <li>schedule store: {@code due|<notBefore>|<orderId>} → webhook id; {@code call|<notBefore>|<orderId>} → platform
 *   call id; {@code forget|<forgetAt>|<orderId>} → order id</li>
 *   <li>stock store: {@code stock|<shopId>|<sku>} → the shop's slot of the SKU</li>
 *   <li>stock schedule store: {@code push|<notBefore>|<shopId>|<sku>} → the slot's key</li>
 * </ul>
 */
public final class StoreKeys {

    private static final String END = "\uffff";

    private StoreKeys() {
    }

    public static String ref(final String shopId, final String shopOrderRef) {
        return "ref|" + escape(shopId) + "|" + escape(shopOrderRef);
    }

    public static String updated(final String shopId, final Instant updatedAt, final String orderId) {
        return updatedFrom(shopId, updatedAt) + orderId;
    }

    /** The first key of a shop's orders updated at or after {@code since}. */
    public static String updatedFrom(final String shopId, final Instant since) {
        return "updated|" + escape(shopId) + "|" + time(since) + "|";
    }

    /** After every key of the shop's orders. */
    public static String updatedEnd(final String shopId) {
        return "updated|" + escape(shopId) + "|" + END;
    }

    /** The order id at the end of an {@code updated|} key. */
    public static String orderIdOfUpdated(final String key) {
        return key.substring(key.lastIndexOf('|') + 1);
    }

    /** The update time inside an {@code updated|} key. */
    public static Instant timeOfUpdated(final String key) {
        final int end = key.lastIndexOf('|');
        return Instant.ofEpochMilli(Long.parseLong(key.substring(key.lastIndexOf('|', end - 1) + 1, end)));
    }

    public static String due(final Instant notBefore, final String orderId) {
        return "due|" + time(notBefore) + "|" + orderId;
    }

    public static String dueFrom() {
        return "due|";
    }

    /** After every key due at or before {@code now}. */
    public static String dueUpTo(final Instant now) {
        return "due|" + time(now) + "|" + END;
    }

    public static String call(final Instant notBefore, final String orderId) {
        return "call|" + time(notBefore) + "|" + orderId;
    }

    public static String callFrom() {
        return "call|";
    }

    /** After every platform call due at or before {@code now}. */
    public static String callUpTo(final Instant now) {
        return "call|" + time(now) + "|" + END;
    }

    public static String stock(final String shopId, final String sku) {
        return stockFrom(shopId) + escape(sku);
    }

    /** The first key of a shop's stock slots. */
    public static String stockFrom(final String shopId) {
        return "stock|" + escape(shopId) + "|";
    }

    /** After every key of the shop's stock slots. */
    public static String stockEnd(final String shopId) {
        return "stock|" + escape(shopId) + "|" + END;
    }

    public static String push(final Instant notBefore, final String slotKey) {
        return "push|" + time(notBefore) + "|" + slotKey.substring("stock|".length());
    }

    public static String pushFrom() {
        return "push|";
    }

    /** After every stock push due at or before {@code now}. */
    public static String pushUpTo(final Instant now) {
        return "push|" + time(now) + "|" + END;
    }

    public static String forget(final Instant forgetAt, final String orderId) {
        return "forget|" + time(forgetAt) + "|" + orderId;
    }

    public static String forgetFrom() {
        return "forget|";
    }

    public static String forgetUpTo(final Instant now) {
        return "forget|" + time(now) + "|" + END;
    }

    private static String time(final Instant at) {
        return String.format(Locale.ROOT, "%015d", Math.max(0, at.toEpochMilli()));
    }

    private static String escape(final String value) {
        return value == null ? "" : value.replace("%", "%25").replace("|", "%7C");
    }
}
