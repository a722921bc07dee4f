package org.orderpool.shopsync.platform.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.PlatformAction;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.StockResult;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.orderpool.shopsync.platform.OrderCall;
import org.orderpool.shopsync.platform.PlatformHttp;
import org.orderpool.shopsync.platform.StockPush;

/** The WooCommerce connector against the strict local fake: tracking then completed, cancellations with a note, stock, errors. */
class WooCommerceConnectorTest {

    private static final String KEY = "ck_test_bike_corner";
    private static final String SECRET = "cs_test_bike_corner";
    private static final TrackingUrls URLS = new TrackingUrls(Map.of("colis-express",
            "https://track.colis-express.example/{trackingReference}"), "tracking-urls");

    private final FakeWooCommerce woo = FakeWooCommerce.start(KEY, SECRET);

    @AfterEach
    void stopFake() {
        woo.close();
    }

    private WooCommerceConnector connector(final String key, final boolean backorders) {
        return new WooCommerceConnector(new WooCommerceSettings("bike-corner", woo.siteUrl(), key, SECRET,
                Map.of("colis-express", "Colis Express", "relais-pro", "DHL"), Map.of(
                "SKU-BELL", WooCommerceSettings.Item.parse("41", "i"), "SKU-TYRE-S", WooCommerceSettings.Item.parse("40/43", "i"),
                "SKU-TYRE-L", WooCommerceSettings.Item.parse("40/44", "i"), "SKU-GONE", WooCommerceSettings.Item.parse("77", "i")),
                backorders), new PlatformHttp(Duration.ofSeconds(5)), URLS);
    }

    private final WooCommerceConnector connector = connector(KEY, false);

    private static OrderCall shipment(final long order, final String carrier, final String... numbers) {
        final List<OrderCall.ShippedParcel> parcels = Arrays.stream(numbers).map(number -> new OrderCall.ShippedParcel(
                "p-" + number, carrier, "CX-HOME", number, null, Instant.parse("2026-12-01T14:00:00Z"))).toList();
        return new OrderCall("bike-corner", "o-" + order, Long.toString(order), "o-" + order + ":MANIFESTED", PlatformAction.SHIP,
                OrderStatus.MANIFESTED, "shipping.manifested", "on manifest", parcels);
    }

    private static OrderCall ending(final long order, final OrderStatus status, final PlatformAction action) {
        return new OrderCall("bike-corner", "o-" + order, Long.toString(order), "o-" + order + ":" + status, action, status,
                "shop.cancelled", "cancelled by the customer", List.of());
    }

    @Test
    void shouldAddEveryParcelsTrackingThenCompleteTheOrder() {
        woo.order(1201, "processing");

        final PlatformOutcome outcome = connector.order(shipment(1201, "colis-express", "CX100", "CX101"));

        assertThat(outcome).isInstanceOf(PlatformOutcome.Done.class);
        assertThat(woo.trackingsOf(1201)).extracting(t -> t.get("tracking_number")).containsExactly("CX100", "CX101");
        assertThat(woo.trackingsOf(1201).get(0)).containsEntry("tracking_provider", "Colis Express")
                .containsEntry("tracking_link", "https://track.colis-express.example/CX100").containsEntry("date_shipped", "2026-12-01");
        assertThat(woo.status(1201)).isEqualTo("completed");
        assertThat(woo.writes()).extracting(FakeWooCommerce.Request::method).as("trackings first, then the status")
                .containsExactly("POST", "POST", "PUT");
        assertThat(woo.writes()).allSatisfy(request -> assertThat(request.status()).isBetween(200, 201));
    }

    @Test
    void shouldAddNoSecondTrackingNorStatusChangeWhenTheCallIsRepeatedAfterACrash() {
        woo.order(1202, "processing");
        connector.order(shipment(1202, "colis-express", "CX102"));
        final int writes = woo.writes().size();

        assertThat(connector.order(shipment(1202, "colis-express", "CX102"))).isInstanceOf(PlatformOutcome.Done.class);

        assertThat(woo.trackingsOf(1202)).hasSize(1);
        assertThat(woo.writes()).hasSize(writes);
    }

    @Test
    void shouldNameAPredefinedProviderForACarrierWithoutATrackingPage() {
        woo.order(1203, "on-hold");

        connector.order(shipment(1203, "relais-pro", "RP1"));

        assertThat(woo.trackingsOf(1203)).singleElement().satisfies(tracking -> assertThat(tracking)
                .containsEntry("tracking_provider", "DHL").containsEntry("tracking_number", "RP1"));
    }

