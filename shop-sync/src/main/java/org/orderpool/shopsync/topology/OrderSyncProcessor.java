package org.orderpool.shopsync.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdateAnswer;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.shopsync.domain.DeliveryOutcome;
import org.orderpool.shopsync.domain.DisabledEndpoint;
import org.orderpool.shopsync.domain.OrderView;
import org.orderpool.shopsync.domain.OrderView.ParcelInfo;
import org.orderpool.shopsync.domain.OrderView.PendingCall;
import org.orderpool.shopsync.domain.OrderView.PendingWebhook;
import org.orderpool.shopsync.domain.OrderView.Problem;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;
import org.orderpool.shopsync.domain.OrderView.UpdateNotice;
import org.orderpool.shopsync.domain.PlatformOutbox;
import org.orderpool.shopsync.domain.PlatformOutcome;
import org.orderpool.shopsync.domain.ShopDelivery;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.ShopJson;
import org.orderpool.shopsync.domain.WebhookEndpoint;
import org.orderpool.shopsync.domain.WebhookOutbox;
import org.orderpool.shopsync.platform.OrderCall;
import org.orderpool.shopsync.webhook.WebhookRequest;
import org.orderpool.shopsync.webhook.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of each order (one instance per partition of the order topics): keeps the order's view,
 * its outbox of webhooks and the indexes the API and the punctuators use, all in changelogged stores
 * written in the same exactly-once transaction as the input offsets.
 *
 * <p>Webhooks leave from a wall-clock punctuation, never from {@code process}: each round books the
 * outcomes of attempts that finished since the last round, then hands at most {@code max-per-tick} due
 * webhooks (the first pending one of each order) to the {@link WebhookSender}, which calls the shops on
 * its own threads. The stream thread therefore never waits for a shop; it only renders, signs and
 * books. An attempt whose outcome was not booked before a crash or a rebalance is made again, with the
 * same {@code webhook-id}: at least once, never lost. The in-flight set and the finished queue are this
 * instance's memory only; a new owner of the partition starts without them and re-sends.
 *
 * <p>For a shop on Shopify or WooCommerce the order's end (shipped, cancelled, not served) is also a
 * platform call, kept in the view's own outbox ({@link PlatformOutbox}, {@code call|} index) and made the
 * same way from the same punctuation, on the {@link org.orderpool.shopsync.platform.PlatformCalls} threads,
 * independently of the webhooks: a shop's webhook endpoint being down does not hold up its platform, nor
 * the other way round.
 *
 * <p>Per shop, the partition's delivery state ({@link ShopDelivery}: queued webhooks and calls, dead letters, the
 * last attempt) is kept in the {@code shop-sync-deliveries} store, in step with the views, and sent on when it
 * changed, at most once per round, for shop-sync.delivery-state.
 */
