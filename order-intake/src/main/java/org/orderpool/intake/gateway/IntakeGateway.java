package org.orderpool.intake.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.intake.domain.CancellationReasons;
import org.orderpool.intake.domain.CardNumberGuard;
import org.orderpool.intake.domain.IntakeState;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.PrintableText;
import org.orderpool.intake.domain.Shop;
import org.orderpool.intake.domain.ShopDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook gateway without HTTP plumbing: authenticates a delivery with the shop's secret, routes it
 * by the platform's topic header ({@link Delivery}: a new order, a later version of one, a cancellation, a payment
 * dispute, or a topic the pool does not use, answered 200 IGNORED), refuses deliveries sent longer ago than the
 * replay window, ambiguous JSON (a key twice) and text that is not printable, maps the platform's
 * payload to a submitted order, and writes it durably once. Each refusal has its own status and a body
 * saying why; nothing here logs a body or a secret.
 *
 * <p>Deliveries are deduplicated by the platform's event id (per topic), never by the order's age. A new
 * order sent again is answered 200 DUPLICATE as below; a later version of a known order (paid, updated) is
 * always written, since it may release the order's payment or update the order: order-intake decides what it
 * changes (202 UPDATE_REQUESTED when this instance knows the order was accepted: the answer comes on orders.status).
 *
 * <p>A repeated delivery is answered 200 DUPLICATE when this instance can tell: it wrote the order itself
 * within the replay window ({@link RecentEvents}, in memory), or its own deduplication store holds the
 * order id (only the order ids of the tasks it runs). A repeat reaching another instance, or this one
 * after a restart or a rebalance, is answered 202 SUBMITTED with the same order id and written again;
 * order-intake then drops it, as it drops every retry, so the shop still has one order.
 */
