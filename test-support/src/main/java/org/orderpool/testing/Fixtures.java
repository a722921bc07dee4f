package org.orderpool.testing;

import org.orderpool.contracts.status.StatusChanges;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.AssessmentSummary;
import org.orderpool.contracts.AuthorisationStatus;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.CarrierService;
import org.orderpool.contracts.Clearance;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Customer;
import org.orderpool.contracts.CutOffException;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.FraudAssessment;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.FraudListAction;
import org.orderpool.contracts.FraudListEntry;
import org.orderpool.contracts.FraudListEntryType;
import org.orderpool.contracts.FraudListKey;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelLine;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.ReservedLine;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.RiskReason;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockMovementType;
import org.orderpool.contracts.StockStatus;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.ThreeDSecureResult;
import org.orderpool.contracts.Weekday;
import org.orderpool.contracts.WeeklyCutOff;

/**
 * Small, valid records of the contract for tests: {@code order("o-1").line("SKU-1", 2).build()}.
 * Every value is plausible (real country and currency codes, totals that add up), so a fixture passes
 * validation unless a test changes it on purpose.
 */
public final class Fixtures {

    /** A fixed instant, so fixtures compare equal across runs. */
    public static final Instant T0 = Instant.parse("2026-11-20T10:15:30Z");
    public static final String CURRENCY = "EUR";
    public static final String WAREHOUSE = "pool-wh-1";

    private Fixtures() {
    }

    public static OrderBuilder order(final String orderId) {
        return new OrderBuilder(orderId);
    }

    public static Money eur(final long cents) {
        return new Money(cents, CURRENCY);
    }

    public static Address address(final String name, final String countryCode) {
        return Address.newBuilder().setName(name).setLine1("12 rue des Lilas").setPostalCode("69003").setCity("Lyon")
                .setCountryCode(countryCode).build();
    }

    public static PaymentFacts cardPayment() {
        return PaymentFacts.newBuilder().setMethod(PaymentMethod.CARD).setCardBin("497010").setCardLastFour("0042")
                .setCardFingerprint("fp_7Hq2LmX9").setCardCountry("FR").setThreeDSecure(ThreeDSecureResult.AUTHENTICATED)
                .setAuthorisation(AuthorisationStatus.AUTHORISED).setClientIp("203.0.113.7").setClientIpCountry("FR").build();
    }

    public static ShopOrderKey shopOrderKey(final String shopId, final String shopOrderRef) {
        return new ShopOrderKey(shopId, shopOrderRef);
    }

    public static OrderRejection rejection(final String orderId) {
        return OrderRejection.newBuilder().setOrderId(orderId).setShopId("shop-a").setShopOrderRef("A-1001")
                .setChannel(SalesChannel.SHOPIFY)
                .setErrors(List.of(new FieldError("lines[0].quantity", "must_be_positive", "quantity must be at least 1, was 0")))
                .setRejectedAt(T0).build();
    }

    public static FraudAssessment assessment(final String orderId, final int score, final FraudDecision decision) {
        return FraudAssessment.newBuilder().setOrderId(orderId).setShopId("shop-a").setScore(score).setDecision(decision)
                .setReasons(List.of(new RiskReason("card-velocity-1h", 30, "5 orders in 1 h", "Same card used in 5 orders within an hour")))
                .setRulesetVersion("2026-11-01").setAssessedAt(T0).build();
    }

    public static ReviewDecision reviewDecision(final String orderId, final ReviewVerdict verdict) {
        return ReviewDecision.newBuilder().setDecisionId("d-" + orderId).setOrderId(orderId).setVerdict(verdict)
                .setOperator("ops.alice").setComment("called the customer").setDecidedAt(T0).build();
    }

    public static FraudListKey fraudListKey(final FraudListEntryType type, final String value) {
        return new FraudListKey(type, value);
    }

    public static FraudListEntry fraudListEntry(final FraudListEntryType type, final String value, final FraudListAction action) {
        return FraudListEntry.newBuilder().setEntryType(type).setValue(value).setAction(action)
                .setReason("chargeback 2026-10").setAddedBy("ops.alice").setAddedAt(T0).build();
    }

    public static ClearedOrder cleared(final Order order) {
        return new ClearedOrder(order, new AssessmentSummary(12, FraudDecision.ACCEPT, Clearance.SCORE_BELOW_THRESHOLD, null), T0);
    }

    public static OrderCancellation cancellation(final Order order) {
        return OrderCancellation.newBuilder().setCancellationId("c-" + order.getOrderId()).setOrderId(order.getOrderId())
                .setShopId(order.getShopId()).setShopOrderRef(order.getShopOrderRef()).setReason("customer changed mind")
                .setRequestedAt(T0).build();
    }

