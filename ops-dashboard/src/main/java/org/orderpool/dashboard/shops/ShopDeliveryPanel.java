package org.orderpool.dashboard.shops;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.orderpool.contracts.ShopDeliveryState;
import org.orderpool.contracts.WebhookEndpointState;

/**
 * The "Shops hearing back" panel: per shop, the latest {@link ShopDeliveryState} shop-sync published (its last
 * delivery, whether its webhook endpoint fails or is disabled, what waits, what was given up), as rows that put the
 * shops needing ops first. Holds one state per shop (at most {@link #MAX_SHOPS}); it decides nothing.
 */
public final class ShopDeliveryPanel {

    /** Far more shops than a pool has; a bound so a flood of odd keys cannot grow the dashboard's memory. */
    public static final int MAX_SHOPS = 10_000;

    private final Map<String, ShopDeliveryState> shops = new ConcurrentHashMap<>();

    /**
     * One row of the panel.
     *
     * @param attention      why ops should look, or null: "endpoint disabled (410 Gone)", "failing for 12 min", "3 given up"
     * @param lastDeliveryAgo seconds since a webhook last reached the shop, or null if none has
     * @param lastAttemptAt   instants as ISO-8601 text (UTC), null when unknown
     */
    public record Row(String shopId, String endpointState, String attention, String lastAttemptAt, String lastAttemptOutcome,
                      boolean lastAttemptDelivered, String lastDeliveredAt, Long lastDeliveryAgo, String failingSince,
                      String disabledAt, int queuedWebhooks, int queuedPlatformCalls, long deadLettered) {
    }

    /** A record of shop-sync.delivery-state: the shop's newest state, or none (a tombstone). */
    public void onState(final String shopId, final ShopDeliveryState state) {
        if (shopId == null) {
            return;
        }
        if (state == null) {
            shops.remove(shopId);
        } else if (shops.containsKey(shopId) || shops.size() < MAX_SHOPS) {
            shops.put(shopId, state);
        }
    }

    /** Disabled endpoints first, then failing ones (longest first), then shops with dead letters, then the rest by id. */
    public List<Row> rows(final Instant now) {
        return shops.entrySet().stream().map(entry -> row(entry.getKey(), entry.getValue(), now))
                .sorted(Comparator.comparingInt(ShopDeliveryPanel::rank)
                        .thenComparing(row -> row.failingSince() == null ? "~" : row.failingSince())
                        .thenComparing(Row::shopId))
                .toList();
    }

    private static Row row(final String shopId, final ShopDeliveryState state, final Instant now) {
        return new Row(shopId, state.getEndpointState().name(), attention(state, now), text(state.getLastAttemptAt()),
                state.getLastAttemptOutcome(), state.getLastAttemptDelivered(), text(state.getLastDeliveredAt()),
                state.getLastDeliveredAt() == null ? null : Math.max(0, Duration.between(state.getLastDeliveredAt(), now).toSeconds()),
                text(state.getFailingSince()), text(state.getDisabledAt()), state.getQueuedWebhooks(), state.getQueuedPlatformCalls(),
                state.getDeadLettered());
    }

    private static String text(final Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String attention(final ShopDeliveryState state, final Instant now) {
        final String given = state.getDeadLettered() > 0 ? state.getDeadLettered() + " given up (shop-sync.dlq)" : null;
        final String endpoint = switch (state.getEndpointState()) {
            case DISABLED -> "endpoint disabled (410 Gone): re-enable with webhook-enabled-since";
            case FAILING -> "failing for " + ago(state.getFailingSince() == null ? now : state.getFailingSince(), now);
            default -> null;
        };
        if (endpoint == null) {
            return given;
        }
        return given == null ? endpoint : endpoint + "; " + given;
    }

    private static int rank(final Row row) {
        if (WebhookEndpointState.DISABLED.name().equals(row.endpointState())) {
            return 0;
        }
        if (WebhookEndpointState.FAILING.name().equals(row.endpointState())) {
            return 1;
        }
        return row.deadLettered() > 0 ? 2 : 3;
    }

    /** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
    static String ago(final Instant since, final Instant now) {
        final long seconds = Math.max(0, Duration.between(since, now).toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3_600 + " h";
    }
}