    @Test
    void shouldCancelTheOrderWithOneNoteHoweverOftenTheCallIsMade() {
        woo.order(1204, "processing");

        connector.order(ending(1204, OrderStatus.CANCELLED, PlatformAction.CANCEL));
        connector.order(ending(1204, OrderStatus.CANCELLED, PlatformAction.CANCEL));

        assertThat(woo.status(1204)).isEqualTo("cancelled");
        assertThat(woo.notesOf(1204)).singleElement().satisfies(note -> {
            assertThat((String) note.get("note")).contains("cancelled by the customer").contains("[orderpool o-1204:CANCELLED]");
            assertThat(note.get("customer_note")).isEqualTo(false);
        });
        assertThat(woo.writes()).extracting(FakeWooCommerce.Request::method).containsExactly("PUT", "POST");
    }

    @Test
    void shouldOnlyNoteAnOrderThePoolCannotServeLeavingItsStatusToTheMerchant() {
        woo.order(1205, "processing");

        assertThat(connector.order(ending(1205, OrderStatus.OUT_OF_STOCK, PlatformAction.UNSERVED))).isInstanceOf(PlatformOutcome.Done.class);

        assertThat(woo.status(1205)).isEqualTo("processing");
        assertThat(woo.notesOf(1205)).singleElement().satisfies(note -> assertThat((String) note.get("note"))
                .contains("will not ship").contains("out of stock"));
    }

    @Test
    void shouldRefuseAWrongKeyAnUnknownOrderAndASiteWithoutShipmentTrackingAndRetryA5xx() {
        woo.order(1206, "processing");

        assertThat(connector("ck_wrong", false).order(shipment(1206, "colis-express", "CX1"))).isInstanceOfSatisfying(
                PlatformOutcome.Refused.class, refused -> assertThat(refused.reason()).contains("401")
                        .contains("woocommerce_rest_authentication_error").contains("consumer key"));
        assertThat(connector.order(shipment(9999, "colis-express", "CX1"))).isInstanceOfSatisfying(PlatformOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("404").contains("woocommerce_rest_shop_order_invalid_id"));
        woo.answer503(1);
        assertThat(connector.order(shipment(1206, "colis-express", "CX1"))).isInstanceOf(PlatformOutcome.Failed.class);
        woo.withoutTrackingExtension();
        assertThat(connector.order(shipment(1206, "colis-express", "CX1"))).isInstanceOfSatisfying(PlatformOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("rest_no_route"));
        assertThat(woo.status(1206)).isEqualTo("processing");
    }

    @Test
    void shouldSetStockOfProductsAndVariationsInOneBatchCallEach() {
        woo.product(41, 0);
        woo.product(40, 0);
        woo.variation(40, 43, 0);
        woo.variation(40, 44, 0);

        final Map<String, StockResult> results = connector.stock(new StockPush("bike-corner", List.of(
                new StockPush.StockItem("SKU-BELL", 7, null, 1), new StockPush.StockItem("SKU-TYRE-S", 3, null, 1),
                new StockPush.StockItem("SKU-TYRE-L", 0, null, 1))));

        assertThat(results.values()).allSatisfy(result -> assertThat(result.outcome()).isInstanceOf(PlatformOutcome.Done.class));
        assertThat(results.get("SKU-TYRE-S").platformQuantity()).isEqualTo(3);
        assertThat(woo.productOf(41)).containsEntry("stock_quantity", 7).containsEntry("manage_stock", true);
        assertThat(woo.productOf(44)).containsEntry("stock_status", "outofstock");
        assertThat(woo.writes()).extracting(FakeWooCommerce.Request::path).containsExactly("/wp-json/wc/v3/products/batch",
                "/wp-json/wc/v3/products/40/variations/batch");
    }

    @Test
    void shouldMarkAShopsProductsOnBackorderWhenItTakesBackorders() {
        woo.product(41, 5);

        connector(KEY, true).stock(new StockPush("bike-corner", List.of(new StockPush.StockItem("SKU-BELL", 0, null, 2))));

        assertThat(woo.productOf(41)).containsEntry("stock_quantity", 0).containsEntry("backorders", "notify")
                .containsEntry("stock_status", "onbackorder");
    }

    @Test
    void shouldRefuseOnlyTheItemWooCommerceDoesNotHave() {
        woo.product(41, 5);

        final Map<String, StockResult> results = connector.stock(new StockPush("bike-corner", List.of(
                new StockPush.StockItem("SKU-BELL", 4, null, 1), new StockPush.StockItem("SKU-GONE", 4, null, 1))));

        assertThat(results.get("SKU-BELL").outcome()).isInstanceOf(PlatformOutcome.Done.class);
        assertThat(results.get("SKU-GONE").outcome()).isInstanceOfSatisfying(PlatformOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("woocommerce_rest_product_invalid_id"));
    }
}
