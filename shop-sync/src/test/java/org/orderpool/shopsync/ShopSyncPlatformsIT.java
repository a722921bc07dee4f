package org.orderpool.shopsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.shopsync.platform.shopify.FakeShopify;
import org.orderpool.shopsync.platform.woocommerce.FakeWooCommerce;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;

/**
 * shop-sync with shops on platforms, as it runs: Spring application, real broker and registry,
 * exactly-once, the ceramics studio on the strict fake Shopify and the bike corner on the strict fake
 * WooCommerce, both on loopback, configured as a deployment would configure them.
 */
@RealKafka
class ShopSyncPlatformsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TOKEN = "shpat_it_ceramics_studio";
    private static final String LOCATION = "gid://shopify/Location/7001";
    private static final String MUG_ITEM = "gid://shopify/InventoryItem/501";
    private static final String CERAMICS = "--orderpool.shop-sync.shops.ceramics-studio.";
    private static final String BIKES = "--orderpool.shop-sync.shops.bike-corner.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FakeShopify shopify;
    private static FakeWooCommerce woo;
    private static ServiceUnderTest service;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startService(final KafkaPlatform platform) {
        shopify = FakeShopify.start(TOKEN, "2026-10");
        woo = FakeWooCommerce.start("ck_it_bike_corner", "cs_it_bike_corner");
        service = ServiceUnderTest.start(ShopSyncApplication::builder, platform, KafkaTestClient.uniquePrefix("shopsyncplatforms"),
                "shop-sync", "--server.port=0",
                CERAMICS + "platform=shopify", CERAMICS + "shopify.base-url=" + shopify.baseUrl(),
                CERAMICS + "shopify.api-version=2026-10", CERAMICS + "shopify.access-token=" + TOKEN,
                CERAMICS + "shopify.location-id=7001", CERAMICS + "carrier-names.colis-express=Colissimo",
                CERAMICS + "stock.items.SKU-MUG=501",
                BIKES + "platform=woocommerce", BIKES + "woocommerce.site-url=" + woo.siteUrl(),
                BIKES + "woocommerce.consumer-key=ck_it_bike_corner", BIKES + "woocommerce.consumer-secret=cs_it_bike_corner",
                BIKES + "stock.items.SKU-MUG=41",
                // the standard schedule's shape in fractions of a second: retries without waiting minutes
                "--orderpool.shop-sync.platforms.retry-schedule=0s,200ms,500ms,1s,2s,3s,5s,5s",
                "--orderpool.shop-sync.webhooks.jitter=0",
                "--orderpool.shop-sync.webhooks.send-every=100ms",
                "--orderpool.shop-sync.webhooks.details-wait=10s");
        kafka = service.kafka();
    }

    @AfterAll
    static void stopService() {
        service.close();
        shopify.close();
        woo.close();
    }

    @Test
    void shouldMarkOneOrderShippedInShopifyExactlyOnceWithItsTrackingThroughRestartsAndALostAnswer() throws Exception {
        shopify.order(4_501_001L, LOCATION, 2);
        final Order order = Fixtures.order("it-shopify-1").shop("ceramics-studio").shopOrderRef("4501001").line("SKU-MUG", 2).build();
        status(order, OrderStatus.ACCEPTED);
        status(order, OrderStatus.RESERVED);
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        kafka.send(topic(Topics.SHIPPING_PARCELS), parcel.getParcelId(), parcel);
        status(order, OrderStatus.SCHEDULED);
        await("the order known to shop-sync").atMost(TIMEOUT).until(() -> apiStatus("ceramics-studio", "4501001",
                "Bearer demo-token-ceramics-studio").equals("SCHEDULED"));

        service.restartWithEmptyState("state-after-first-restart");
        shopify.loseAnswerOf("FulfilWithTracking");
        status(order, OrderStatus.MANIFESTED);
        final ShipmentManifest manifest = Fixtures.manifest("colis-express", parcel);
        kafka.send(topic(Topics.SHIPPING_MANIFESTS), manifest.getManifestId(), manifest);

        await("the fulfilment in Shopify, and the retry after the lost answer").atMost(TIMEOUT)
                .until(() -> shopify.requests("OrderToFulfil").size() >= 2 && !shopify.fulfillments("gid://shopify/Order/4501001").isEmpty());
        service.restartWithEmptyState("state-after-second-restart");
        shopify.stock(MUG_ITEM, LOCATION, 0);
        woo.product(41, 0);
        final StockLevel marker = StockLevel.newBuilder(Fixtures.stockLevel("SKU-MUG", 13, 0)).setUpdatedAt(Instant.now()).build();
        kafka.send(topic(Topics.STOCK_LEVELS), "SKU-MUG", marker);
        await("shop-sync running again after the restart").atMost(TIMEOUT).until(() -> Integer.valueOf(13).equals(
                shopify.available(MUG_ITEM, LOCATION)));

        assertThat(shopify.fulfillments("gid://shopify/Order/4501001")).singleElement().satisfies(fulfillment -> {
            assertThat(fulfillment.notifyCustomer()).isTrue();
            assertThat(fulfillment.tracking()).containsExactly(new FakeShopify.Tracking("Colissimo", parcel.getTrackingReference(),
                    "https://track.colis-express.example/" + parcel.getTrackingReference()));
        });
        assertThat(shopify.requests("FulfilWithTracking")).as("the mutation made once; the retry found it done").hasSize(1);
        assertThat(kafka.readRawToEnd(topic(Topics.SHOP_SYNC_DLQ).name())).as("nothing given up").isEmpty();
    }

    @Test
    void shouldShowAStockChangeOnBothPlatformsAndInTheShopApi() throws Exception {
        shopify.stock(MUG_ITEM, LOCATION, 0);
        woo.product(41, 0);

        final StockLevel level = StockLevel.newBuilder(Fixtures.stockLevel("SKU-MUG", 30, 3)).setUpdatedAt(Instant.now()).build();
        kafka.send(topic(Topics.STOCK_LEVELS), "SKU-MUG", level);

        await("the figure on Shopify and WooCommerce").atMost(TIMEOUT).until(() -> Integer.valueOf(27).equals(
                shopify.available(MUG_ITEM, LOCATION)) && Integer.valueOf(27).equals(woo.productOf(41).get("stock_quantity")));
        assertThat(woo.productOf(41)).containsEntry("manage_stock", true);
        await("the figure in the shop API").atMost(TIMEOUT).until(() -> {
            final HttpResponse<String> response = get("/shops/bike-corner/stock", "Bearer demo-token-bike-corner");
            return response.statusCode() == 200 && JSON.readTree(response.body()).path("stock").path(0).path("available").asInt() == 27;
        });
        assertThat(get("/shops/bike-corner/stock", "Bearer demo-token-tea-house").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswerShopifysFulfilmentAndCancellationRequestsFromThePoolsStatuses() {
        shopify.order(4_503_001L, LOCATION, 1);
        shopify.requestFulfilment("gid://shopify/Order/4503001");
        final Order order = Fixtures.order("it-shopify-fs-1").shop("ceramics-studio").shopOrderRef("4503001").line("SKU-MUG", 1).build();
        status(order, OrderStatus.ACCEPTED);
        status(order, OrderStatus.RESERVED);

        await("the fulfilment request accepted once the stock is reserved").atMost(TIMEOUT)
                .until(() -> shopify.requestOf("gid://shopify/Order/4503001").get(0).equals("ACCEPTED"));
        shopify.requestCancellation("gid://shopify/Order/4503001"); // the merchant cancels; the pool cancels in time
        status(order, OrderStatus.CANCELLED);

        // one platform call answers the request, then tags the order: wait for both (the tag comes a moment later)
        await("the cancellation request accepted and the order tagged").atMost(TIMEOUT)
                .until(() -> shopify.requestOf("gid://shopify/Order/4503001").get(0).equals("CANCELLATION_ACCEPTED")
                        && !shopify.tags("gid://shopify/Order/4503001").isEmpty());
        assertThat(shopify.requests("AcceptFulfilmentRequest")).hasSize(1);
        assertThat(shopify.requests("AcceptCancellationRequest")).hasSize(1);
        assertThat(shopify.fulfillments("gid://shopify/Order/4503001")).isEmpty();
        assertThat(shopify.tags("gid://shopify/Order/4503001")).containsExactly("orderpool-cancelled");
    }

    private static void status(final Order order, final OrderStatus status) {
        kafka.send(topic(Topics.ORDERS_STATUS), order.getOrderId(), StatusChanges.change(order.getOrderId(), order.getShopId(),
                order.getShopOrderRef(), status, "it." + status.name().toLowerCase(), "set by ShopSyncPlatformsIT", "test", Instant.now()));
    }

    private static String apiStatus(final String shopId, final String ref, final String token) throws Exception {
        final HttpResponse<String> response = get("/shops/" + shopId + "/orders/" + ref, token);
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        final JsonNode order = JSON.readTree(response.body());
        return order.path("status").asText();
    }

    private static HttpResponse<String> get(final String path, final String authorization) throws Exception {
        final String port = service.context().getEnvironment().getProperty("local.server.port");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return service.topic(topic);
    }
}
