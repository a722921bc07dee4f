package org.orderpool.shopsync.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.orderpool.runtime.DeadLetterHeaders;

/**
 * A webhook or platform call shop-sync gave up on, as a record of {@code shop-sync.dlq}: keyed by order id, the event as
 * it would have been sent, and headers saying why. The error headers have the names Kafka Streams
 * gives its own dead letters, so the dashboard and ops tools read both alike; the {@code shop-sync.*}
 * headers say which webhook, shop and endpoint.
 */
final class DeadLetters {

    static final String EXCEPTION = DeadLetterHeaders.EXCEPTION;
    static final String MESSAGE = DeadLetterHeaders.MESSAGE;
    static final String WEBHOOK_ID = "shop-sync.webhook-id";
    static final String SHOP_ID = "shop-sync.shop-id";
    static final String URL = "shop-sync.webhook-url";
    static final String ATTEMPTS = "shop-sync.attempts";
    static final String UNDELIVERABLE = "WebhookUndeliverable";
    static final String CALL_ID = "shop-sync.call-id";
    static final String PLATFORM = "shop-sync.platform";
    static final String PLATFORM_CALL_FAILED = "PlatformCallFailed";

    private DeadLetters() {
    }

    static Record<byte[], byte[]> webhook(final String orderId, final String event, final String webhookId, final String shopId,
                                          final String url, final int attempts, final String reason, final long timestamp) {
        final Headers headers = new RecordHeaders()
                .add(EXCEPTION, bytes(UNDELIVERABLE))
                .add(MESSAGE, bytes(reason))
                .add(WEBHOOK_ID, bytes(webhookId))
                .add(SHOP_ID, bytes(shopId))
                .add(URL, bytes(url == null ? "" : url))
                .add(ATTEMPTS, bytes(Integer.toString(attempts)));
        return new Record<>(bytes(orderId), bytes(event), timestamp, headers);
    }

    /**
     * A call to a shop's platform shop-sync gave up on: keyed by order id (an order call) or SKU (a stock
     * push), the call as JSON, and headers saying why, which call, shop and platform.
     */
    static Record<byte[], byte[]> platformCall(final String key, final String call, final String callId, final String shopId,
                                               final String platform, final int attempts, final String reason, final long timestamp) {
        final Headers headers = new RecordHeaders()
                .add(EXCEPTION, bytes(PLATFORM_CALL_FAILED))
                .add(MESSAGE, bytes(reason))
                .add(CALL_ID, bytes(callId))
                .add(SHOP_ID, bytes(shopId))
                .add(PLATFORM, bytes(platform))
                .add(ATTEMPTS, bytes(Integer.toString(attempts)));
        return new Record<>(bytes(key), bytes(call), timestamp, headers);
    }

    private static byte[] bytes(final String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
