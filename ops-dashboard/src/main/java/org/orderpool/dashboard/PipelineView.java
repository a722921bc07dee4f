package org.orderpool.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.orderpool.carrier.calendar.CarrierCalendars;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.FraudAssessment;
import org.orderpool.contracts.FraudListEntry;
import org.orderpool.contracts.FraudListKey;
import org.orderpool.contracts.OpsActionType;
import org.orderpool.contracts.OpsAuditRecord;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.RiskReason;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.dashboard.actions.DeadLetterActions;

/**
 * What ops see, built from the topics as they are read: orders per status per minute, where every
 * order stands, the review queue with its reasons, stock, parcels waiting for each carrier's next
 * cut-off, manifests, rejections and dead letters, and each order's history. Bounded: the last hour
 * of minutes, the most recent orders (their histories, assessments and shop references together),
 * manifests and problems.
 */
public final class PipelineView {

    static final int MAX_ORDERS = 50_000;
    static final int MAX_RECENT = 50;
    static final int MINUTES = 30;
    /** Audit records shown on the console, the most recent. */
    static final int MAX_AUDIT_SHOWN = 100;
    /** Action ids remembered from ops.audit, so an action resent after a restart is not done twice. */
    static final int MAX_AUDITED_IDS = 20_000;
    /** Fraud list entries shown (the compacted topic's latest state). */
    static final int MAX_LIST_ENTRIES = 20_000;
    /** SKUs whose titles are kept: the pool's catalogue, with room to spare. */
    static final int MAX_TITLES = 50_000;
    /**
     * The statuses an order is shown in, in lifecycle order (DESIGN.md): AWAITING_PAYMENT, appended last to the
     * contract's enum, comes before ACCEPTED here. SUBMITTED is nobody's status on orders.status.
     */
    static final List<OrderStatus> STAGES = List.of(OrderStatus.AWAITING_PAYMENT, OrderStatus.ACCEPTED, OrderStatus.REJECTED,
            OrderStatus.IN_REVIEW, OrderStatus.CLEARED, OrderStatus.BLOCKED, OrderStatus.RESERVED, OrderStatus.BACKORDERED,
            OrderStatus.OUT_OF_STOCK, OrderStatus.SCHEDULED, OrderStatus.MANIFESTED, OrderStatus.CANCELLED);

    /** One dead-letter record as ops need it. */
    public record DeadLetter(String topic, int partition, long offset, String key, String error, String valuePreview, long timestamp) {

        public String id() {
            return DeadLetterActions.id(topic, partition, offset);
        }
    }

