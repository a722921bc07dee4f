package org.orderpool.shopsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.shopsync.domain.OrderView;
import org.orderpool.shopsync.domain.PlatformKind;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.ShopJson;
import org.orderpool.shopsync.domain.ShopPlatform;
import org.orderpool.shopsync.domain.ShopPlatforms;
import org.orderpool.shopsync.domain.ShopTokens;
import org.orderpool.shopsync.domain.StockSlot;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.springframework.test.web.servlet.MockMvc;

/** GET /shops/{shopId}/stock: the shop's SKUs only, with its token only, merged from every instance. */
class ShopStockApiTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TEA = "Bearer demo-token-tea-house";
    private static final String BOOK = "Bearer demo-token-book-nook";
    private static final ShopPlatforms SHOPS = new ShopPlatforms(List.of(
            new ShopPlatform("tea-house", PlatformKind.WOOCOMMERCE, Map.of("SKU-TEA-01", "41", "SKU-TEA-02", "42"), 0.5, false),
            new ShopPlatform("book-nook", PlatformKind.WEBHOOKS_ONLY, Map.of("SKU-BOOK-01", "", "SKU-TEA-01", "BN-TEA"), null, false)));
    private static final OrderQueries NO_ORDERS = new OrderQueries() {
        @Override
        public Optional<OrderView> order(final String shopId, final String shopOrderRef) {
            return Optional.empty();
        }

        @Override
        public List<OrderView> page(final String shopId, final PageQuery query) {
            return List.of();
        }
    };

    private final List<StockSlot> local = new ArrayList<>();
    private final List<StockSlot> remote = new ArrayList<>();
    private boolean restoring;
    private MockMvc api;

    private static StockSlot slot(final String shopId, final String sku, final int available, final int shown) {
        return new StockSlot(shopId, sku, available, shown, T0, 1, 1, shown, null, 0, null);
    }

    @BeforeEach
    void startApi() {
        final StockQueries remoteQueries = shopId -> remote.stream().filter(slot -> slot.shopId().equals(shopId)).toList();
        final ApiRouter remoteRouter = new ApiRouter(NO_ORDERS, remoteQueries, SHOPS, List::of, (b, p, a) -> null,
                new ShopDocuments(TrackingUrls.none()));
        final StockQueries localQueries = shopId -> {
            if (restoring) {
                throw new OrderQueries.StoreUnavailableException("the stock store is not queryable now: REBALANCING", null);
            }
            // a careless store range: every shop's slots; the router must show a shop its own SKUs only
            return List.copyOf(local);
        };
        final ApiRouter router = new ApiRouter(NO_ORDERS, localQueries, SHOPS, () -> List.of("http://b:8091"), (base, path, auth) -> {
            assertThat(path).matches("/shops/[a-z-]+/stock");
            final ApiRouter.Answer answer = remoteRouter.stock(path.split("/")[2], auth, true);
            return new PeerClient.Answer(200, ((ApiRouter.Answer.Found) answer).json());
        }, new ShopDocuments(TrackingUrls.none()));
        final ShopTokens tokens = new ShopTokens(Map.of("tea-house", "demo-token-tea-house", "book-nook", "demo-token-book-nook"));
        api = SecuredApi.of(new ShopApiController(router, new ShopApiController.PageLimits(50, 200)), tokens);
    }

    @Test
    void shouldShowAShopTheFigureOfEachSkuItSellsMergedFromEveryInstance() throws Exception {
        local.add(slot("tea-house", "SKU-TEA-01", 5, 2));
        remote.add(slot("tea-house", "SKU-TEA-02", 40, 40));

        api.perform(get("/shops/tea-house/stock").header("Authorization", TEA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.shopId").value("tea-house"))
                .andExpect(jsonPath("$.stock.length()").value(2))
                .andExpect(jsonPath("$.stock[0].sku").value("SKU-TEA-01"))
                .andExpect(jsonPath("$.stock[0].itemId").value("41"))
                .andExpect(jsonPath("$.stock[0].available").value(2))
                .andExpect(jsonPath("$.stock[1].available").value(40))
                .andExpect(jsonPath("$.stock[1].updatedAt").value("2026-12-01T10:00:00Z"));
    }

    @Test
    void shouldShowASkuNoLevelWasSeenForWithoutAFigure() throws Exception {
        api.perform(get("/shops/book-nook/stock").header("Authorization", BOOK))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stock[0].sku").value("SKU-BOOK-01"))
                .andExpect(jsonPath("$.stock[0].available").doesNotExist());
    }

    @Test
    void shouldNeverShowAShopAnotherShopsStock() throws Exception {
        local.add(slot("tea-house", "SKU-TEA-01", 5, 2));
        local.add(slot("book-nook", "SKU-BOOK-01", 3, 3));

        final String body = api.perform(get("/shops/book-nook/stock").header("Authorization", BOOK)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(ShopJson.read(body, ApiRouter.StockDocument.class).stock()).containsExactly(
                new ApiRouter.StockItemDocument("SKU-BOOK-01", null, 3, T0),
                new ApiRouter.StockItemDocument("SKU-TEA-01", "BN-TEA", null, null));
        api.perform(get("/shops/tea-house/stock").header("Authorization", BOOK)).andExpect(status().isUnauthorized());
        api.perform(get("/shops/tea-house/stock")).andExpect(status().isUnauthorized());
    }

    @Test
    void shouldAnswer503WhileTheStoresAreRestoring() throws Exception {
        restoring = true;

        api.perform(get("/shops/tea-house/stock").header("Authorization", TEA)).andExpect(status().isServiceUnavailable());
    }
}
