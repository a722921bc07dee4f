package org.orderpool.shopsync.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.ShopJson;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop API: a shop reads its own orders, by its reference or as pages of the orders changed since
 * a time (to reconcile when webhooks failed), and its stock. Every request has passed {@link ShopApiSecurity};
 * every answer comes from {@link ApiRouter}. Another shop's order is 404 whatever its reference.
 */
@RestController
public class ShopApiController {

    private static final Instant BEGINNING = Instant.EPOCH;

    private final ApiRouter router;
    private final int pageSize;
    private final int maxPageSize;

    public ShopApiController(final ApiRouter router, final PageLimits limits) {
        this.router = router;
        this.pageSize = limits.pageSize();
        this.maxPageSize = limits.maxPageSize();
    }

    /** How many orders a page has when the shop does not say ({@code limit}), and at most. */
    public record PageLimits(int pageSize, int maxPageSize) {
    }

    /** {@code {orderId, status, history[], parcels[]}} with tracking, and the rejection's errors. */
    @GetMapping(path = "/shops/{shopId}/orders/{shopOrderRef}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> order(@PathVariable final String shopId, @PathVariable final String shopOrderRef,
                                        @RequestHeader(HttpHeaders.AUTHORIZATION) final String authorization,
                                        @RequestHeader(name = ApiRouter.SCOPE_HEADER, required = false) final String scope) {
        return respond(router.order(shopId, shopOrderRef, authorization, ApiRouter.LOCAL_SCOPE.equals(scope)));
    }

    /** {@code {orders[], nextPageToken}}: the shop's orders changed at or after {@code updatedSince}, oldest change first. */
    @GetMapping(path = "/shops/{shopId}/orders", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> orders(@PathVariable final String shopId,
                                         @RequestParam(required = false) final String updatedSince,
                                         @RequestParam(required = false) final String status,
                                         @RequestParam(required = false) final String limit,
                                         @RequestParam(required = false) final String pageToken,
                                         @RequestHeader(HttpHeaders.AUTHORIZATION) final String authorization,
                                         @RequestHeader(name = ApiRouter.SCOPE_HEADER, required = false) final String scope) {
        final List<Map<String, String>> errors = new ArrayList<>();
        final Instant since = updatedSince == null ? BEGINNING : instant(updatedSince, errors);
        final OrderStatus wanted = status == null ? null : status(status, errors);
        final int size = limit == null ? pageSize : limit(limit, errors);
        PageQuery.Cursor after = null;
        if (pageToken != null) {
            try {
                after = PageQuery.Cursor.parse(pageToken);
            } catch (final IllegalArgumentException e) {
                errors.add(error("pageToken", "invalid_page_token", "not a nextPageToken this API returned"));
            }
        }
        if (!errors.isEmpty()) {
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "invalid_query");
            body.put("errors", errors);
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(ShopJson.write(body));
        }
        return respond(router.page(shopId, new PageQuery(since, wanted, after, size), authorization,
                ApiRouter.LOCAL_SCOPE.equals(scope)));
    }

    /** {@code {shopId, stock[]}}: per SKU the shop sells, the units its storefront shows ({@code available}). */
    @GetMapping(path = "/shops/{shopId}/stock", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> stock(@PathVariable final String shopId,
                                        @RequestHeader(HttpHeaders.AUTHORIZATION) final String authorization,
                                        @RequestHeader(name = ApiRouter.SCOPE_HEADER, required = false) final String scope) {
        return respond(router.stock(shopId, authorization, ApiRouter.LOCAL_SCOPE.equals(scope)));
    }

    private static ResponseEntity<String> respond(final ApiRouter.Answer answer) {
        if (answer instanceof ApiRouter.Answer.Found found) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(found.json());
        }
        if (answer instanceof ApiRouter.Answer.Unavailable unavailable) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ShopJson.write(Map.of("error", "unavailable", "message", unavailable.reason())));
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body(ShopJson.write(Map.of("error", "not_found")));
    }

    private static Instant instant(final String value, final List<Map<String, String>> errors) {
        try {
            return Instant.parse(value);
        } catch (final DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (final DateTimeParseException e) {
                errors.add(error("updatedSince", "invalid_instant", "an ISO-8601 date-time such as 2026-12-01T10:00:00Z, not '" + value
                        + "'" + (value.contains(" ") ? " (a + in the query must be sent as %2B)" : "")));
                return BEGINNING;
            }
        }
    }

    private static OrderStatus status(final String value, final List<Map<String, String>> errors) {
        for (final OrderStatus status : OrderStatus.values()) {
            if (status != OrderStatus.UNKNOWN && status.name().equals(value)) {
                return status;
            }
        }
        errors.add(error("status", "invalid_status", "one of the order statuses (ACCEPTED, REJECTED, ..., MANIFESTED, "
                + "CANCELLED), not '" + value + "'"));
        return null;
    }

    private int limit(final String value, final List<Map<String, String>> errors) {
        try {
            final int size = Integer.parseInt(value);
            if (size >= 1 && size <= maxPageSize) {
                return size;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        errors.add(error("limit", "invalid_limit", "a whole number from 1 to " + maxPageSize + ", not '" + value + "'"));
        return pageSize;
    }

    private static Map<String, String> error(final String field, final String code, final String message) {
        final Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("code", code);
        error.put("message", message);
        return error;
    }
}