    public static StockMovement receipt(final String sku, final int quantity) {
        return StockMovement.newBuilder().setMovementId("m-" + sku + "-" + quantity).setSku(sku).setWarehouseId(WAREHOUSE)
                .setType(StockMovementType.RECEIPT).setQuantityDelta(quantity).setOccurredAt(T0).build();
    }

    public static StockLevel stockLevel(final String sku, final int onHand, final int reserved) {
        final int available = onHand - reserved;
        return StockLevel.newBuilder().setSku(sku).setWarehouseId(WAREHOUSE).setOnHand(onHand).setReserved(reserved)
                .setAvailable(available).setStatus(available <= 0 ? StockStatus.OUT_OF_STOCK : available <= 5 ? StockStatus.LOW_STOCK : StockStatus.IN_STOCK)
                .setPreviousStatus(StockStatus.IN_STOCK).setLowStockThreshold(5).setUpdatedAt(T0).build();
    }

    public static ReservedOrder reserved(final Order order) {
        return new ReservedOrder(order, order.getLines().stream()
                .map(line -> new ReservedLine(line.getSku(), line.getQuantity(), WAREHOUSE)).toList(), T0);
    }

    public static CarrierCalendarKey calendarKey(final String carrierId) {
        return new CarrierCalendarKey(carrierId, WAREHOUSE);
    }

    /** Cut-off 15:00 Monday to Friday in Paris, no pick-up on Christmas Day, an early pick-up on 24 December. */
    public static CarrierCalendar calendar(final String carrierId) {
        final List<WeeklyCutOff> weekdays = new ArrayList<>();
        for (final Weekday day : List.of(Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY)) {
            weekdays.add(new WeeklyCutOff(day, LocalTime.of(15, 0)));
        }
        return CarrierCalendar.newBuilder().setCarrierId(carrierId).setCarrierName("Colis Express").setWarehouseId(WAREHOUSE)
                .setTimeZone("Europe/Paris").setWeeklyCutOffs(weekdays).setHolidays(List.of(LocalDate.of(2026, 12, 25)))
                .setExceptions(List.of(new CutOffException(LocalDate.of(2026, 12, 24), LocalTime.of(12, 0), "Christmas Eve")))
                .setPackingLeadTimeMinutes(30)
                .setServices(List.of(new CarrierService("CX-HOME", ShippingMethod.STANDARD, 30_000, List.of("FR", "BE", "DE")),
                        new CarrierService("CX-EXPRESS", ShippingMethod.EXPRESS, 10_000, List.of("FR"))))
                .setUpdatedAt(T0).build();
    }

    public static Parcel parcel(final Order order, final String carrierId) {
        return Parcel.newBuilder().setParcelId(order.getOrderId() + "-1").setOrderId(order.getOrderId()).setShopId(order.getShopId())
                .setParcelNumber(1).setParcelCount(1).setCarrierId(carrierId).setWarehouseId(WAREHOUSE).setServiceCode("CX-HOME")
                .setRecipient(order.getShippingAddress()).setWeightGrams(1_250).setLines(parcelLines(order))
                .setTrackingReference("CX" + Math.abs(order.getOrderId().hashCode())).setCutOffAt(T0.plusSeconds(3_600))
                .setScheduledAt(T0).build();
    }

    public static ShipmentManifest manifest(final String carrierId, final Parcel parcel) {
        final ManifestParcel line = ManifestParcel.newBuilder().setParcelId(parcel.getParcelId()).setOrderId(parcel.getOrderId())
                .setShopId(parcel.getShopId()).setRecipient(parcel.getRecipient()).setWeightGrams(parcel.getWeightGrams())
                .setServiceCode(parcel.getServiceCode()).setTrackingReference(parcel.getTrackingReference())
                .setLines(parcel.getLines()).build();
        return ShipmentManifest.newBuilder().setManifestId(carrierId + "-" + WAREHOUSE + "-20261120T1400Z").setCarrierId(carrierId)
                .setWarehouseId(WAREHOUSE).setCutOffAt(parcel.getCutOffAt()).setParcels(List.of(line)).setParcelCount(1)
                .setTotalWeightGrams(parcel.getWeightGrams()).setIssuedAt(parcel.getCutOffAt()).build();
    }

    public static OrderStatusChange statusChange(final Order order, final OrderStatus status) {
        return StatusChanges.change(order.getOrderId(), order.getShopId(), order.getShopOrderRef(), status, "test",
                "set by a test fixture", "test", T0);
    }

    private static List<ParcelLine> parcelLines(final Order order) {
        return order.getLines().stream().map(line -> new ParcelLine(line.getSku(), line.getQuantity())).toList();
    }