    private final int maxOrders;
    private final TreeMap<Long, EnumMap<OrderStatus, Integer>> perMinute = new TreeMap<>();
    private final LinkedHashMap<String, List<OrderStatusChange>> histories = new LinkedHashMap<>(1_024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, List<OrderStatusChange>> eldest) {
            if (size() <= maxOrders) {
                return false;
            }
            unindex(eldest.getKey(), eldest.getValue());
            assessments.remove(eldest.getKey()); // an order's history and its assessment go together
            return true;
        }
    };
    /**
     * Assessments of the orders in {@link #histories} (evicted with them), and of orders whose first status
     * has not been read yet; those are bounded by as many again.
     */
    private final LinkedHashMap<String, FraudAssessment> assessments = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, FraudAssessment> eldest) {
            return size() > 2 * maxOrders;
        }
    };
    /**
     * Shop order reference to the pool's order ids (a reference is unique per shop, not across shops), for
     * the orders in {@link #histories} only: evicting a history removes its entry.
     */
    private final Map<String, List<String>> byShopOrderRef = new HashMap<>();
    private final Map<String, StockLevel> stock = new TreeMap<>();
    /** Most statuses one order's history keeps (its lifecycle has far fewer; a looping producer cannot grow it). */
    static final int MAX_HISTORY = 50;
    private final Map<CarrierCalendarKey, CarrierCalendar> calendars = new LinkedHashMap<>();
    private final Map<String, Parcel> pendingParcels = new LinkedHashMap<>();
    private final Deque<ShipmentManifest> manifests = new ArrayDeque<>();
    private final Map<String, ShipmentManifest> manifestsById = new LinkedHashMap<>();
    private final Deque<OrderRejection> rejections = new ArrayDeque<>();
    private final Deque<DeadLetter> deadLetters = new ArrayDeque<>();
    private final Deque<OpsAuditRecord> audit = new ArrayDeque<>();
    private final LinkedHashMap<String, Boolean> auditedIds = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest) {
            return size() > MAX_AUDITED_IDS;
        }
    };
    /** What became of dead letters (re-driven or discarded, by whom), from ops.audit. */
    private final LinkedHashMap<String, String> deadLetterFates = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, String> eldest) {
            return size() > MAX_AUDITED_IDS;
        }
    };
    private final Map<FraudListKey, FraudListEntry> fraudLists = new LinkedHashMap<>();
    /** Product titles by SKU, as shops name them on their orders, for the pick list. */
    private final LinkedHashMap<String, String> titles = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, String> eldest) {
            return size() > MAX_TITLES;
        }
    };
    private long statusChanges;
    private final Map<String, Integer> fraudDecisions = new TreeMap<>();

    public PipelineView() {
        this(MAX_ORDERS);
    }

    /** A view keeping the histories of at most {@code maxOrders} orders, the most recent ones. */
    PipelineView(final int maxOrders) {
        this.maxOrders = maxOrders;
    }

    public synchronized void onStatus(final OrderStatusChange change) {
        final List<OrderStatusChange> history = histories.computeIfAbsent(change.getOrderId(), id -> {
            final List<String> ids = byShopOrderRef.computeIfAbsent(change.getShopOrderRef(), ref -> new ArrayList<>(1));
            ids.add(id);
            return new ArrayList<>();
        });
        if (history.stream().anyMatch(seen -> seen.getEventId().equals(change.getEventId()))) {
            return; // a change read twice
        }
        if (history.size() >= MAX_HISTORY) {
            history.remove(1); // the first change stays: the shop reference index was made from it
        }
        history.add(change);
        if (StatusChanges.isUpdateAnswer(change)) {
            return; // an answer to a shop's update: shown in the order's history, no step of its lifecycle
        }
        statusChanges++;
        final long minute = change.getOccurredAt().getEpochSecond() / 60;
        perMinute.computeIfAbsent(minute, m -> new EnumMap<>(OrderStatus.class)).merge(change.getStatus(), 1, Integer::sum);
        while (perMinute.size() > MINUTES * 2) {
            perMinute.pollFirstEntry();
        }
    }

    public synchronized void onAssessment(final FraudAssessment assessment) {
        if (assessments.put(assessment.getOrderId(), assessment) == null) {
            fraudDecisions.merge(assessment.getDecision().name(), 1, Integer::sum);
        }
    }

    /** Assessments read so far, per decision. */
    public synchronized Map<String, Integer> fraudDecisions() {
        return Map.copyOf(fraudDecisions);
    }

    public synchronized void onStockLevel(final StockLevel level) {
        if (stock.size() < MAX_TITLES || stock.containsKey(level.getSku())) {
            stock.put(level.getSku(), level);
        }
    }

    public synchronized void onCalendar(final CarrierCalendarKey key, final CarrierCalendar calendar) {
        if (calendar == null) {
            calendars.remove(key);
        } else {
            calendars.put(key, calendar);
        }
    }

    public synchronized void onParcel(final Parcel parcel) {
        if (parcel.getState() == ParcelState.SCHEDULED) {
            pendingParcels.put(parcel.getParcelId(), parcel);
            if (pendingParcels.size() > maxOrders) {
                pendingParcels.remove(pendingParcels.keySet().iterator().next()); // one its manifest never reached the console
            }
        } else {
            pendingParcels.remove(parcel.getParcelId());
        }
    }

    public synchronized void onManifest(final ShipmentManifest manifest) {
        if (manifestsById.containsKey(manifest.getManifestId())) {
            return;
        }
        manifest.getParcels().forEach(parcel -> pendingParcels.remove(parcel.getParcelId()));
        manifests.addFirst(manifest);
        manifestsById.put(manifest.getManifestId(), manifest);
        while (manifests.size() > MAX_RECENT) {
            manifestsById.remove(manifests.removeLast().getManifestId());
        }
    }

    public synchronized void onRejection(final OrderRejection rejection) {
        rejections.addFirst(rejection);
        while (rejections.size() > MAX_RECENT) {
            rejections.removeLast();
        }
    }

    public synchronized void onDeadLetter(final DeadLetter deadLetter) {
        deadLetters.addFirst(deadLetter);
        while (deadLetters.size() > MAX_RECENT) {
            deadLetters.removeLast();
        }
    }

    public synchronized void onAudit(final OpsAuditRecord record) {
        if (auditedIds.put(record.getActionId(), Boolean.TRUE) != null) {
            return; // read twice
        }
        if (record.getAction() == OpsActionType.DEAD_LETTER_REDRIVE || record.getAction() == OpsActionType.DEAD_LETTER_DISCARD) {
            deadLetterFates.put(record.getTarget(), (record.getAction() == OpsActionType.DEAD_LETTER_REDRIVE ? "re-driven" : "discarded")
                    + " by " + record.getActor() + " at " + record.getOccurredAt());
        }
        audit.addFirst(record);
        while (audit.size() > MAX_AUDIT_SHOWN) {
            audit.removeLast();
        }
    }

    /** A reserved order: the titles its shop gave its SKUs (the pick list names what to pick by them). */
    public synchronized void onReservedOrder(final ReservedOrder reserved) {
        for (final OrderLine line : reserved.getOrder().getLines()) {
            if (line.getTitle() != null && !line.getTitle().isBlank()) {
                titles.putIfAbsent(line.getSku(), line.getTitle());
            }
        }
    }

    /** For each carrier's next cut-off, what to pick and pack: the parcels booked on it. */
    public synchronized List<PickList> pickLists(final Instant now) {
        final List<PickList> lists = new ArrayList<>();
        for (final CarrierCalendar calendar : calendars.values()) {
            nextCutOff(calendar, now).ifPresent(next -> lists.add(PickList.of(calendar.getCarrierId(), calendar.getCarrierName(),
                    calendar.getWarehouseId(), next, waitingFor(calendar).stream().filter(p -> !p.getCutOffAt().isAfter(next)).toList(),
                    titles::get)));
        }
        return lists;
    }

    /** The pick list of one carrier at one warehouse, if it has a cut-off ahead. */
    public synchronized Optional<PickList> pickList(final String carrierId, final String warehouseId, final Instant now) {
        return pickLists(now).stream().filter(l -> l.carrierId().equals(carrierId) && l.warehouseId().equals(warehouseId)).findFirst();
    }

    private static Optional<Instant> nextCutOff(final CarrierCalendar calendar, final Instant now) {
        try {
            return CarrierCalendars.toCutOffCalendar(calendar).firstCutOffAfter(now);
        } catch (final RuntimeException e) {
            return Optional.empty(); // a calendar shipping-scheduler refuses too (it keeps the carrier's last valid one)
        }
    }

    private List<Parcel> waitingFor(final CarrierCalendar calendar) {
        return pendingParcels.values().stream()
                .filter(p -> p.getCarrierId().equals(calendar.getCarrierId()) && p.getWarehouseId().equals(calendar.getWarehouseId())).toList();
    }

    /** An entry of fraud.lists, as compacted: a tombstone removes it. At most {@value #MAX_LIST_ENTRIES} kept. */
    public synchronized void onFraudListEntry(final FraudListKey key, final FraudListEntry entry) {
        fraudLists.remove(key);
        if (entry != null) {
            fraudLists.put(key, entry);
            if (fraudLists.size() > MAX_LIST_ENTRIES) {
                fraudLists.remove(fraudLists.keySet().iterator().next());
            }
        }
    }

    public synchronized Optional<FraudListEntry> fraudListEntry(final FraudListKey key) {
        return Optional.ofNullable(fraudLists.get(key));
    }

    public synchronized Optional<OrderStatusChange> latestStatus(final String orderId) {
        final List<OrderStatusChange> history = histories.get(orderId);
        return history == null ? Optional.empty() : Optional.of(latest(history));
    }

    public synchronized Optional<StockLevel> stockLevel(final String sku) {
        return Optional.ofNullable(stock.get(sku));
    }

    public synchronized Optional<CarrierCalendar> calendar(final CarrierCalendarKey key) {
        return Optional.ofNullable(calendars.get(key));
    }

    /** What became of a dead letter, if anything: "re-driven by ops at ...", "discarded by ops at ...". */
    public synchronized Optional<String> deadLetterFate(final String deadLetterId) {
        return Optional.ofNullable(deadLetterFates.get(deadLetterId));
    }

    /** Whether ops.audit holds this action id (of the most recent {@value #MAX_AUDITED_IDS}). */
    public synchronized boolean audited(final String actionId) {
        return auditedIds.containsKey(actionId);
    }

    /** An order's history from orders.status, oldest first. */
    public synchronized Optional<List<Map<String, Object>>> history(final String orderId) {
        final List<OrderStatusChange> history = histories.get(orderId);
        return history == null ? Optional.empty() : Optional.of(history.stream().map(PipelineView::statusJson).toList());
    }

    /**
     * The order a person means: a pool order id, or a shop's own order reference (as a shop would quote
     * it on the phone), alone when only one shop used it, or as {@code <shopId> <ref>}.
     */
    public synchronized Optional<String> findOrder(final String query) {
        final String wanted = query.trim();
        if (histories.containsKey(wanted)) {
            return Optional.of(wanted);
        }
        final String[] shopAndRef = wanted.split("\\s+", 2);
        final String ref = shopAndRef.length == 2 ? shopAndRef[1] : wanted;
        final List<String> candidates = byShopOrderRef.getOrDefault(ref, List.of()).stream().filter(histories::containsKey)
                .filter(id -> shopAndRef.length < 2 || latest(histories.get(id)).getShopId().equals(shopAndRef[0])).toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** How many assessments are held: never more than the histories kept, plus those that came before their order's first status. */
    synchronized int assessmentsHeld() {
        return assessments.size();
    }

    /** How many order ids the shop-reference index holds: never more than the histories kept. */
    synchronized int indexedOrderIds() {
        return byShopOrderRef.values().stream().mapToInt(List::size).sum();
    }

    public synchronized Optional<ShipmentManifest> manifest(final String manifestId) {
        return Optional.ofNullable(manifestsById.get(manifestId));
    }

    /** Whether the order's latest status is IN_REVIEW. */
    public synchronized boolean isInReview(final String orderId) {
        final List<OrderStatusChange> history = histories.get(orderId);
        return history != null && latest(history).getStatus() == OrderStatus.IN_REVIEW;
    }

    /** Everything the page shows, as JSON-ready maps. */
    public synchronized Map<String, Object> overview(final Instant now) {
        final Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("generatedAt", now.toString());
        overview.put("statusChanges", statusChanges);
        overview.put("ordersSeen", histories.size());
        overview.put("perMinute", perMinute(now));
        overview.put("stages", stages());
        overview.put("reviewQueue", reviewQueue());
        overview.put("stock", stock.values().stream().map(PipelineView::stockJson).toList());
        overview.put("cutOffs", cutOffs(now));
        overview.put("manifests", manifests.stream().map(PipelineView::manifestJson).toList());
        overview.put("rejections", rejections.stream().map(PipelineView::rejectionJson).toList());
        overview.put("deadLetters", deadLetters.stream().map(this::deadLetterJson).toList());
        overview.put("audit", audit.stream().map(PipelineView::auditJson).toList());
        overview.put("fraudLists", fraudLists.values().stream().map(PipelineView::listJson).toList());
        overview.put("pickLists", pickLists(now).stream().map(PickList::json).toList());
        return overview;
    }

    private Map<String, Object> perMinute(final Instant now) {
        final long last = now.getEpochSecond() / 60;
        final List<String> labels = new ArrayList<>();
        final Map<String, List<Integer>> series = new LinkedHashMap<>();
        STAGES.forEach(status -> series.put(status.name(), new ArrayList<>()));
        for (long minute = last - MINUTES + 1; minute <= last; minute++) {
            labels.add(Instant.ofEpochSecond(minute * 60).toString().substring(11, 16));
            final EnumMap<OrderStatus, Integer> counts = perMinute.getOrDefault(minute, new EnumMap<>(OrderStatus.class));
            series.forEach((status, values) -> values.add(counts.getOrDefault(OrderStatus.valueOf(status), 0)));
        }
        return Map.of("labels", labels, "series", series);
    }

    private Map<String, Integer> stages() {
        final Map<String, Integer> stages = new LinkedHashMap<>();
        STAGES.forEach(status -> stages.put(status.name(), 0));
        histories.values().forEach(history -> stages.merge(latest(history).getStatus().name(), 1, Integer::sum));
        return stages;
    }

    private List<Map<String, Object>> reviewQueue() {
        final List<Map<String, Object>> queue = new ArrayList<>();
        histories.forEach((orderId, history) -> {
            final OrderStatusChange latest = latest(history);
            if (latest.getStatus() != OrderStatus.IN_REVIEW) {
                return;
            }
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("orderId", orderId);
            item.put("shopId", latest.getShopId());
            item.put("shopOrderRef", latest.getShopOrderRef());
            item.put("since", latest.getOccurredAt().toString());
            final FraudAssessment assessment = assessments.get(orderId);
            item.put("score", assessment == null ? null : assessment.getScore());
            item.put("reasons", assessment == null ? List.of(latest.getReason() == null ? "" : latest.getReason())
                    : assessment.getReasons().stream().map(PipelineView::reasonText).toList());
            queue.add(item);
        });
        queue.sort(Comparator.comparing(item -> (String) item.get("since")));
        return queue;
    }

    private List<Map<String, Object>> cutOffs(final Instant now) {
        final List<Map<String, Object>> cutOffs = new ArrayList<>();
        for (final CarrierCalendar calendar : calendars.values()) {
            final Optional<Instant> nextPickUp = nextCutOff(calendar, now);
            if (nextPickUp.isEmpty()) {
                continue; // a paused carrier, or a calendar shipping-scheduler refuses too
            }
            final Instant next = nextPickUp.get();
            final List<Parcel> waiting = waitingFor(calendar);
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("carrierId", calendar.getCarrierId());
            item.put("carrierName", calendar.getCarrierName());
            item.put("warehouseId", calendar.getWarehouseId());
            item.put("nextCutOff", next.toString());
            item.put("secondsLeft", Duration.between(now, next).getSeconds());
            item.put("parcelsForNext", waiting.stream().filter(p -> !p.getCutOffAt().isAfter(next)).count());
            item.put("parcelsLater", waiting.stream().filter(p -> p.getCutOffAt().isAfter(next)).count());
            item.put("weightForNextGrams", waiting.stream().filter(p -> !p.getCutOffAt().isAfter(next)).mapToLong(Parcel::getWeightGrams).sum());
            cutOffs.add(item);
        }
        return cutOffs;
    }

    /** Removes an evicted order from the shop-reference index (its first change is the one it was indexed by). */
    private void unindex(final String orderId, final List<OrderStatusChange> history) {
        final String ref = history.get(0).getShopOrderRef();
        final List<String> ids = byShopOrderRef.get(ref);
        if (ids != null) {
            ids.remove(orderId);
            if (ids.isEmpty()) {
                byShopOrderRef.remove(ref);
            }
        }
    }

    /**
     * The order's latest lifecycle step. An answer to a shop's update repeats the status its service knew (order-intake's
     * refusal repeats ACCEPTED even after the order was SCHEDULED), so it never says where the order stands.
     */
    private static OrderStatusChange latest(final List<OrderStatusChange> history) {
        for (int i = history.size() - 1; i > 0; i--) {
            if (!StatusChanges.isUpdateAnswer(history.get(i))) {
                return history.get(i);
            }
        }
        return history.get(0);
    }

    private static String reasonText(final RiskReason reason) {
        return reason.getDescription() + " (+" + reason.getWeight() + ")";
    }

    private static Map<String, Object> statusJson(final OrderStatusChange change) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", change.getStatus().name());
        json.put("occurredAt", change.getOccurredAt().toString());
        json.put("source", change.getSource());
        json.put("reasonCode", change.getReasonCode());
        json.put("reason", change.getReason());
        if (StatusChanges.isUpdateAnswer(change)) {
            json.put("update", Map.of("updateId", change.getUpdate().getUpdateId(), "outcome", change.getUpdate().getOutcome().name(),
                    "changes", List.copyOf(change.getUpdate().getChanges())));
        }
        json.put("shopId", change.getShopId());
        json.put("shopOrderRef", change.getShopOrderRef());
        return json;
    }

    private static Map<String, Object> stockJson(final StockLevel level) {
        return Map.of("sku", level.getSku(), "onHand", level.getOnHand(), "reserved", level.getReserved(), "available", level.getAvailable(),
                "status", level.getStatus().name());
    }

    private static Map<String, Object> manifestJson(final ShipmentManifest manifest) {
        return Map.of("manifestId", manifest.getManifestId(), "carrierId", manifest.getCarrierId(), "cutOffAt", manifest.getCutOffAt().toString(),
                "parcelCount", manifest.getParcelCount(), "totalWeightGrams", manifest.getTotalWeightGrams(),
                "issuedAt", manifest.getIssuedAt().toString());
    }

    private static Map<String, Object> rejectionJson(final OrderRejection rejection) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", rejection.getOrderId());
        json.put("shopId", rejection.getShopId());
        json.put("shopOrderRef", rejection.getShopOrderRef());
        json.put("reasons", rejection.getErrors().stream().map(PipelineView::errorText).toList());
        return json;
    }

    private static Map<String, Object> auditJson(final OpsAuditRecord record) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("actionId", record.getActionId());
        json.put("occurredAt", record.getOccurredAt().toString());
        json.put("actor", record.getActor());
        json.put("action", record.getAction().name());
        json.put("target", record.getTarget());
        json.put("topic", record.getTopic());
        json.put("summary", record.getSummary());
        json.put("reason", record.getReason());
        json.put("before", record.getBefore());
        json.put("after", record.getAfter());
        return json;
    }

    private static Map<String, Object> listJson(final FraudListEntry entry) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", entry.getEntryType().name());
        json.put("value", entry.getValue());
        json.put("action", entry.getAction().name());
        json.put("reason", entry.getReason());
        json.put("addedBy", entry.getAddedBy());
        json.put("addedAt", entry.getAddedAt().toString());
        json.put("expiresAt", entry.getExpiresAt() == null ? null : entry.getExpiresAt().toString());
        return json;
    }

    private Map<String, Object> deadLetterJson(final DeadLetter deadLetter) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", deadLetter.id());
        json.put("fate", deadLetterFates.get(deadLetter.id()));
        json.put("partition", deadLetter.partition());
        json.put("topic", deadLetter.topic());
        json.put("offset", deadLetter.offset());
        json.put("key", deadLetter.key());
        json.put("error", deadLetter.error());
        json.put("valuePreview", deadLetter.valuePreview());
        json.put("timestamp", deadLetter.timestamp());
        return json;
    }

    private static String errorText(final FieldError error) {
        return error.getField() + ": " + error.getMessage();
    }
}