public final class IntakeGateway {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeGateway.class);

    /**
     * Limits of the gateway.
     *
     * @param bodyReadTimeout how long a client may take to send the whole body; with the server's idle read timeout
     *                        ({@code server.tomcat.connection-timeout}) it bounds how long one client holds a request thread
     */
    public record Settings(int maxBodyBytes, Duration signedTimestampTolerance, Duration platformReplayWindow,
                           Duration bodyReadTimeout) {

        public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);

        public static Settings defaults() {
            return new Settings(256 * 1024, Duration.ofMinutes(5), Duration.ofHours(48), DEFAULT_BODY_READ_TIMEOUT);
        }
    }

    private final ShopDirectory shops;
    private final SubmissionSink publisher;
    private final CancellationSink cancellations;
    private final DisputeSink disputes;
    private final DecidedOrders decidedOrders;
    private final Settings settings;
    private final Clock clock;
    private final RecentEvents recent;
    private final ObjectMapper json = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(64 * 1024).build())
            .build()).build();

    /** A gateway that takes no cancellations (it answers 503 for each): for tests of orders only. */
    public IntakeGateway(final ShopDirectory shops, final SubmissionSink publisher, final DecidedOrders decidedOrders,
                         final Settings settings, final Clock clock) {
        this(shops, publisher, cancellation -> {
            throw new SubmissionSink.PublishFailedException("this gateway has nowhere to write cancellations", null);
        }, decidedOrders, settings, clock);
    }

    /** A gateway that takes no disputes (it answers 503 for each): for tests of orders and cancellations only. */
    public IntakeGateway(final ShopDirectory shops, final SubmissionSink publisher, final CancellationSink cancellations,
                         final DecidedOrders decidedOrders, final Settings settings, final Clock clock) {
        this(shops, publisher, cancellations, dispute -> {
            throw new SubmissionSink.PublishFailedException("this gateway has nowhere to write disputes", null);
        }, decidedOrders, settings, clock);
    }

    public IntakeGateway(final ShopDirectory shops, final SubmissionSink publisher, final CancellationSink cancellations,
                         final DisputeSink disputes, final DecidedOrders decidedOrders, final Settings settings,
                         final Clock clock) {
        this.shops = shops;
        this.publisher = publisher;
        this.cancellations = cancellations;
        this.disputes = disputes;
        this.decidedOrders = decidedOrders;
        this.settings = settings;
        this.clock = clock;
        this.recent = new RecentEvents(settings.platformReplayWindow(), 200_000);
    }

    public GatewayResponse handle(final WebhookFormat format, final String shopId, final String contentType,
                                  final long contentLength, final UnaryOperator<String> headers, final InputStream bodyStream) {
        final Instant now = clock.instant();
        final Received received = receive(format, shopId, contentType, contentLength, headers, bodyStream, now);
        if (received.refusal() != null) {
            return format.isPlatform() && received.refusal().status() == 422 ? unreadable(format, shopId, received.refusal())
                    : received.refusal();
        }
        final JsonNode tree = received.tree();
        final String topic = format.topic(headers);
        final Delivery delivery = format.mapper().delivery(topic, tree);
        if (delivery == Delivery.IGNORED) {
            LOG.info("Ignored a {} delivery for shop {}: topic '{}' is none the pool uses", format, shopId,
                    PrintableText.sanitise(topic));
            return GatewayResponse.ignored("topic '" + PrintableText.sanitise(topic) + "' is none the pool takes");
        }
        final GatewayResponse stale = staleness(format, headers, tree, now);
        if (stale != null) {
            LOG.info("Refused a {} delivery for shop {}: {}", format, shopId, stale.body().get("message"));
            return stale;
        }
        final WebhookFormat.HeaderValue eventId = format.eventId(headers);
        if (eventId != null && PrintableText.firstRefused(eventId.value()) >= 0) {
            final GatewayResponse refusal = GatewayResponse.invalid("invalid_order", "the body cannot be an order",
                    List.of(new FieldError(eventId.header(), PrintableText.CODE,
                            PrintableText.reason(eventId.header(), eventId.value()))));
            return format.isPlatform() ? unreadable(format, shopId, refusal) : refusal;
        }
        // One event id per event: a retry of a delivery, or the same event sent twice, is recognised; each topic separately.
        final String eventKey = eventId == null ? null
                : format + ":" + shopId + ":" + (topic == null ? "" : topic) + ":" + eventId.value();
        final Optional<String> knownEvent = recent.orderIdFor(eventKey, now);
        if (knownEvent.isPresent()) {
            return GatewayResponse.submitted(200, knownEvent.get(), "DUPLICATE");
        }
        if (delivery == Delivery.DISPUTE) {
            return platformDispute(format, shopId, topic, tree, eventKey, now);
        }
        if (delivery == Delivery.CANCELLATION) {
            final OrderPayloadMapper.CancellationRequest request = format.mapper().cancellation(topic, tree);
            if (!request.errors().isEmpty()) {
                final GatewayResponse refusal = GatewayResponse.invalid("invalid_cancellation", "the body cannot be a cancellation",
                        request.errors());
                return format.isPlatform() ? unreadable(format, shopId, refusal) : refusal;
            }
            return cancel(format, shopId, request, eventKey, false, now);
        }
        final List<FieldError> cardNumbers = new ArrayList<>();
        findCardNumbers(tree, "", cardNumbers);
        final OrderPayloadMapper.Mapped mapped = format.mapper().map(shopId, tree, eventId == null ? null : eventId.value(), now);
        final GatewayResponse invalid = !cardNumbers.isEmpty()
                ? GatewayResponse.invalid("card_number", "the order holds what looks like a full card number; it was not stored",
                        cardNumbers)
                : mapped.isValid() ? null : GatewayResponse.invalid("invalid_order", "the body cannot be an order", mapped.errors()
                        .stream().map(e -> new FieldError(e.getField(), e.getCode(), CardNumberGuard.mask(e.getMessage()))).toList());
        if (invalid != null && !format.isPlatform()) {
            return invalid; // the pool's own API: the client reads the answer
        }
        if (invalid != null) {
            return rejectInPlace(format, shopId, mapped.order(), eventKey, invalid, now);
        }
        final String orderId = OrderIds.forShopOrder(shopId, mapped.order().getShopOrderRef());
        final String orderKey = "order:" + orderId;
        // A new order sent again changes nothing, whatever became of it; a later version (paid, updated) may, so it is passed
        // on, unless this instance knows the order ended at intake: then the version can change nothing, and the answer says why.
        if (delivery == Delivery.ORDER_CREATED
                && (recent.orderIdFor(orderKey, now).isPresent() || decidedOrders.wasDecided(orderId))) {
            recent.remember(eventKey, orderId, now);
            return GatewayResponse.submitted(200, orderId, "DUPLICATE");
        }
        boolean update = false;
        if (delivery == Delivery.ORDER_CHANGED) {
            final DecidedOrders.Lookup lookup = decidedOrders.lookup(orderId);
            final boolean known = lookup.knowledge() == DecidedOrders.Knowledge.KNOWN;
            update = known && lookup.state().phase() == IntakeState.Phase.ACCEPTED;
            if (known && endedAtIntake(lookup.state())) {
                recent.remember(eventKey, orderId, now);
                LOG.info("Ignored a {} version of order {} of shop {}: the order is {} at intake", format, orderId, shopId,
                        lookup.state().phase());
                return GatewayResponse.ignored(orderId, "order_" + lookup.state().phase().name().toLowerCase(Locale.ROOT),
                        laterVersionIgnored(lookup.state().phase()));
            }
        }
        try {
            publisher.publish(mapped.order());
        } catch (final SubmissionSink.PublishFailedException e) {
            LOG.warn("Could not write order {} of shop {}: {}", orderId, shopId, e.getMessage());
            return GatewayResponse.error(503, "not_stored", "the order could not be stored; retry later");
        }
        recent.remember(orderKey, orderId, now);
        recent.remember(eventKey, orderId, now);
        return GatewayResponse.submitted(202, orderId, update ? "UPDATE_REQUESTED" : "SUBMITTED");
    }

    /**
     * The pool JSON cancellation endpoint, {@code POST /shops/{shopId}/orders/{shopOrderRef}/cancellation}: signed as the
     * order endpoint is ({@code X-Pool-Signature} over {@code "<X-Pool-Timestamp>.<raw body>"}), the body
     * {@code {"shopOrderRef": ..., "reason": ...}}. The ref in the body must be the URL's: the signature covers the body
     * only, so the body says which order a signed request cancels. Answers 202 with the order id, or 404
     * {@code unknown_order} when this instance owns the order id and knows no such order.
     */
    public GatewayResponse cancelPoolOrder(final String shopId, final String shopOrderRef, final String contentType,
                                           final long contentLength, final UnaryOperator<String> headers,
                                           final InputStream bodyStream) {
        final Instant now = clock.instant();
        final Received received = receive(WebhookFormat.POOL_JSON, shopId, contentType, contentLength, headers, bodyStream, now);
        if (received.refusal() != null) {
            return received.refusal();
        }
        final JsonReader json = new JsonReader();
        final String ref = SignedPathRef.read(json, shopOrderRef, received.tree(), "the order cancelled");
        final JsonNode reasonNode = received.tree().path("reason");
        // made safe, never a cause to refuse
        final String reason = reasonNode.isValueNode() && !reasonNode.isNull() ? reasonNode.asText() : null;
        if (!json.errors().isEmpty()) {
            return GatewayResponse.invalid("invalid_cancellation", "the body cannot be a cancellation", json.errors());
        }
        final WebhookFormat.HeaderValue eventId = WebhookFormat.POOL_JSON.eventId(headers);
        final String eventKey = eventId == null || PrintableText.firstRefused(eventId.value()) >= 0 ? null
                : "POOL_JSON:" + shopId + ":cancellation:" + eventId.value();
        final Optional<String> knownEvent = recent.orderIdFor(eventKey, now);
        if (knownEvent.isPresent()) {
            return GatewayResponse.submitted(200, knownEvent.get(), "DUPLICATE");
        }
        return cancel(WebhookFormat.POOL_JSON, shopId, new OrderPayloadMapper.CancellationRequest(ref, reason, List.of()), eventKey,
                true, now);
    }

    /**
     * The pool JSON dispute endpoint, {@code POST /shops/{shopId}/orders/{shopOrderRef}/disputes} ({@link PoolJsonDisputes}):
     * signed as the cancellation endpoint is. Answers 202 DISPUTE_RECORDED with the order id, the same for a resend of the same
     * dispute id (written once by this instance; fraud-check counts a dispute id once whoever wrote it), 409 for a dispute id
     * this instance took for another order, 422 with every field's problem. The order is not looked up: a dispute comes weeks
     * after the order, later than intake's stores remember it, and fraud-check learns from it whatever it knows of the order.
     */
    public GatewayResponse reportPoolDispute(final String shopId, final String shopOrderRef, final String contentType,
                                             final long contentLength, final UnaryOperator<String> headers,
                                             final InputStream bodyStream) {
        final Instant now = clock.instant();
        final Received received = receive(WebhookFormat.POOL_JSON, shopId, contentType, contentLength, headers, bodyStream, now);
        if (received.refusal() != null) {
            return received.refusal();
        }
        final DisputeReport.Read read = PoolJsonDisputes.read(shopOrderRef, received.tree());
        final List<FieldError> errors = disputeErrors(read, received.tree());
        if (!errors.isEmpty()) {
            return GatewayResponse.invalid("invalid_dispute", "the body cannot be a dispute", errors);
        }
        return recordDispute(WebhookFormat.POOL_JSON, shopId, read.report(), null, now);
    }

    /** A platform's dispute webhook: recorded, ignored with a reason, or, when it cannot be a dispute, {@link #unreadable}. */
    private GatewayResponse platformDispute(final WebhookFormat format, final String shopId, final String topic,
                                            final JsonNode tree, final String eventKey, final Instant now) {
        final DisputeReport.Read read = format.mapper().dispute(topic, tree);
        if (read.isIgnored()) {
            LOG.info("Ignored a {} dispute delivery for shop {}: {}", format, shopId, read.ignoredCode());
            return GatewayResponse.ignoredWithoutOrder(read.ignoredCode(), read.ignoredMessage());
        }
        final List<FieldError> errors = disputeErrors(read, tree);
        if (!errors.isEmpty()) {
            return unreadable(format, shopId, GatewayResponse.invalid("invalid_dispute", "the body cannot be a dispute", errors));
        }
        return recordDispute(format, shopId, read.report(), eventKey, now);
    }

    /**
     * The body's problems, and those every dispute is checked for (a card number anywhere, a positive amount, a known
     * currency, lengths), all at once; a field the body's reading found wrong already is not checked again.
     */
    private static List<FieldError> disputeErrors(final DisputeReport.Read read, final JsonNode tree) {
        final List<FieldError> errors = new ArrayList<>();
        findCardNumbers(tree, "", errors);
        read.errors().forEach(e -> errors.add(new FieldError(e.getField(), e.getCode(), CardNumberGuard.mask(e.getMessage()))));
        final Set<String> unread = new HashSet<>();
        for (final FieldError error : errors) {
            final String field = error.getField();
            unread.add(field.equals("amount.currency") ? "currency" : field.startsWith("amount.") ? "amount" : field);
        }
        final DisputeReport report = read.report();
        final boolean idRead = !unread.contains("id") && !unread.contains("disputeId");
        if (idRead && CardNumberGuard.containsCardNumber(report.platformDisputeId())) {
            errors.add(new FieldError("disputeId", "card_number", "the dispute id holds what looks like a full card number"));
        } else if (idRead && report.platformDisputeId().isEmpty() || report.platformDisputeId().length() > MAX_DISPUTE_ID) {
            errors.add(new FieldError("disputeId", "length", "the dispute id must have 1 to " + MAX_DISPUTE_ID + " characters"));
        }
        if (!unread.contains("reason") && (report.reason().isEmpty() || report.reason().length() > MAX_REASON)) {
            errors.add(new FieldError("reason", "length", "the reason must have 1 to " + MAX_REASON + " characters"));
        }
        if (!unread.contains("amount") && report.amount().getAmountMinor() <= 0) {
            errors.add(new FieldError("amount", "not_positive", "the disputed amount must be more than zero, was "
                    + report.amount().getAmountMinor() + " minor units"));
        }
        if (!unread.contains("currency") && !isCurrency(report.amount().getCurrency())) {
            errors.add(new FieldError("currency", "unknown_currency", "the currency must be an ISO-4217 code such as EUR, was '"
                    + PrintableText.sanitise(CardNumberGuard.mask(report.amount().getCurrency())) + "'"));
        }
        return errors;
    }

    private static final int MAX_DISPUTE_ID = 128;
    private static final int MAX_REASON = 64;

    private static boolean isCurrency(final String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (final IllegalArgumentException unknown) {
            return false;
        }
    }

    /**
     * Writes a dispute to {@code fraud.disputes} under the order's id, its id prefixed by the shop's. A dispute this instance
     * wrote already with the same kind is answered the same and not written again; with another kind (an inquiry turned
     * chargeback) it is written again, under the same dispute id, so fraud-check still counts it once.
     */
    private GatewayResponse recordDispute(final WebhookFormat format, final String shopId, final DisputeReport report,
                                          final String eventKey, final Instant now) {
        final String orderId = OrderIds.forShopOrder(shopId, report.shopOrderRef());
        final String disputeId = shopId + ":" + report.platformDisputeId();
        final Optional<String> knownFor = recent.orderIdFor("dispute:" + disputeId, now);
        if (knownFor.isPresent() && !knownFor.get().equals(orderId) && !format.isPlatform()) {
            return GatewayResponse.error(409, "dispute_conflict", "dispute '" + PrintableText.sanitise(report.platformDisputeId())
                    + "' was reported for order " + knownFor.get() + ", not " + orderId + "; a dispute id names one dispute");
        }
        final String writtenKey = "dispute:" + disputeId + ":" + report.kind();
        if (recent.orderIdFor(writtenKey, now).filter(orderId::equals).isPresent()) {
            recent.remember(eventKey, orderId, now);
            return GatewayResponse.disputeRecorded(orderId, disputeId);
        }
        final OrderDispute dispute = OrderDispute.newBuilder()
                .setDisputeId(disputeId)
                .setOrderId(orderId)
                .setShopId(shopId)
                .setShopOrderRef(report.shopOrderRef())
                .setKind(report.kind())
                .setReason(report.reason())
                .setAmount(report.amount())
                .setOpenedAt(report.openedAt())
                .setReceivedAt(now)
                .build();
        try {
            disputes.record(dispute);
        } catch (final SubmissionSink.PublishFailedException e) {
            LOG.warn("Could not write dispute {} of order {} of shop {}: {}", disputeId, orderId, shopId, e.getMessage());
            return GatewayResponse.error(503, "not_stored", "the dispute could not be stored; retry later");
        }
        recent.remember("dispute:" + disputeId, orderId, now);
        recent.remember(writtenKey, orderId, now);
        recent.remember(eventKey, orderId, now);
        LOG.info("Dispute {} ({}) of order {} of shop {} taken from {}", disputeId, report.kind(), orderId, shopId, format);
        return GatewayResponse.disputeRecorded(orderId, disputeId);
    }

    /**
     * Writes a cancellation to {@code orders.cancellations} under the order's id, where order-intake (an order still
     * awaiting payment ends there) and the services downstream read it. Only when this instance can tell is it not
     * written: the order ended at intake already (200 IGNORED), or, for the pool's own endpoint, this instance owns the
     * order id and no such order exists (404). A platform's cancellation of an order nobody here knows is written
     * anyway: the order may be on its way through another instance, or come later (platforms do not deliver in order),
     * and order-intake then cancels it on arrival; downstream, a cancellation of an order never seen changes nothing.
     */
    private GatewayResponse cancel(final WebhookFormat format, final String shopId,
                                   final OrderPayloadMapper.CancellationRequest request, final String eventKey,
                                   final boolean unknownIsAnError, final Instant now) {
        final String orderId = OrderIds.forShopOrder(shopId, request.shopOrderRef());
        final boolean writtenHere = recent.orderIdFor("order:" + orderId, now).isPresent();
        final DecidedOrders.Lookup lookup = writtenHere ? DecidedOrders.Lookup.CANNOT_TELL : decidedOrders.lookup(orderId);
        if (lookup.knowledge() == DecidedOrders.Knowledge.KNOWN && endedAtIntake(lookup.state())) {
            recent.remember(eventKey, orderId, now);
            return GatewayResponse.ignored(orderId, "order_" + lookup.state().phase().name().toLowerCase(Locale.ROOT),
                    "the order was already " + lookup.state().phase() + " at intake; the cancellation changes nothing");
        }
        if (unknownIsAnError && lookup.knowledge() == DecidedOrders.Knowledge.UNKNOWN) {
            return GatewayResponse.error(404, "unknown_order", "shop '" + shopId + "' has no order '" + request.shopOrderRef()
                    + "' in the pool (order id " + orderId + "); nothing was cancelled");
        }
        final OrderCancellation cancellation = OrderCancellation.newBuilder()
                .setCancellationId(orderId + ":cancellation:" + (eventKey == null ? format + "@" + now.toEpochMilli() : eventKey))
                .setOrderId(orderId)
                .setShopId(shopId)
                .setShopOrderRef(request.shopOrderRef())
                .setReason(CancellationReasons.safe(request.reason()))
                .setRequestedAt(now)
                .build();
        try {
            cancellations.cancel(cancellation);
        } catch (final SubmissionSink.PublishFailedException e) {
            LOG.warn("Could not write the cancellation of order {} of shop {}: {}", orderId, shopId, e.getMessage());
            return GatewayResponse.error(503, "not_stored", "the cancellation could not be stored; retry later");
        }
        recent.remember(eventKey, orderId, now);
        LOG.info("Cancellation of order {} of shop {} taken from {}", orderId, shopId, format);
        return GatewayResponse.submitted(202, orderId, "CANCELLATION_REQUESTED");
    }

    /**
     * A signed platform delivery that cannot be an order, answered 200 so the platform neither retries it (Shopify, 8
     * times over 4 hours, then may drop the subscription) nor disables the webhook (WooCommerce, after 5 failures): its
     * reasons are written, as a placeholder holding only the shop, the ref, the event id and the reasons (no other byte of
     * the body, so no card number), to shop.orders.submitted, where order-intake rejects it within the order's lifecycle:
     * a new order REJECTED on orders.rejected and orders.status, a later version of an accepted order refused on
     * orders.status, an order that ended already left alone. A delivery that names no order is {@link #unreadable}.
     */
    private GatewayResponse rejectInPlace(final WebhookFormat format, final String shopId, final SubmittedOrder mapped,
                                          final String eventKey, final GatewayResponse invalid, final Instant now) {
        final String ref = mapped.getShopOrderRef() == null ? "" : mapped.getShopOrderRef().strip();
        if (ref.isEmpty()) {
            return unreadable(format, shopId, invalid);
        }
        @SuppressWarnings("unchecked")
        final List<Map<String, String>> shown = (List<Map<String, String>>) invalid.body().get("errors");
        final List<FieldError> errors = shown.stream().map(e -> new FieldError(e.get("field"), e.get("code"), e.get("message")))
                .toList();
        final String orderId = OrderIds.forShopOrder(shopId, ref);
        try {
            publisher.publish(InvalidDeliveries.placeholder(mapped, errors, now));
        } catch (final SubmissionSink.PublishFailedException e) {
            LOG.warn("Could not write the rejection of order {} of shop {}: {}", orderId, shopId, e.getMessage());
            return GatewayResponse.error(503, "not_stored", "the delivery could not be answered; retry later");
        }
        recent.remember(eventKey, orderId, now);
        LOG.info("A signed {} delivery for order {} of shop {} cannot be an order ({}): answered on orders.rejected / orders.status",
                format, orderId, shopId, invalid.body().get("error"));
        return GatewayResponse.notAnOrder(orderId, invalid);
    }

    /**
     * A signed platform delivery that names no order the pool could answer on (not JSON, a key twice, no id): answered 200
     * with the reasons and logged (never its body), since the platform would only send the same bytes again.
     */
    private static GatewayResponse unreadable(final WebhookFormat format, final String shopId, final GatewayResponse refusal) {
        LOG.warn("A signed {} delivery for shop {} names no order the pool can answer on ({}): answered 200, not stored", format,
                shopId, refusal.body().get("error"));
        return GatewayResponse.unreadable(refusal);
    }

    /** Why a later version of a settled order changes nothing. */
    private static String laterVersionIgnored(final IntakeState.Phase phase) {
        return switch (phase) {
            case CANCELLED -> "the order was CANCELLED at intake; a later version of it changes nothing (a payment for it is the"
                    + " shop's to refund)";
            default -> "the order was " + phase + " at intake; a later version of it changes nothing";
        };
    }

    private static boolean endedAtIntake(final IntakeState state) {
        return state.phase() == IntakeState.Phase.REJECTED || state.phase() == IntakeState.Phase.CANCELLED;
    }

    /** A request read and authenticated, as a JSON object: or why it was refused. */
    private record Received(GatewayResponse refusal, JsonNode tree) {

        static Received refused(final GatewayResponse refusal) {
            return new Received(refusal, null);
        }
    }

    private Received receive(final WebhookFormat format, final String shopId, final String contentType, final long contentLength,
                             final UnaryOperator<String> headers, final InputStream bodyStream, final Instant now) {
        final Optional<Shop> shop = shops.find(shopId);
        if (shop.isEmpty()) {
            return Received.refused(GatewayResponse.error(404, "unknown_shop", "no shop '" + shopId + "' in the pool"));
        }
        if (contentLength > settings.maxBodyBytes()) {
            return Received.refused(tooLarge());
        }
        final byte[] body;
        try {
            body = readBody(bodyStream);
        } catch (final IOException e) {
            if (e instanceof BodyTooSlowException || causedBy(e, SocketTimeoutException.class)) {
                LOG.info("Cut off a {} delivery for shop {}: the body did not arrive in time", format, shopId);
                return Received.refused(GatewayResponse.error(408, "request_timeout", "the request body did not arrive within "
                        + settings.bodyReadTimeout().toSeconds() + " s, or stalled; send it again"));
            }
            return Received.refused(GatewayResponse.error(400, "unreadable_body", "the request body could not be read"));
        }
        if (body.length > settings.maxBodyBytes()) {
            return Received.refused(tooLarge());
        }
        if (format == WebhookFormat.WOOCOMMERCE && isWooCommercePing(contentType, body)) {
            return Received.refused(GatewayResponse.submitted(200, null, "PING_OK"));
        }
        if (!isJson(contentType)) {
            return Received.refused(GatewayResponse.error(415, "unsupported_media_type",
                    "send the order as application/json, not " + (contentType == null ? "no content type" : contentType)));
        }
        final GatewayResponse unauthenticated = authenticate(format, shop.get(), headers, body, now);
        if (unauthenticated != null) {
            LOG.info("Refused a {} delivery for shop {}: {}", format, shopId, unauthenticated.body().get("error"));
            return Received.refused(unauthenticated);
        }
        final List<FieldError> duplicateKeys;
        final JsonNode tree;
        try {
            duplicateKeys = duplicateKeys(body);
            tree = json.readTree(body);
        } catch (final JsonProcessingException e) {
            return Received.refused(GatewayResponse.invalid("invalid_json", "the body is not valid JSON: "
                    + CardNumberGuard.mask(e.getOriginalMessage()), List.of()));
        } catch (final IOException e) {
            return Received.refused(GatewayResponse.invalid("invalid_json", "the body is not valid JSON", List.of()));
        }
        if (!duplicateKeys.isEmpty()) {
            return Received.refused(GatewayResponse.invalid("duplicate_key", "the body holds a key twice in one object, so two"
                    + " readers could read two different orders from one signed body; send each key once", duplicateKeys));
        }
        if (tree == null || !tree.isObject()) {
            return Received.refused(GatewayResponse.invalid("invalid_json", "the body must be a JSON object", List.of()));
        }
        return new Received(null, tree);
    }

    /**
     * Why a platform's delivery is too old to be taken, or null: it was triggered (its triggered-at header), or the
     * order it carries last changed (the signed body's {@code updated_at} or {@code date_modified_gmt}), longer than
     * the replay window ago. The order's creation time plays no part: an old order's update or cancellation is taken.
     */
    private GatewayResponse staleness(final WebhookFormat format, final UnaryOperator<String> headers, final JsonNode tree,
                                      final Instant now) {
        final Instant oldest = now.minus(settings.platformReplayWindow());
        final WebhookFormat.HeaderValue triggered = format.triggeredAt(headers);
        if (triggered != null) {
            final Instant triggeredAt = JsonReader.parseInstant(triggered.value());
            if (triggeredAt == null) {
                return GatewayResponse.error(400, "invalid_header", "the " + triggered.header() + " header must be an ISO-8601"
                        + " date-time, was '" + PrintableText.sanitise(CardNumberGuard.mask(triggered.value())) + "'");
            }
            if (triggeredAt.isBefore(oldest)) {
                return GatewayResponse.error(401, "stale_request", "the delivery was triggered at " + triggeredAt + " ("
                        + triggered.header() + "), more than " + settings.platformReplayWindow().toHours()
                        + " h ago; old deliveries are not replayed");
            }
        }
        final Instant changedAt = format.mapper().changedAt(tree);
        if (changedAt != null && changedAt.isBefore(oldest)) {
            return GatewayResponse.error(401, "stale_request", "the order in this delivery last changed at " + changedAt
                    + ", more than " + settings.platformReplayWindow().toHours() + " h ago; old deliveries are not replayed");
        }
        return null;
    }

    /** The body, at most one byte over the limit; given up once it has taken longer than the body read timeout. */
    private byte[] readBody(final InputStream in) throws IOException {
        final long deadline = System.nanoTime() + settings.bodyReadTimeout().toNanos();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[8192];
        while (out.size() <= settings.maxBodyBytes()) {
            final int read = in.read(buffer, 0, Math.min(buffer.length, settings.maxBodyBytes() + 1 - out.size()));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            if (System.nanoTime() - deadline > 0) {
                throw new BodyTooSlowException();
            }
        }
        return out.toByteArray();
    }

    /**
     * Every key that appears twice in one object, named by its path ({@code lines[1].sku}): Jackson, like
     * most parsers, would silently keep the last one, while another reader of the same signed body may keep the first.
     */
    private List<FieldError> duplicateKeys(final byte[] body) throws IOException {
        final List<FieldError> found = new ArrayList<>();
        final Deque<Set<String>> objects = new ArrayDeque<>();
        try (JsonParser parser = json.getFactory().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    objects.push(new HashSet<>());
                } else if (token == JsonToken.END_OBJECT) {
                    objects.pop();
                } else if (token == JsonToken.FIELD_NAME && !objects.peek().add(parser.currentName())) {
                    final String path = PrintableText.sanitise(CardNumberGuard.mask(path(parser.getParsingContext())));
                    found.add(new FieldError(path, "duplicate_key", "the key '" + path + "' appears more than once in its object"
                            + "; a signed body must read one way only"));
                }
            }
        }
        return found;
    }

    private static String path(final JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        final String parent = path(context.getParent());
        if (context.inArray()) {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        return parent.isEmpty() ? context.getCurrentName() : parent + "." + context.getCurrentName();
    }

    private static boolean causedBy(final Throwable failure, final Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The client took longer than the body read timeout to send its body. */
    private static final class BodyTooSlowException extends IOException {
        BodyTooSlowException() {
            super("the request body took longer than the body read timeout");
        }
    }

    /** How long a client may take to send a whole body. */
    public Duration bodyReadTimeout() {
        return settings.bodyReadTimeout();
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
