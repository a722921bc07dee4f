package org.orderpool.intake.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.orderpool.contracts.FieldError;
import org.orderpool.intake.domain.CardNumberGuard;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.Shop;
import org.orderpool.intake.domain.ShopDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook gateway without HTTP plumbing: authenticates a delivery with the shop's secret, refuses
 * replays, maps the platform's payload to a submitted order, and writes it durably once. Each refusal
 * has its own status and a body saying why; nothing here logs a body or a secret.
 */
public final class IntakeGateway {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeGateway.class);

    /** Limits of the gateway. */
    public record Settings(int maxBodyBytes, Duration signedTimestampTolerance, Duration platformReplayWindow) {

        public static Settings defaults() {
            return new Settings(256 * 1024, Duration.ofMinutes(5), Duration.ofHours(48));
        }
    }

    private final ShopDirectory shops;
    private final SubmissionSink publisher;
    private final DecidedOrders decidedOrders;
    private final Settings settings;
    private final Clock clock;
    private final RecentEvents recent;
    private final ObjectMapper json = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(64 * 1024).build())
            .build()).build();

    public IntakeGateway(final ShopDirectory shops, final SubmissionSink publisher, final DecidedOrders decidedOrders,
                         final Settings settings, final Clock clock) {
        this.shops = shops;
        this.publisher = publisher;
        this.decidedOrders = decidedOrders;
        this.settings = settings;
        this.clock = clock;
        this.recent = new RecentEvents(settings.platformReplayWindow(), 200_000);
    }

    public GatewayResponse handle(final WebhookFormat format, final String shopId, final String contentType,
                                  final long contentLength, final UnaryOperator<String> headers, final InputStream bodyStream) {
        final Optional<Shop> shop = shops.find(shopId);
        if (shop.isEmpty()) {
            return GatewayResponse.error(404, "unknown_shop", "no shop '" + shopId + "' in the pool");
        }
        if (contentLength > settings.maxBodyBytes()) {
            return tooLarge();
        }
        final byte[] body;
        try {
            body = bodyStream.readNBytes(settings.maxBodyBytes() + 1);
        } catch (final IOException e) {
            return GatewayResponse.error(400, "unreadable_body", "the request body could not be read");
        }
        if (body.length > settings.maxBodyBytes()) {
            return tooLarge();
        }
        if (format == WebhookFormat.WOOCOMMERCE && isWooCommercePing(contentType, body)) {
            return GatewayResponse.submitted(200, null, "PING_OK");
        }
        if (!isJson(contentType)) {
            return GatewayResponse.error(415, "unsupported_media_type", "send the order as application/json, not "
                    + (contentType == null ? "no content type" : contentType));
        }
        final Instant now = clock.instant();
        final GatewayResponse unauthenticated = authenticate(format, shop.get(), headers, body, now);
        if (unauthenticated != null) {
            LOG.info("Refused a {} delivery for shop {}: {}", format, shopId, unauthenticated.body().get("error"));
            return unauthenticated;
        }
        final JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (final JsonProcessingException e) {
            return GatewayResponse.invalid("invalid_json", "the body is not valid JSON: " + CardNumberGuard.mask(e.getOriginalMessage()), List.of());
        } catch (final IOException e) {
            return GatewayResponse.invalid("invalid_json", "the body is not valid JSON", List.of());
        }
        if (tree == null || !tree.isObject()) {
            return GatewayResponse.invalid("invalid_json", "the body must be a JSON object", List.of());
        }
        final List<FieldError> cardNumbers = new ArrayList<>();
        findCardNumbers(tree, "", cardNumbers);
        if (!cardNumbers.isEmpty()) {
            return GatewayResponse.invalid("card_number", "the order holds what looks like a full card number; it was not stored",
                    cardNumbers);
        }
        final Instant eventTime = format.mapper().eventTime(tree);
        if (eventTime != null && eventTime.isBefore(now.minus(settings.platformReplayWindow()))) {
            return GatewayResponse.error(401, "stale_request", "the order was created at " + eventTime + ", more than "
                    + settings.platformReplayWindow().toHours() + " h ago; old deliveries are not replayed");
        }
        final String eventId = headers.apply(format.eventIdHeader());
        final String eventKey = eventId == null ? null : format + ":" + shopId + ":" + eventId;
        final Optional<String> knownEvent = recent.orderIdFor(eventKey, now);
        if (knownEvent.isPresent()) {
            return GatewayResponse.submitted(200, knownEvent.get(), "DUPLICATE");
        }
        final OrderPayloadMapper.Mapped mapped = format.mapper().map(shopId, tree, eventId, now);
        if (!mapped.isValid()) {
            return GatewayResponse.invalid("invalid_order", "the body cannot be an order", mapped.errors().stream()
                    .map(e -> new FieldError(e.getField(), e.getCode(), CardNumberGuard.mask(e.getMessage()))).toList());
        }
        final String orderId = OrderIds.forShopOrder(shopId, mapped.order().getShopOrderRef());
        final String orderKey = "order:" + orderId;
        if (recent.orderIdFor(orderKey, now).isPresent() || decidedOrders.wasDecided(orderId)) {
            recent.remember(eventKey, orderId, now);
            return GatewayResponse.submitted(200, orderId, "DUPLICATE");
        }
        try {
            publisher.publish(mapped.order());
        } catch (final SubmissionSink.PublishFailedException e) {
            LOG.warn("Could not write order {} of shop {}: {}", orderId, shopId, e.getMessage());
            return GatewayResponse.error(503, "not_stored", "the order could not be stored; retry later");
        }
        recent.remember(orderKey, orderId, now);
        recent.remember(eventKey, orderId, now);
        return GatewayResponse.submitted(202, orderId, "SUBMITTED");
    }

    private GatewayResponse authenticate(final WebhookFormat format, final Shop shop, final UnaryOperator<String> headers,
                                         final byte[] body, final Instant now) {
        final String provided = headers.apply(format.signatureHeader());
        if (provided == null || provided.isBlank()) {
            return GatewayResponse.error(401, "missing_signature", "the " + format.signatureHeader() + " header is required");
        }
        final String expected;
        if (format == WebhookFormat.POOL_JSON) {
            final String timestamp = headers.apply(WebhookFormat.POOL_TIMESTAMP_HEADER);
            final long seconds;
            try {
                seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
            } catch (final NumberFormatException e) {
                return GatewayResponse.error(401, "missing_timestamp", "the " + WebhookFormat.POOL_TIMESTAMP_HEADER
                        + " header must hold the sending time in unix seconds");
            }
            expected = WebhookSignatures.poolSignature(shop.webhookSecret(), seconds, body);
            if (!WebhookSignatures.matches(expected, provided)) {
                return invalidSignature();
            }
            if (Math.abs(now.getEpochSecond() - seconds) > settings.signedTimestampTolerance().toSeconds()) {
                return GatewayResponse.error(401, "stale_request", "the signed timestamp is more than "
                        + settings.signedTimestampTolerance().toMinutes() + " minutes away from the pool's clock; replays are refused");
            }
            return null;
        }
        expected = WebhookSignatures.base64Signature(shop.webhookSecret(), body);
        return WebhookSignatures.matches(expected, provided) ? null : invalidSignature();
    }

    private static GatewayResponse invalidSignature() {
        return GatewayResponse.error(401, "invalid_signature", "the signature does not match the body and the shop's secret");
    }

    private GatewayResponse tooLarge() {
        return GatewayResponse.error(413, "body_too_large", "an order body may be at most " + settings.maxBodyBytes() + " bytes");
    }

    private static boolean isJson(final String contentType) {
        if (contentType == null) {
            return false;
        }
        final String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static boolean isWooCommercePing(final String contentType, final byte[] body) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && body.length < 200 && new String(body, StandardCharsets.US_ASCII).startsWith("webhook_id=");
    }

    private static void findCardNumbers(final JsonNode node, final String path, final List<FieldError> found) {
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                if (!CardNumberGuard.isPlatformIdentifier(field.getKey())) {
                    findCardNumbers(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findCardNumbers(node.get(i), path + "[" + i + "]", found);
            }
        } else if ((node.isTextual() || node.isNumber()) && CardNumberGuard.containsCardNumber(node.asText())) {
            found.add(new FieldError(path, "card_number", "holds what looks like a full card number ("
                    + CardNumberGuard.mask(node.asText()) + "); never send card numbers"));
        }
    }
}
