package org.orderpool.shopsync.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.orderpool.shopsync.domain.OrderView;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.ShopDocuments.OrderDocument;
import org.orderpool.shopsync.domain.ShopJson;
import org.orderpool.shopsync.domain.ShopPlatforms;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Answers the shop API from the state stores of every instance. Orders are partitioned by order id,
 * while a shop asks by its own reference or for all its orders, so the instance that received the
 * request looks in its own stores first and then asks each other instance (found through Kafka Streams
 * metadata) for what that instance holds, passing the shop's token on. One order: the first instance
 * that has it answers; if one of them could not be asked, the answer is 503, not a 404 that might be
 * wrong. A page: the instances' pages are merged, oldest change first; a page with an instance missing
 * is 503, because a shop reconciling from it would miss orders without knowing.
 */
public final class ApiRouter {

    /** Sent to another instance: answer from your own stores only. */
    public static final String SCOPE_HEADER = "X-Shop-Sync-Scope";
    public static final String LOCAL_SCOPE = "local";

    private final OrderQueries local;
    private final StockQueries localStock;
    private final ShopPlatforms shops;
    private final Peers peers;
    private final PeerClient client;
    private final ShopDocuments documents;

    public ApiRouter(final OrderQueries local, final Peers peers, final PeerClient client, final ShopDocuments documents) {
        this(local, StockQueries.NONE, ShopPlatforms.none(), peers, client, documents);
    }

    /**
     * @param shops which SKUs each shop sells: the stock a shop is shown, whatever the stores hold
     */
    public ApiRouter(final OrderQueries local, final StockQueries localStock, final ShopPlatforms shops, final Peers peers,
                     final PeerClient client, final ShopDocuments documents) {
        this.local = local;
        this.localStock = localStock;
        this.shops = shops;
        this.peers = peers;
        this.client = client;
        this.documents = documents;
    }

    public Answer order(final String shopId, final String shopOrderRef, final String authorization, final boolean localOnly) {
        final Optional<OrderView> mine;
        try {
            mine = local.order(shopId, shopOrderRef);
        } catch (final OrderQueries.StoreUnavailableException e) {
            return new Answer.Unavailable(e.getMessage());
        }
        if (mine.isPresent()) {
            return new Answer.Found(ShopJson.write(documents.order(mine.get())));
        }
        if (localOnly) {
            return new Answer.NotFound();
        }
        final String path = UriComponentsBuilder.fromPath("/shops/{shopId}/orders/{shopOrderRef}").encode()
                .buildAndExpand(shopId, shopOrderRef).toUriString();
        final List<String> unanswered = new ArrayList<>();
        for (final String peer : peers.others()) {
            final PeerClient.Answer answer = client.get(peer, path, authorization);
            if (answer.status() == 200) {
                return new Answer.Found(answer.body());
            }
            if (answer.status() != 404) {
                unanswered.add(peer + " (" + describe(answer) + ")");
            }
        }
        return unanswered.isEmpty() ? new Answer.NotFound()
                : new Answer.Unavailable("not every shop-sync instance could be asked: " + String.join(", ", unanswered));
    }

    public Answer page(final String shopId, final PageQuery query, final String authorization, final boolean localOnly) {
        final List<OrderDocument> found = new ArrayList<>();
        boolean more = false;
        try {
            local.page(shopId, query).forEach(view -> found.add(documents.order(view)));
        } catch (final OrderQueries.StoreUnavailableException e) {
            return new Answer.Unavailable(e.getMessage());
        }
        if (!localOnly) {
            final String path = pagePath(shopId, query);
            for (final String peer : peers.others()) {
                final PeerClient.Answer answer = client.get(peer, path, authorization);
                if (answer.status() != 200) {
                    return new Answer.Unavailable("not every shop-sync instance could be asked: " + peer
                            + " (" + describe(answer) + ")");
                }
                final PageDocument page = ShopJson.read(answer.body(), PageDocument.class);
                found.addAll(page.orders());
                more |= page.nextPageToken() != null;
            }
        }
        found.sort(Comparator.comparing(OrderDocument::updatedAt).thenComparing(OrderDocument::orderId));
        final List<OrderDocument> page = found.size() > query.limit() ? found.subList(0, query.limit()) : found;
        final boolean next = (found.size() > query.limit() || more) && !page.isEmpty();
        final OrderDocument last = page.isEmpty() ? null : page.get(page.size() - 1);
        final String token = next ? new PageQuery.Cursor(last.updatedAt(), last.orderId()).token() : null;
        return new Answer.Found(ShopJson.write(new PageDocument(List.copyOf(page), token)));
    }