    /** Builds a canonical {@link Order} and the {@link SubmittedOrder} a shop would have sent for it. */
    public static final class OrderBuilder {
        private final String orderId;
        private String shopId = "shop-a";
        private String shopOrderRef;
        private SalesChannel channel = SalesChannel.POOL_JSON;
        private final List<OrderLine> lines = new ArrayList<>();
        private ShippingMethod shippingMethod = ShippingMethod.STANDARD;
        private long shippingCents = 490;
        private Address shippingAddress = address("Camille Martin", "FR");
        private PaymentFacts payment = cardPayment();
        private String email = "camille.martin@example.org";

        private OrderBuilder(final String orderId) {
            this.orderId = orderId;
            this.shopOrderRef = "ref-" + orderId;
        }

        public OrderBuilder shop(final String shopId) {
            this.shopId = shopId;
            return this;
        }

        public OrderBuilder shopOrderRef(final String ref) {
            this.shopOrderRef = ref;
            return this;
        }

        public OrderBuilder channel(final SalesChannel channel) {
            this.channel = channel;
            return this;
        }

        /** Adds a line at 12.50 EUR a unit. */
        public OrderBuilder line(final String sku, final int quantity) {
            return line(sku, quantity, 1_250);
        }

        public OrderBuilder line(final String sku, final int quantity, final long unitCents) {
            lines.add(OrderLine.newBuilder().setLineId(Integer.toString(lines.size() + 1)).setSku(sku).setQuantity(quantity)
                    .setUnitPrice(eur(unitCents)).build());
            return this;
        }

        public OrderBuilder shipping(final ShippingMethod method, final long cents) {
            this.shippingMethod = method;
            this.shippingCents = cents;
            return this;
        }

        public OrderBuilder shipTo(final Address address) {
            this.shippingAddress = address;
            return this;
        }

        public OrderBuilder payment(final PaymentFacts payment) {
            this.payment = payment;
            return this;
        }

        public OrderBuilder email(final String email) {
            this.email = email;
            return this;
        }

        /**
         * A buyer of its own (e-mail, card fingerprint, card BIN, client IP, street), so that many such orders do not
         * look like one card's, one address's, one IP's or one BIN's velocity to fraud-check: the BIN (8 digits) and
         * the IP (in 10.0.0.0/8) come from the seed's hash, so among thousands of buyers hardly two share either.
         */
        public OrderBuilder distinctBuyer(final String seed) {
            final int code = seed.hashCode();
            final String hash = Integer.toHexString(code);
            this.email = "buyer-" + seed.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "@example.org";
            this.payment = PaymentFacts.newBuilder(cardPayment()).setCardFingerprint("fp_" + hash)
                    .setCardBin(String.format(Locale.ROOT, "4%07d", Math.floorMod(code, 10_000_000)))
                    .setClientIp("10." + ((code >>> 16) & 0xff) + "." + ((code >>> 8) & 0xff) + "." + (code & 0xff)).build();
            this.shippingAddress = Address.newBuilder(address("Kim " + hash, "FR")).setLine1(Math.floorMod(seed.hashCode(), 9_000) + " rue "
                    + hash).build();
            return this;
        }

        public Order build() {
            return Order.newBuilder().setOrderId(orderId).setShopId(shopId).setShopOrderRef(shopOrderRef).setChannel(channel)
                    .setCustomer(customer()).setShippingAddress(shippingAddress).setBillingAddress(shippingAddress)
                    .setLines(lines()).setShippingMethod(shippingMethod).setShippingCost(eur(shippingCents)).setTotal(eur(total()))
                    .setPayment(payment).setPlacedAt(T0).setAcceptedAt(T0.plusSeconds(1)).build();
        }

        public SubmittedOrder submitted() {
            return SubmittedOrder.newBuilder().setShopId(shopId).setShopOrderRef(shopOrderRef).setChannel(channel)
                    .setPlatformEventId("evt-" + orderId).setCustomer(customer()).setShippingAddress(shippingAddress)
                    .setLines(lines()).setShippingMethod(shippingMethod.name()).setShippingCost(eur(shippingCents))
                    .setTotal(eur(total())).setPayment(payment).setPlacedAt(T0).setReceivedAt(T0.plusMillis(200)).build();
        }

        private Customer customer() {
            return Customer.newBuilder().setEmail(email).setFirstName("Camille").setLastName("Martin").build();
        }

        private List<OrderLine> lines() {
            return lines.isEmpty() ? List.of(OrderLine.newBuilder().setLineId("1").setSku("SKU-TEA-01").setQuantity(1)
                    .setUnitPrice(eur(1_250)).build()) : List.copyOf(lines);
        }

        private long total() {
            return shippingCents + lines().stream().mapToLong(l -> l.getQuantity() * l.getUnitPrice().getAmountMinor()).sum();
        }
    }
}
