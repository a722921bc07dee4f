package org.orderpool.shopsync.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.OrderView;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.ShopTokens;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.springframework.test.web.servlet.MockMvc;

/** The shop API's HTTP face: the bearer check, shop isolation, query validation and the answers' status codes. */
class ShopApiControllerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TEA = "Bearer demo-token-tea-house";
    private static final String BOOK = "Bearer demo-token-book-nook";

    private final List<OrderView> orders = new ArrayList<>();
    private boolean restoring;
    private MockMvc api;

    @BeforeEach
    void startApi() {
        final OrderQueries queries = new OrderQueries() {
            @Override
            public Optional<OrderView> order(final String shopId, final String shopOrderRef) {
                check();
                return orders.stream().filter(o -> o.shopId().equals(shopId) && o.shopOrderRef().equals(shopOrderRef)).findFirst();
            }

            @Override
            public List<OrderView> page(final String shopId, final PageQuery query) {
                check();
                return orders.stream().filter(o -> o.shopId().equals(shopId) && !o.updatedAt().isBefore(query.updatedSince())).toList();
            }

            private void check() {
                if (restoring) {
                    throw new StoreUnavailableException("the order stores are not queryable now: REBALANCING", null);
                }
            }
        };
        final ApiRouter router = new ApiRouter(queries, List::of, (base, path, auth) -> {
            throw new AssertionError("no other instance to ask");
        }, new ShopDocuments(TrackingUrls.none()));
        final ShopTokens tokens = new ShopTokens(Map.of("tea-house", "demo-token-tea-house", "book-nook", "demo-token-book-nook"));
        api = SecuredApi.of(new ShopApiController(router, new ShopApiController.PageLimits(50, 200)), tokens);
        orders.add(order("o-tea", "tea-house", "A-1001", T0));
        orders.add(order("o-book", "book-nook", "A-1002", T0.plusSeconds(60)));
    }

    private static OrderView order(final String orderId, final String shopId, final String ref, final Instant at) {
        return OrderView.start(orderId, shopId, ref, at).withStatus(new StatusEntry(orderId + ":ACCEPTED", OrderStatus.ACCEPTED,
                "intake.accepted", "valid order", "order-intake", at), at);
    }

    @Test
    void shouldServeAShopItsOwnOrderByItsReference() throws Exception {
        api.perform(get("/shops/tea-house/orders/A-1001").header("Authorization", TEA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value("o-tea"))
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.history[0].reasonCode").value("intake.accepted"))
                .andExpect(jsonPath("$.parcels").isArray());
    }

    @Test
    void shouldRefuseARequestWithoutOrWithAWrongOrAnotherShopsToken() throws Exception {
        api.perform(get("/shops/tea-house/orders/A-1001")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"shop-sync\""))
                .andExpect(jsonPath("$.error").value("unauthorized"));
        api.perform(get("/shops/tea-house/orders/A-1001").header("Authorization", "Bearer demo-token-tea-housE"))
                .andExpect(status().isUnauthorized());
        api.perform(get("/shops/tea-house/orders/A-1001").header("Authorization", BOOK)).andExpect(status().isUnauthorized());
        api.perform(get("/shops/tea-house/orders").header("Authorization", BOOK)).andExpect(status().isUnauthorized());
        api.perform(get("/shops/unknown-shop/orders").header("Authorization", TEA)).andExpect(status().isUnauthorized());
        // an encoded path names the shop the controller would serve: tea-house, whose token this is not
        api.perform(get(URI.create("/shops/tea%2Dhouse/orders/A-1001")).header("Authorization", BOOK)).andExpect(status().isUnauthorized());
        api.perform(get(URI.create("/shops/tea%2Dhouse/orders/A-1001")).header("Authorization", TEA)).andExpect(status().isOk());
        // another scheme, and no shop in the path
        api.perform(get("/shops/tea-house/orders/A-1001").header("Authorization", "Basic ZGVtby10b2tlbi10ZWEtaG91c2U6"))
                .andExpect(status().isUnauthorized());
        api.perform(get("/shops").header("Authorization", TEA)).andExpect(status().isUnauthorized());
    }

    @Test
    void shouldKeepNoSessionBetweenRequests() throws Exception {
        api.perform(get("/shops/tea-house/orders/A-1001").header("Authorization", TEA)).andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"));
        // the token is asked every time
        api.perform(get("/shops/tea-house/orders/A-1001")).andExpect(status().isUnauthorized());
    }

    @Test
    void shouldAnswerNotFoundForAnotherShopsOrderWhateverItsReference() throws Exception {
        api.perform(get("/shops/book-nook/orders/A-1001").header("Authorization", BOOK)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("not_found"));
        api.perform(get("/shops/tea-house/orders/A-1002").header("Authorization", TEA)).andExpect(status().isNotFound());
    }

    @Test
    void shouldListOnlyTheShopsOwnOrdersChangedSinceTheTimeAsked() throws Exception {
        api.perform(get("/shops/tea-house/orders").param("updatedSince", "2026-12-01T09:00:00Z").header("Authorization", TEA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orders.length()").value(1))
                .andExpect(jsonPath("$.orders[0].orderId").value("o-tea"))
                .andExpect(jsonPath("$.nextPageToken").isEmpty());
        api.perform(get("/shops/book-nook/orders").param("updatedSince", "2026-12-01T11:00:30+01:00").header("Authorization", BOOK))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orders[0].orderId").value("o-book"));
    }

    @Test
    void shouldExplainEveryInvalidQueryParameterAtOnce() throws Exception {
        api.perform(get("/shops/tea-house/orders").param("updatedSince", "yesterday").param("status", "SHIPPED")
                        .param("limit", "5000").param("pageToken", "!!").header("Authorization", TEA))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_query"))
                .andExpect(jsonPath("$.errors[0].field").value("updatedSince"))
                .andExpect(jsonPath("$.errors[1].field").value("status"))
                .andExpect(jsonPath("$.errors[2].field").value("limit"))
                .andExpect(jsonPath("$.errors[3].field").value("pageToken"));
    }

    @Test
    void shouldAskTheShopToComeBackWhileTheStoresAreBeingRebuilt() throws Exception {
        restoring = true;

        api.perform(get("/shops/tea-house/orders/A-1001").header("Authorization", TEA))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.error").value("unavailable"));
    }
}