    /**
     * The shop's stock: every SKU of its stock map with the units its storefront is shown (null while no
     * level of the SKU has been seen), merged from every instance, since stock is partitioned by SKU.
     */
    public Answer stock(final String shopId, final String authorization, final boolean localOnly) {
        final Map<String, StockItemDocument> found = new HashMap<>();
        try {
            localStock.stock(shopId).stream().filter(slot -> shopId.equals(slot.shopId()))
                    .forEach(slot -> merge(found, new StockItemDocument(slot.sku(), null, slot.shown(), slot.levelAt())));
        } catch (final OrderQueries.StoreUnavailableException e) {
            return new Answer.Unavailable(e.getMessage());
        }
        if (!localOnly) {
            final String path = UriComponentsBuilder.fromPath("/shops/{shopId}/stock").encode().buildAndExpand(shopId).toUriString();
            for (final String peer : peers.others()) {
                final PeerClient.Answer answer = client.get(peer, path, authorization);
                if (answer.status() != 200) {
                    return new Answer.Unavailable("not every shop-sync instance could be asked: " + peer + " (" + describe(answer) + ")");
                }
                ShopJson.read(answer.body(), StockDocument.class).stock().forEach(item -> merge(found, item));
            }
        }
        final List<StockItemDocument> stock = new ArrayList<>();
        new TreeMap<>(shops.shop(shopId).stockItems()).forEach((sku, itemId) -> {
            final StockItemDocument item = found.get(sku);
            stock.add(new StockItemDocument(sku, itemId.isEmpty() ? null : itemId, item == null ? null : item.available(),
                    item == null ? null : item.updatedAt()));
        });
        return new Answer.Found(ShopJson.write(new StockDocument(shopId, stock)));
    }

    /** Keeps the item that knows a figure, the later one when two do. */
    private static void merge(final Map<String, StockItemDocument> found, final StockItemDocument item) {
        found.merge(item.sku(), item, (known, other) -> other.available() == null ? known : known.available() == null ? other
                : other.updatedAt() != null && (known.updatedAt() == null || other.updatedAt().isAfter(known.updatedAt())) ? other : known);
    }

    private static String pagePath(final String shopId, final PageQuery query) {
        final UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/shops/{shopId}/orders")
                .queryParam("updatedSince", query.updatedSince().toString())
                .queryParam("limit", query.limit());
        if (query.status() != null) {
            uri.queryParam("status", query.status().name());
        }
        if (query.after() != null) {
            uri.queryParam("pageToken", query.after().token());
        }
        return uri.encode().buildAndExpand(shopId).toUriString();
    }

    private static String describe(final PeerClient.Answer answer) {
        return answer.status() == 0 ? answer.body() : "HTTP " + answer.status();
    }

    /** A shop's stock in the shop API: per SKU it sells, the units shown and when the pool's ledger last changed. */
    public record StockDocument(String shopId, List<StockItemDocument> stock) {
    }

    /** {@code itemId}: the SKU's item on the shop's platform, from the shop's stock map. */
    public record StockItemDocument(String sku, String itemId, Integer available, Instant updatedAt) {
    }

    /** A page of the shop API; {@code nextPageToken} is null on the last page. */
    public record PageDocument(List<OrderDocument> orders, String nextPageToken) {
    }

    /** What the API answers: a JSON document, nothing (404), or not now (503, with why). */
    public sealed interface Answer {

        record Found(String json) implements Answer {
        }

        record NotFound() implements Answer {
        }

        record Unavailable(String reason) implements Answer {
        }
    }
}
