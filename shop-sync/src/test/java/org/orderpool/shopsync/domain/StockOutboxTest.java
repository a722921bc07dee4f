package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderpool.shopsync.domain.OrderViewTest.T0;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockOutboxTest {

    private static final double NO_JITTER = 0.5;
    private final StockOutbox outbox = new StockOutbox(new RetrySchedule(RetryScheduleTest.STANDARD, 0.2));
    private final ShopPlatform shopify = new ShopPlatform("ceramics-studio", PlatformKind.SHOPIFY, Map.of("SKU-1", "501"), null, false);
    private final ShopPlatform capped = new ShopPlatform("tea-house", PlatformKind.WOOCOMMERCE, Map.of("SKU-1", "41"), 0.5, false);
    private final ShopPlatform apiOnly = new ShopPlatform("book-nook", PlatformKind.WEBHOOKS_ONLY, Map.of("SKU-1", "BN-1"), null, false);

    private StockSlot level(final StockSlot before, final ShopPlatform shop, final int available) {
        return outbox.onLevel(before, shop, "SKU-1", available, 5, T0, T0);
    }

    @Test
    void shouldMakeAPushDueAtOnceForTheFirstLevelOfASkuTheShopSells() {
        final StockSlot slot = level(null, shopify, 12);

        assertThat(slot.shown()).isEqualTo(12);
        assertThat(slot.dirty()).isTrue();
        assertThat(outbox.due(slot, T0)).isTrue();
    }

    @Test
    void shouldKeepOneDueTimeAndTheNewestFigureWhateverTheBurst() {
        StockSlot slot = level(null, shopify, 12);
        for (int available = 11; available >= 3; available--) {
            slot = outbox.onLevel(slot, shopify, "SKU-1", available, 5, T0, T0.plusSeconds(12 - available));
        }

        assertThat(slot.shown()).isEqualTo(3);
        assertThat(slot.version()).isEqualTo(10);
        assertThat(slot.notBefore()).as("the first change's due time stands").isEqualTo(T0);
    }

    @Test
    void shouldStayCleanWhenTheFigureShownDoesNotChange() {
        final StockSlot pushed = outbox.afterResult(level(null, shopify, 12), 1, StockResult.done("set", 12), T0, NO_JITTER).slot();

        final StockSlot same = outbox.onLevel(pushed, shopify, "SKU-1", 12, 5, T0.plusSeconds(9), T0.plusSeconds(9));

        assertThat(same.dirty()).isFalse();
        assertThat(same.notBefore()).isNull();
        assertThat(same.levelAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void shouldPushTheNewestFigureAtOnceWhenAChangeArrivedWhileThePushWasUnderWay() {
        final StockSlot sent = level(null, shopify, 12);
        final StockSlot meanwhile = outbox.onLevel(sent, shopify, "SKU-1", 10, 5, T0, T0.plusSeconds(1));

        final StockSlot after = outbox.afterResult(meanwhile, sent.version(), StockResult.done("set", 12), T0.plusSeconds(2), NO_JITTER)
                .slot();

        assertThat(after.confirmedVersion()).isEqualTo(1);
        assertThat(after.platformQuantity()).isEqualTo(12);
        assertThat(after.dirty()).isTrue();
        assertThat(after.notBefore()).isEqualTo(T0.plusSeconds(2));
        assertThat(after.shown()).isEqualTo(10);
    }

    @Test
    void shouldRetryAFailedPushOnTheScheduleAndWaitAThrottledOneWithoutUsingAnAttempt() {
        final StockSlot slot = level(null, shopify, 12);

        final StockSlot failed = outbox.afterResult(slot, 1, StockResult.unknown(new PlatformOutcome.Failed("HTTP 503", null)), T0,
                NO_JITTER).slot();
        final StockSlot throttled = outbox.afterResult(failed, 1, StockResult.unknown(new PlatformOutcome.Throttled(Duration.ofSeconds(3),
                "bucket")), T0.plusSeconds(5), NO_JITTER).slot();

        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.notBefore()).isEqualTo(T0.plusSeconds(5));
        assertThat(failed.lastError()).isEqualTo("HTTP 503");
        assertThat(throttled.attempts()).isEqualTo(1);
        assertThat(throttled.notBefore()).isEqualTo(T0.plusSeconds(8));
    }

    @Test
    void shouldGiveUpARefusedFigureAndTheLastAttemptsFigureSayingWhy() {
        final StockOutbox.Decision refused = outbox.afterResult(level(null, shopify, 12), 1, StockResult.unknown(
                new PlatformOutcome.Refused("no inventory item")), T0, NO_JITTER);
        StockSlot slot = level(null, shopify, 12);
        StockOutbox.Decision last = null;
        for (int i = 0; i < RetryScheduleTest.STANDARD.size(); i++) {
            last = outbox.afterResult(slot, 1, StockResult.unknown(new PlatformOutcome.Failed("HTTP 500", null)), T0, NO_JITTER);
            slot = last.slot();
        }

        assertThat(refused.givenUp()).contains("no inventory item");
        assertThat(refused.slot().dirty()).isFalse();
        assertThat(refused.slot().platformQuantity()).as("read afresh next time").isNull();
        assertThat(last.givenUp()).startsWith("gave up after 8 attempts");
        assertThat(last.slot().dirty()).isFalse();
    }

    @Test
    void shouldShowACappedShopItsShareOfAScarceSkuAndNeverPushForAWebhooksOnlyShop() {
        assertThat(level(null, capped, 40).shown()).as("plenty: no cap").isEqualTo(40);
        assertThat(level(null, capped, 5).shown()).isEqualTo(2);
        assertThat(level(null, capped, 1).shown()).as("at least one while any is left").isEqualTo(1);
        assertThat(level(null, capped, 0).shown()).isZero();
        assertThat(level(null, capped, -2).shown()).isZero();
        final StockSlot apiSlot = level(null, apiOnly, 7);
        assertThat(apiSlot.shown()).isEqualTo(7);
        assertThat(outbox.due(apiSlot, T0)).isFalse();
    }
}