final class OrderSyncProcessor implements Processor<String, SyncInput, byte[], OwnerOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSyncProcessor.class);
    /** The delivery store's marker that this partition's queues were counted (no shop id has this form). */
    private static final String COUNTED = "|queues-counted";

    private final ShopSyncSettings settings;
    private final WebhookOutbox outbox;
    private final ShopDocuments documents;
    private final Function<String, Optional<WebhookEndpoint>> endpoints;
    private final WebhookSender sender;
    private final PlatformSide platforms;
    private final PlatformOutbox calls;
    private final DoubleSupplier random;

    /** Order id → webhook id of the attempt under way for that order. Stream thread only. */
    private final Map<String, String> inFlight = new HashMap<>();
    /** Attempts that ended, filled by the sender's threads, emptied by the stream thread. */
    private final Queue<Attempt> finished = new ConcurrentLinkedQueue<>();
    /** Order id → id of the platform call under way for that order. Stream thread only. */
    private final Map<String, String> callsInFlight = new HashMap<>();
    /** Platform calls that ended, filled by the call threads, emptied by the stream thread. */
    private final Queue<CallMade> callsFinished = new ConcurrentLinkedQueue<>();

    /** Shops whose delivery state changed since it was last sent on. Stream thread only. */
    private final Set<String> changedShops = new HashSet<>();

    private ProcessorContext<byte[], OwnerOutput> context;
    private KeyValueStore<String, OrderView> orders;
    private KeyValueStore<String, String> lookup;
    private KeyValueStore<String, String> schedule;
    private KeyValueStore<String, DisabledEndpoint> disabled;
    private KeyValueStore<String, ShopDelivery> deliveries;

    OrderSyncProcessor(final ShopSyncSettings settings, final ShopDocuments documents,
                       final Function<String, Optional<WebhookEndpoint>> endpoints, final WebhookSender sender,
                       final PlatformSide platforms, final DoubleSupplier random) {
        this.settings = settings;
        this.outbox = new WebhookOutbox(settings.retrySchedule(), settings.detailsWait(), settings.maxEventAge());
        this.documents = documents;
        this.endpoints = endpoints;
        this.sender = sender;
        this.platforms = platforms;
        this.calls = new PlatformOutbox(platforms.settings().retrySchedule(), settings.detailsWait(), settings.maxEventAge());
        this.random = random;
    }

    @Override
    public void init(final ProcessorContext<byte[], OwnerOutput> context) {
        this.context = context;
        this.orders = context.getStateStore(ShopSyncTopology.ORDER_STORE);
        this.lookup = context.getStateStore(ShopSyncTopology.LOOKUP_STORE);
        this.schedule = context.getStateStore(ShopSyncTopology.SCHEDULE_STORE);
        this.disabled = context.getStateStore(ShopSyncTopology.ENDPOINT_STORE);
        this.deliveries = context.getStateStore(ShopSyncTopology.DELIVERY_STORE);
        countQueuesIfNeverCounted(Instant.ofEpochMilli(context.currentSystemTimeMs()));
        try (KeyValueIterator<String, ShopDelivery> all = deliveries.all()) {
            all.forEachRemaining(entry -> changedShops.add(entry.key)); // a new owner of the partition says where it stands
        }
        changedShops.remove(COUNTED);
        context.schedule(settings.sendEvery(), PunctuationType.WALL_CLOCK_TIME, this::deliver);
        context.schedule(settings.forgetEvery(), PunctuationType.WALL_CLOCK_TIME, this::forget);
    }

    @Override
    public void process(final Record<String, SyncInput> record) {
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final SyncInput input = record.value();
        if (input instanceof SyncInput.Status status && status.change() != null) {
            onStatus(status.change(), now);
        } else if (input instanceof SyncInput.Rejection rejection && rejection.rejection() != null) {
            onRejection(rejection.rejection(), now);
        } else if (input instanceof SyncInput.ParcelUpdate parcel && parcel.parcel() != null) {
            onParcel(parcel.parcel(), now);
        } else if (input instanceof SyncInput.OnManifest manifest && manifest.link() != null) {
            onManifest(record.key(), manifest.link(), now);
        }
    }

    private void onStatus(final OrderStatusChange change, final Instant now) {
        final OrderView before = orders.get(change.getOrderId());
        final OrderView known = ofShop(before, change.getOrderId(), change.getShopId(), change.getShopOrderRef(), now);
        if (known == null) {
            return;
        }
        if (known.knows(change.getEventId())) {
            save(before, known);
            return;
        }
        final OrderUpdateAnswer answer = change.getUpdate();
        final OrderView after = known.withStatus(new StatusEntry(change.getEventId(), change.getStatus(), change.getReasonCode(),
                change.getReason(), change.getSource(), change.getOccurredAt(), answer == null ? null
                : new UpdateNotice(answer.getUpdateId(), answer.getOutcome(), answer.getChanges())), now);
        // the change as the view recorded it: a notice with the order's status as this view knows it
        final StatusEntry entry = after.entry(change.getEventId()).orElseThrow();
        final OrderView announced = endpoints.apply(after.shopId()).isPresent() ? outbox.enqueue(after, entry, now) : after;
        save(before, platforms.shops().callsPlatform(after.shopId())
                ? calls.enqueue(known.status(), announced, entry, now, platforms.shops().shop(after.shopId()).kind()::isToldOf)
                : announced);
    }

    private void onRejection(final OrderRejection rejection, final Instant now) {
        final OrderView before = orders.get(rejection.getOrderId());
        final OrderView known = ofShop(before, rejection.getOrderId(), rejection.getShopId(), rejection.getShopOrderRef(), now);
        if (known == null) {
            return;
        }
        final List<Problem> problems = rejection.getErrors().stream()
                .map(error -> new Problem(error.getField(), error.getCode(), error.getMessage())).toList();
        save(before, problems.equals(known.problems()) ? known : detailsArrived(known.withProblems(problems, now), now));
    }

    private void onParcel(final Parcel parcel, final Instant now) {
        final OrderView before = orders.get(parcel.getOrderId());
        final OrderView known = ofShop(before, parcel.getOrderId(), parcel.getShopId(), null, now);
        if (known == null) {
            return;
        }
        final OrderView after = known.withParcel(new ParcelInfo(parcel.getParcelId(), parcel.getCarrierId(), parcel.getServiceCode(),
                parcel.getTrackingReference(), parcel.getCutOffAt(), null, parcel.getState() == ParcelState.WITHDRAWN,
                parcel.getParcelCount()), now);
        save(before, after.parcels().equals(known.parcels()) ? known : detailsArrived(after, now));
    }

    private OrderView detailsArrived(final OrderView view, final Instant now) {
        return calls.detailsArrived(outbox.detailsArrived(view, now), now);
    }

    private void onManifest(final String orderId, final SyncInput.ManifestLink link, final Instant now) {
        if (orderId == null || link.parcels().isEmpty()) {
            return;
        }
        final OrderView before = orders.get(orderId);
        final OrderView known = ofShop(before, orderId, link.parcels().get(0).shopId(), null, now);
        if (known == null) {
            return;
        }
        OrderView after = known;
        for (final SyncInput.ManifestLink.LinkedParcel parcel : link.parcels()) {
            after = after.withParcel(new ParcelInfo(parcel.parcelId(), link.carrierId(), parcel.serviceCode(),
                    parcel.trackingReference(), link.cutOffAt(), link.manifestId(), false, 0), now);
        }
        save(before, after.parcels().equals(known.parcels()) ? known : detailsArrived(after, now));
    }

    /** The order's view, started if it is new; null (and a warning) when the record names another shop than the view. */
    private static OrderView ofShop(final OrderView before, final String orderId, final String shopId, final String shopOrderRef,
                                    final Instant now) {
        if (before == null) {
            return OrderView.start(orderId, shopId, shopOrderRef, now);
        }
        if (!Objects.equals(before.shopId(), shopId)) {
            LOG.warn("A record for order {} names shop '{}', but the order is shop '{}''s: ignored", orderId, shopId, before.shopId());
            return null;
        }
        return before.withShopOrderRef(shopOrderRef, now);
    }

    /** Hands due webhooks to the sender and due platform calls to the call threads; books the outcomes of those that ended. */
    private void deliver(final long wallClockMillis) {
        final Instant now = Instant.ofEpochMilli(wallClockMillis);
        book(now);
        for (final KeyValue<String, String> entry : range(StoreKeys.dueFrom(), StoreKeys.dueUpTo(now))) {
            final String orderId = entry.key.substring(entry.key.lastIndexOf('|') + 1);
            if (inFlight.containsKey(orderId)) {
                continue;
            }
            final OrderView view = orders.get(orderId);
            final PendingWebhook head = view == null ? null : view.head().orElse(null);
            if (head == null || !entry.key.equals(StoreKeys.due(head.notBefore(), orderId))) {
                schedule.delete(entry.key); // left behind by an earlier state of the order
                continue;
            }
            final Optional<WebhookEndpoint> endpoint = endpoints.apply(view.shopId());
            if (endpoint.isEmpty()) {
                deadLetter(view, head, null, "shop " + view.shopId() + " has no webhook endpoint configured any more", now);
                save(view, view.withoutHead());
            } else if (endpoint.get().isDisabledBy(disabled.get(view.shopId()))) {
                save(view, view.withHead(head.due(now.plus(settings.disabledRecheck()))));
            } else if (!send(view, head, endpoint.get(), now)) {
                break; // every delivery slot is busy: the rest waits for the next round
            }
        }
        book(now);
        bookCalls(now);
        for (final KeyValue<String, String> entry : range(StoreKeys.callFrom(), StoreKeys.callUpTo(now),
                platforms.settings().maxPerTick())) {
            final String orderId = entry.key.substring(entry.key.lastIndexOf('|') + 1);
            if (callsInFlight.containsKey(orderId)) {
                continue;
            }
            final OrderView view = orders.get(orderId);
            final PendingCall first = view == null ? null : view.firstCall().orElse(null);
            if (first == null || !entry.key.equals(StoreKeys.call(first.notBefore(), orderId))) {
                schedule.delete(entry.key); // left behind by an earlier state of the order
                continue;
            }
            if (!platforms.shops().callsPlatform(view.shopId())) {
                deadLetterCall(view, first, "shop " + view.shopId() + " is on no platform any more", now);
                save(view, view.withoutFirstCall());
            } else if (!call(view, first)) {
                break; // every call slot is busy: the rest waits for the next round
            }
        }
        bookCalls(now);
        publishDeliveries(now);
    }

    /** Sends on the delivery state of each shop that changed since the last round (a handful of shops). */
    private void publishDeliveries(final Instant now) {
        for (final String shopId : changedShops) {
            final ShopDelivery state = deliveries.get(shopId);
            if (state == null) {
                continue;
            }
            final boolean stillDisabled = endpoints.apply(shopId).map(endpoint -> endpoint.isDisabledBy(disabled.get(shopId)))
                    .orElse(false);
            final ShopDelivery current = state.disabledAt() != null && !stillDisabled ? state.reEnabled(now) : state;
            if (current != state) {
                deliveries.put(shopId, current);
            }
            context.forward(new Record<>(shopId.getBytes(StandardCharsets.UTF_8), new OwnerOutput.Delivery(current),
                    now.toEpochMilli()));
        }
        changedShops.clear();
    }

    /** The partition's delivery state of a shop after a change. */
    private void delivery(final String shopId, final UnaryOperator<ShopDelivery> change, final Instant now) {
        final ShopDelivery before = deliveries.get(shopId);
        deliveries.put(shopId, change.apply(before != null ? before
                : ShopDelivery.none(shopId, context.taskId().partition(), now)));
        changedShops.add(shopId);
    }

    /**
     * The first time this partition runs with delivery states (a store that predates them, or a new one), counts what
     * its orders have queued, once: afterwards {@link #save} keeps the counts in step.
     */
    private void countQueuesIfNeverCounted(final Instant now) {
        if (deliveries.get(COUNTED) != null) {
            return;
        }
        final Map<String, int[]> queued = new HashMap<>();
        try (KeyValueIterator<String, OrderView> all = orders.all()) {
            all.forEachRemaining(entry -> {
                final int[] counts = queued.computeIfAbsent(entry.value.shopId(), shop -> new int[2]);
                counts[0] += entry.value.outbox().size();
                counts[1] += entry.value.calls().size();
            });
        }
        queued.forEach((shopId, counts) -> {
            final ShopDelivery known = deliveries.get(shopId);
            final ShopDelivery base = known != null ? known : ShopDelivery.none(shopId, context.taskId().partition(), now);
            deliveries.put(shopId, base.queued(counts[0] - base.queuedWebhooks(), counts[1] - base.queuedCalls(), now));
        });
        deliveries.put(COUNTED, ShopDelivery.none(COUNTED, context.taskId().partition(), now));
    }

    private boolean call(final OrderView view, final PendingCall first) {
        final OrderCall call = orderCall(view, first);
        final Optional<CompletableFuture<PlatformOutcome>> calling = platforms.calls().trySubmit(call);
        if (calling.isEmpty()) {
            return false;
        }
        callsInFlight.put(view.orderId(), first.callId());
        calling.get().whenComplete((outcome, error) -> callsFinished.add(new CallMade(view.orderId(), first.callId(),
                outcome != null ? outcome : new PlatformOutcome.Failed(String.valueOf(error), null))));
        return true;
    }

    private OrderCall orderCall(final OrderView view, final PendingCall call) {
        final StatusEntry entry = view.entry(call.callId()).orElse(null);
        final List<OrderCall.ShippedParcel> parcels = view.liveParcels().stream().map(parcel -> new OrderCall.ShippedParcel(
                parcel.parcelId(), parcel.carrierId(), parcel.serviceCode(), parcel.trackingReference(),
                documents.trackingUrl(parcel).orElse(null), parcel.cutOffAt())).toList();
        return new OrderCall(view.shopId(), view.orderId(), view.shopOrderRef(), call.callId(), call.action(), call.status(),
                entry == null ? null : entry.reasonCode(), entry == null ? null : entry.reason(), parcels);
    }

    private void bookCalls(final Instant now) {
        for (CallMade made = callsFinished.poll(); made != null; made = callsFinished.poll()) {
            callsInFlight.remove(made.orderId());
            final OrderView view = orders.get(made.orderId());
            if (view == null) {
                continue;
            }
            final PlatformOutbox.Decision decision = calls.afterOutcome(view, made.callId(), made.outcome(), now, random.getAsDouble());
            if (decision.givenUp() != null) {
                deadLetterCall(view, decision.givenUp().call(), decision.givenUp().reason(), now);
            } else if (made.outcome() instanceof PlatformOutcome.Done done) {
                LOG.info("Order {} of shop {}: {}", view.orderId(), view.shopId(), done.detail());
            } else {
                LOG.debug("Platform call {} for shop {}: {}", made.callId(), view.shopId(), PlatformOutcome.describe(made.outcome()));
            }
            save(view, decision.view());
        }
    }

    private void deadLetterCall(final OrderView view, final PendingCall call, final String reason, final Instant now) {
        LOG.warn("The {} call for order {} of shop {} goes to the dead letters: {}", call.action(), view.orderId(), view.shopId(),
                reason);
        forwardDeadLetter(DeadLetters.platformCall(view.orderId(), ShopJson.write(orderCall(view, call)), call.callId(), view.shopId(),
                platforms.shops().shop(view.shopId()).kind().configName(), call.attempts(), reason, now.toEpochMilli()));
        delivery(view.shopId(), state -> state.deadLettered(now), now);
    }

    private boolean send(final OrderView view, final PendingWebhook head, final WebhookEndpoint endpoint, final Instant now) {
        final long timestamp = now.getEpochSecond();
        final String body = ShopJson.write(documents.event(view, head.webhookId()));
        final WebhookRequest request = new WebhookRequest(endpoint.url(), head.webhookId(), timestamp,
                endpoint.secret().sign(head.webhookId(), timestamp, body), body);
        final Optional<CompletableFuture<DeliveryOutcome>> sending = sender.trySend(request);
        if (sending.isEmpty()) {
            return false;
        }
        inFlight.put(view.orderId(), head.webhookId());
        final String url = endpoint.url().toString();
        sending.get().whenComplete((outcome, error) -> finished.add(new Attempt(view.orderId(), head.webhookId(), url,
                outcome != null ? outcome : DeliveryOutcome.ofError(error))));
        return true;
    }

    private void book(final Instant now) {
        for (Attempt attempt = finished.poll(); attempt != null; attempt = finished.poll()) {
            inFlight.remove(attempt.orderId());
            final OrderView view = orders.get(attempt.orderId());
            if (view == null) {
                continue;
            }
            final WebhookOutbox.Decision decision = outbox.afterOutcome(view, attempt.webhookId(), attempt.outcome(), now,
                    random.getAsDouble());
            final DeliveryOutcome outcome = attempt.outcome();
            delivery(view.shopId(), state -> state.attempted(outcome, now), now);
            if (decision.disableEndpoint()) {
                LOG.warn("The webhook endpoint of shop {} ({}) answered 410 Gone: disabled until ops re-enable it", view.shopId(),
                        attempt.url());
                disabled.put(view.shopId(), new DisabledEndpoint(attempt.url(), now, attempt.webhookId()));
            }
            if (decision.givenUp() != null) {
                deadLetter(view, decision.givenUp().webhook(), attempt.url(), decision.givenUp().reason(), now);
            } else if (attempt.outcome() instanceof DeliveryOutcome.Failed failed) {
                LOG.debug("Webhook {} to shop {} failed ({}), attempted again at {}", attempt.webhookId(), view.shopId(),
                        failed.error(), decision.view().head().map(PendingWebhook::notBefore).orElse(null));
            }
            save(view, decision.view());
        }
    }

    /** Forgets orders past their retention, dead-lettering any webhook they still had to deliver. */
    private void forget(final long wallClockMillis) {
        final Instant now = Instant.ofEpochMilli(wallClockMillis);
        for (final KeyValue<String, String> entry : range(StoreKeys.forgetFrom(), StoreKeys.forgetUpTo(now))) {
            final OrderView view = orders.get(entry.value);
            if (view == null || !entry.key.equals(StoreKeys.forget(settings.retention().forgetAt(view), view.orderId()))) {
                schedule.delete(entry.key);
                continue;
            }
            if (inFlight.containsKey(view.orderId()) || callsInFlight.containsKey(view.orderId())) {
                continue; // after the attempt's outcome is booked
            }
            final String url = endpoints.apply(view.shopId()).map(endpoint -> endpoint.url().toString()).orElse(null);
            for (final PendingWebhook pending : view.outbox()) {
                deadLetter(view, pending, url, "order forgotten by shop-sync (retention) with this webhook undelivered"
                        + (pending.lastError() == null ? "" : "; last: " + pending.lastError()), now);
            }
            for (final PendingCall pending : view.calls()) {
                deadLetterCall(view, pending, "order forgotten by shop-sync (retention) with this platform call not made"
                        + (pending.lastError() == null ? "" : "; last: " + pending.lastError()), now);
            }
            orders.delete(view.orderId());
            if (!view.outbox().isEmpty() || !view.calls().isEmpty()) {
                delivery(view.shopId(), state -> state.queued(-view.outbox().size(), -view.calls().size(), now), now);
            }
            lookup.delete(StoreKeys.updated(view.shopId(), view.updatedAt(), view.orderId()));
            if (view.shopOrderRef() != null && view.orderId().equals(lookup.get(StoreKeys.ref(view.shopId(), view.shopOrderRef())))) {
                lookup.delete(StoreKeys.ref(view.shopId(), view.shopOrderRef()));
            }
            view.head().ifPresent(head -> schedule.delete(StoreKeys.due(head.notBefore(), view.orderId())));
            view.firstCall().ifPresent(first -> schedule.delete(StoreKeys.call(first.notBefore(), view.orderId())));
            schedule.delete(entry.key);
        }
    }

    private void deadLetter(final OrderView view, final PendingWebhook webhook, final String url, final String reason,
                            final Instant now) {
        LOG.warn("Webhook {} to shop {} goes to the dead letters: {}", webhook.webhookId(), view.shopId(), reason);
        forwardDeadLetter(DeadLetters.webhook(view.orderId(), ShopJson.write(documents.event(view, webhook.webhookId())),
                webhook.webhookId(), view.shopId(), url, webhook.attempts(), reason, now.toEpochMilli()));
        delivery(view.shopId(), state -> state.deadLettered(now), now);
    }

    private void forwardDeadLetter(final Record<byte[], byte[]> deadLetter) {
        context.forward(deadLetter.withValue(new OwnerOutput.DeadLetter(deadLetter.value())));
    }

    /** Writes the view and keeps the indexes in step with it: the API's lookups, the delivery and the retention schedules. */
    private void save(final OrderView before, final OrderView after) {
        if (after.equals(before)) {
            return;
        }
        orders.put(after.orderId(), after);
        final int webhooksDelta = after.outbox().size() - (before == null ? 0 : before.outbox().size());
        final int callsDelta = after.calls().size() - (before == null ? 0 : before.calls().size());
        if (webhooksDelta != 0 || callsDelta != 0) {
            final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            delivery(after.shopId(), state -> state.queued(webhooksDelta, callsDelta, now), now);
        }
        replace(lookup, before == null ? null : StoreKeys.updated(before.shopId(), before.updatedAt(), before.orderId()),
                StoreKeys.updated(after.shopId(), after.updatedAt(), after.orderId()),
                after.status() == null ? "" : after.status().name());
        if (after.shopOrderRef() != null && (before == null || before.shopOrderRef() == null)) {
            lookup.put(StoreKeys.ref(after.shopId(), after.shopOrderRef()), after.orderId());
        }
        replace(schedule, before == null ? null : dueKey(before), dueKey(after),
                after.head().map(PendingWebhook::webhookId).orElse(null));
        replace(schedule, before == null ? null : callKey(before), callKey(after),
                after.firstCall().map(PendingCall::callId).orElse(null));
        replace(schedule, before == null ? null : StoreKeys.forget(settings.retention().forgetAt(before), before.orderId()),
                StoreKeys.forget(settings.retention().forgetAt(after), after.orderId()), after.orderId());
    }

    private static String dueKey(final OrderView view) {
        return view.head().map(head -> StoreKeys.due(head.notBefore(), view.orderId())).orElse(null);
    }

    private static String callKey(final OrderView view) {
        return view.firstCall().map(first -> StoreKeys.call(first.notBefore(), view.orderId())).orElse(null);
    }

    private static void replace(final KeyValueStore<String, String> store, final String oldKey, final String newKey,
                                final String value) {
        if (oldKey != null && !oldKey.equals(newKey)) {
            store.delete(oldKey);
        }
        if (newKey != null) {
            store.put(newKey, value);
        }
    }

    /** At most max-per-tick entries of a range, read before any of them is changed. */
    private List<KeyValue<String, String>> range(final String from, final String to) {
        return range(from, to, settings.maxPerTick());
    }

    private List<KeyValue<String, String>> range(final String from, final String to, final int limit) {
        final List<KeyValue<String, String>> entries = new ArrayList<>();
        try (KeyValueIterator<String, String> iterator = schedule.range(from, to)) {
            while (iterator.hasNext() && entries.size() < limit) {
                entries.add(iterator.next());
            }
        }
        return entries;
    }

    private record Attempt(String orderId, String webhookId, String url, DeliveryOutcome outcome) {
    }

    private record CallMade(String orderId, String callId, PlatformOutcome outcome) {
    }
}
