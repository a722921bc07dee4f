package org.orderpool.shopsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.OrderView;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.ShopJson;
import org.orderpool.shopsync.domain.TrackingUrls;
import org.springframework.web.util.UriUtils;

/** Routing between instances, with each instance's stores and the network replaced by maps. */
class ApiRouterTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TOKEN = "Bearer demo-token-tea-house";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ShopDocuments documents = new ShopDocuments(TrackingUrls.none());

    /** One instance: its own orders, answering its peers' local-scope requests through its own router. */
    private final class Instance implements OrderQueries {
        final List<OrderView> orders = new ArrayList<>();
        boolean restoring;
        List<String> others = List.of();
        ApiRouter router;

        @Override
        public Optional<OrderView> order(final String shopId, final String shopOrderRef) {
            check();
            return orders.stream().filter(o -> o.shopId().equals(shopId) && shopOrderRef.equals(o.shopOrderRef())).findFirst();
        }

        @Override
        public List<OrderView> page(final String shopId, final PageQuery query) {
            check();
            return orders.stream().filter(o -> o.shopId().equals(shopId) && !o.updatedAt().isBefore(query.updatedSince()))
                    .filter(o -> query.after() == null || query.after().isBefore(o.updatedAt(), o.orderId()))
                    .filter(o -> query.status() == null || query.status() == o.status())
                    .sorted(Comparator.comparing(OrderView::updatedAt).thenComparing(OrderView::orderId))
                    .limit(query.limit() + 1L).toList();
        }

        private void check() {
            if (restoring) {
                throw new StoreUnavailableException("restoring", null);
            }
        }
    }

    private final Map<String, Instance> network = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final PeerClient client = (baseUrl, pathAndQuery, authorization) -> {
        calls.add(baseUrl + pathAndQuery);
        final Instance peer = network.get(baseUrl);
        if (peer == null) {
            return new PeerClient.Answer(0, "ConnectException: Connection refused");
        }
        return answer(peer, pathAndQuery, authorization);
    };

    private PeerClient.Answer answer(final Instance peer, final String pathAndQuery, final String authorization) {
        final String[] pathAndParams = pathAndQuery.split("\\?", 2);
        final String[] segments = pathAndParams[0].split("/");
        final ApiRouter.Answer answer;
        if (segments.length == 5) {
            answer = peer.router.order(UriUtils.decode(segments[2], StandardCharsets.UTF_8),
                    UriUtils.decode(segments[4], StandardCharsets.UTF_8), authorization, true);
        } else {
            final Map<String, String> params = new HashMap<>();
            for (final String param : pathAndParams[1].split("&")) {
                params.put(param.split("=")[0], param.split("=")[1]);
            }
            answer = peer.router.page(segments[2], new PageQuery(Instant.parse(params.get("updatedSince")),
                    params.containsKey("status") ? OrderStatus.valueOf(params.get("status")) : null,
                    params.containsKey("pageToken") ? PageQuery.Cursor.parse(params.get("pageToken")) : null,
                    Integer.parseInt(params.get("limit"))), authorization, true);
        }
        if (answer instanceof ApiRouter.Answer.Found found) {
            return new PeerClient.Answer(200, found.json());
        }
        return new PeerClient.Answer(answer instanceof ApiRouter.Answer.NotFound ? 404 : 503, "");
    }

    private Instance instance(final String baseUrl, final String... others) {
        final Instance instance = new Instance();
        instance.others = List.of(others);
        instance.router = new ApiRouter(instance, () -> instance.others, client, documents);
        network.put(baseUrl, instance);
        return instance;
    }

    private static OrderView order(final String orderId, final String shopId, final String ref, final Instant updatedAt) {
        return OrderView.start(orderId, shopId, ref, updatedAt).withStatus(new StatusEntry(orderId + ":ACCEPTED", OrderStatus.ACCEPTED,
                "intake.accepted", "ok", "test", updatedAt), updatedAt);
    }

    @Test
    void shouldAnswerFromItsOwnStoresWithoutAskingAnotherInstance() {
        final Instance a = instance("http://a:8091", "http://b:8091");
        instance("http://b:8091", "http://a:8091");
        a.orders.add(order("o-1", "tea-house", "TH-1", T0));

        final ApiRouter.Answer answer = a.router.order("tea-house", "TH-1", TOKEN, false);

        assertThat(answer).isInstanceOfSatisfying(ApiRouter.Answer.Found.class, found -> assertThat(found.json()).contains("\"o-1\""));
        assertThat(calls).isEmpty();
    }

    @Test
    void shouldAskTheOtherInstancesForAnOrderItDoesNotHoldPassingTheShopsTokenOn() {
        final Instance a = instance("http://a:8091", "http://b:8091", "http://c:8091");
        instance("http://b:8091");
        final Instance c = instance("http://c:8091");
        c.orders.add(order("o-2", "tea-house", "TH/2 é", T0));

        final ApiRouter.Answer answer = a.router.order("tea-house", "TH/2 é", TOKEN, false);

        assertThat(answer).isInstanceOfSatisfying(ApiRouter.Answer.Found.class, found -> assertThat(found.json()).contains("\"o-2\""));
        assertThat(calls).containsExactly("http://b:8091/shops/tea-house/orders/TH%2F2%20%C3%A9",
                "http://c:8091/shops/tea-house/orders/TH%2F2%20%C3%A9");
    }

    @Test
    void shouldAnswerNotFoundOnlyWhenEveryInstanceSaidSo() {
        final Instance a = instance("http://a:8091", "http://b:8091");
        instance("http://b:8091");

        assertThat(a.router.order("tea-house", "TH-404", TOKEN, false)).isInstanceOf(ApiRouter.Answer.NotFound.class);
    }

    @Test
    void shouldSayUnavailableRatherThanNotFoundWhenAnInstanceCouldNotBeAsked() {
        final Instance a = instance("http://a:8091", "http://gone:8091");

        final ApiRouter.Answer answer = a.router.order("tea-house", "TH-1", TOKEN, false);

        assertThat(answer).isInstanceOfSatisfying(ApiRouter.Answer.Unavailable.class,
                unavailable -> assertThat(unavailable.reason()).contains("http://gone:8091").contains("ConnectException"));
    }

    @Test
    void shouldSayUnavailableWhileItsOwnStoresAreRestoring() {
        final Instance a = instance("http://a:8091");
        a.restoring = true;

        assertThat(a.router.order("tea-house", "TH-1", TOKEN, false)).isInstanceOf(ApiRouter.Answer.Unavailable.class);
        assertThat(a.router.page("tea-house", new PageQuery(T0, null, null, 10), TOKEN, false)).isInstanceOf(ApiRouter.Answer.Unavailable.class);
    }

    @Test
    void shouldNeverAskAnotherInstanceWhenAskedForItsOwnOrdersOnly() {
        final Instance a = instance("http://a:8091", "http://b:8091");

        assertThat(a.router.order("tea-house", "TH-1", TOKEN, true)).isInstanceOf(ApiRouter.Answer.NotFound.class);
        assertThat(calls).isEmpty();
    }

    @Test
    void shouldMergeTheInstancesPagesOldestChangeFirstAndPageThroughThemAll() throws Exception {
        final Instance a = instance("http://a:8091", "http://b:8091");
        final Instance b = instance("http://b:8091", "http://a:8091");
        for (int i = 0; i < 7; i++) {
            (i % 2 == 0 ? a : b).orders.add(order("o-" + i, "tea-house", "TH-" + i, T0.plusSeconds(i)));
        }
        b.orders.add(order("o-other", "book-nook", "BN-1", T0));

        final List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            final ApiRouter.Answer answer = a.router.page("tea-house", new PageQuery(T0, null,
                    token == null ? null : PageQuery.Cursor.parse(token), 3), TOKEN, false);
            final JsonNode page = JSON.readTree(((ApiRouter.Answer.Found) answer).json());
            page.get("orders").forEach(order -> seen.add(order.get("orderId").asText()));
            token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asText();
            pages++;
        } while (token != null && pages < 10);

        assertThat(seen).containsExactly("o-0", "o-1", "o-2", "o-3", "o-4", "o-5", "o-6");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void shouldRefuseAPageThatWouldMissAnInstancesOrders() {
        final Instance a = instance("http://a:8091", "http://gone:8091");
        a.orders.add(order("o-1", "tea-house", "TH-1", T0));

        assertThat(a.router.page("tea-house", new PageQuery(T0, null, null, 10), TOKEN, false))
                .isInstanceOf(ApiRouter.Answer.Unavailable.class);
    }

    @Test
    void shouldKeepOnlyOrdersInTheStatusAskedFor() throws Exception {
        final Instance a = instance("http://a:8091");
        a.orders.add(order("o-1", "tea-house", "TH-1", T0));
        a.orders.add(order("o-2", "tea-house", "TH-2", T0).withStatus(new StatusEntry("o-2:REJECTED", OrderStatus.REJECTED, "x", "x", "t",
                T0), T0));

        final JsonNode page = JSON.readTree(((ApiRouter.Answer.Found) a.router.page("tea-house",
                new PageQuery(T0, OrderStatus.REJECTED, null, 10), TOKEN, false)).json());

        assertThat(page.get("orders")).extracting(order -> order.get("orderId").asText()).containsExactly("o-2");
        assertThat(ShopJson.read(((ApiRouter.Answer.Found) a.router.page("tea-house", new PageQuery(T0, null, null, 10), TOKEN, false))
                .json(), ApiRouter.PageDocument.class).nextPageToken()).isNull();
    }
}
