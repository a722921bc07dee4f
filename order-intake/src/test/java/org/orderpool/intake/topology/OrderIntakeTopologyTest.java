package org.orderpool.intake.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.IntakeDecision;
import org.orderpool.intake.domain.IntakeRules;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.OrderIntake;
import org.orderpool.intake.domain.OrderValidator;
import org.orderpool.intake.domain.Shop;
import org.orderpool.intake.domain.ShopDirectory;
import org.orderpool.intake.domain.ShopPolicy;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.InMemorySchemaRegistry;
import org.orderpool.serde.SchemaRegistryClient;
import org.orderpool.serde.SchemaRegistryException;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

class OrderIntakeTopologyTest {

    private static final Duration RETENTION = Duration.ofDays(7);
    private static final String PAN = "4111111111111111";
    private static final Duration SHOP_B_PAYMENT_TIMEOUT = Duration.ofHours(1);

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private TopologyTestDriver driver;
    private TestInputTopic<ShopOrderKey, SubmittedOrder> submitted;
    private TestInputTopic<byte[], byte[]> submittedBytes;
    private TestOutputTopic<String, Order> accepted;
    private TestOutputTopic<String, OrderRejection> rejected;
    private TestOutputTopic<String, OrderStatusChange> status;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestInputTopic<String, OrderCancellation> cancellations;
    private TestOutputTopic<String, OrderCancellation> cancellationsOut;

    @BeforeEach
    void startDriver() {
        final OrderIntake intake = new OrderIntake(new OrderValidator(Set.of("SKU-TEA-01", "SKU-MUG-01"),
                new ShopDirectory(List.of(new Shop("shop-a", "Shop A", "s3cret"),
                        new Shop("shop-b", "Shop B", "s3cret-b", new ShopPolicy(false, SHOP_B_PAYMENT_TIMEOUT)))),
                IntakeRules.defaults()));
        driver = TopologyTests.driver(new OrderIntakeTopology(topics, intake, RETENTION).build(), "order-intake-test",
                DeadLetterSettings.forTopic(Topics.ORDER_INTAKE_DLQ.name()), Fixtures.T0);
        submitted = input(Topics.SHOP_ORDERS_SUBMITTED);
        submittedBytes = driver.createInputTopic(Topics.SHOP_ORDERS_SUBMITTED.name(), new ByteArraySerializer(), new ByteArraySerializer());
        accepted = output(Topics.ORDERS_ACCEPTED);
        rejected = output(Topics.ORDERS_REJECTED);
        status = output(Topics.ORDERS_STATUS);
        deadLetters = driver.createOutputTopic(Topics.ORDER_INTAKE_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        cancellations = input(Topics.ORDERS_CANCELLATIONS);
        cancellationsOut = output(Topics.ORDERS_CANCELLATIONS);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldAcceptAValidOrderKeyedByItsOrderIdAndAnnounceIt() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();

        submit(order, Fixtures.T0);

        final String orderId = OrderIds.forShopOrder("shop-a", order.getShopOrderRef());
        assertThat(accepted.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo(orderId);
            assertThat(kv.value.getLines()).hasSize(1);
        });
        assertThat(status.readValuesToList()).extracting(OrderStatusChange::getStatus).containsExactly(OrderStatus.ACCEPTED);
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                Arguments.of("quantity 0", (Consumer<SubmittedOrder>) o -> o.getLines().get(0).setQuantity(0), "lines[0].quantity:must_be_positive"),
                Arguments.of("negative price", (Consumer<SubmittedOrder>) o -> o.getLines().get(0).setUnitPrice(new Money(-1L, "EUR")),
                        "lines[0].unitPrice:must_not_be_negative"),
                Arguments.of("unknown SKU", (Consumer<SubmittedOrder>) o -> o.getLines().get(0).setSku("SKU-GHOST"), "lines[0].sku:unknown_sku"),
                Arguments.of("bad currency", (Consumer<SubmittedOrder>) o -> o.getTotal().setCurrency("EURO"), "total.currency:invalid_currency"),
                Arguments.of("bad country", (Consumer<SubmittedOrder>) o -> o.getShippingAddress().setCountryCode("FRA"),
                        "shippingAddress.countryCode:invalid_country"),
                Arguments.of("bad email", (Consumer<SubmittedOrder>) o -> o.getCustomer().setEmail("camille"), "customer.email:invalid_email"),
                Arguments.of("total mismatch", (Consumer<SubmittedOrder>) o -> o.getTotal().setAmountMinor(1L), "total:total_mismatch"),
                Arguments.of("missing name", (Consumer<SubmittedOrder>) o -> o.getCustomer().setLastName(" "), "customer.lastName:required"),
                Arguments.of("shipping method", (Consumer<SubmittedOrder>) o -> o.setShippingMethod("CARRIER_PIGEON"), "shippingMethod:not_offered"),
                Arguments.of("unknown shop", (Consumer<SubmittedOrder>) o -> o.setShopId("shop-z"), "shopId:unknown_shop"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void shouldRejectAnInvalidOrderWithTheSpecificReason(final String name, final Consumer<SubmittedOrder> breakIt, final String expected) {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        breakIt.accept(order);

        submitted.pipeInput(new ShopOrderKey(order.getShopId(), order.getShopOrderRef()), order, Fixtures.T0);

        assertThat(rejected.readValuesToList()).singleElement().satisfies(rejection ->
                assertThat(rejection.getErrors()).extracting(e -> e.getField() + ":" + e.getCode()).contains(expected));
        assertThat(status.readValuesToList()).extracting(OrderStatusChange::getStatus).containsExactly(OrderStatus.REJECTED);
        assertThat(accepted.isEmpty()).isTrue();
    }

    @Test
    void shouldTreatARetryOfTheSameShopOrderAsOneOrder() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        final SubmittedOrder changedRetry = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        changedRetry.getCustomer().setFirstName("Camille-Anne");

        submit(order, Fixtures.T0);
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        submit(order, Fixtures.T0.plusSeconds(30));
        driver.advanceWallClockTime(Duration.ofDays(6));
        submit(changedRetry, Fixtures.T0.plus(Duration.ofDays(6)));

        assertThat(accepted.readValuesToList()).hasSize(1);
        assertThat(status.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldDecideAnOrderOnItsOrderIdsPartitionInItsTaskAndMoveAnyOtherThroughTheRepartitionAlike() {
        // the driver runs one task of every sub-topology, on partition 0: an order id of partition 0 is in its own task
        final String repartition = "order-intake-test-" + OrderIntakeTopology.BY_ORDER_ID + "-repartition";
        final String homeRef = refWhoseOrderIdIsOnPartition0(true);
        final String awayRef = refWhoseOrderIdIsOnPartition0(false);
        final SubmittedOrder home = Fixtures.order(homeRef).shopOrderRef(homeRef).line("SKU-TEA-01", 1).submitted();
        final SubmittedOrder away = Fixtures.order(awayRef).shopOrderRef(awayRef).line("SKU-TEA-01", 1).submitted();

        submit(home, Fixtures.T0);
        assertThat(driver.producedTopicNames()).as("decided in place").doesNotContain(repartition);
        submit(away, Fixtures.T0);
        assertThat(driver.producedTopicNames()).as("moved to its task").contains(repartition);
        submit(home, Fixtures.T0.plusSeconds(1));
        submit(away, Fixtures.T0.plusSeconds(1));

        assertThat(accepted.readKeyValuesToList()).extracting(kv -> kv.key).as("each once, whichever way it went").containsExactly(
                OrderIds.forShopOrder("shop-a", home.getShopOrderRef()), OrderIds.forShopOrder("shop-a", away.getShopOrderRef()));
    }

    private static String refWhoseOrderIdIsOnPartition0(final boolean onPartition0) {
        for (int n = 0; ; n++) {
            if ((OrderIds.partitionOf(OrderIds.forShopOrder("shop-a", "ref-" + n)) == 0) == onPartition0) {
                return "ref-" + n;
            }
        }
    }

    @Test
    void shouldPassALaterVersionOfAnAcceptedOrderOnToOrdersUpdatesAndAnnounceNothingForIt() {
        final TestOutputTopic<String, OrderUpdate> updates = output(Topics.ORDERS_UPDATES);
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        final SubmittedOrder moved = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        moved.getShippingAddress().setLine1("3 place Bellecour");
        submit(order, Fixtures.T0);
        status.readValuesToList();
        assertThat(accepted.readValuesToList()).hasSize(1);

        driver.advanceWallClockTime(Duration.ofMinutes(5));
        submit(moved, Fixtures.T0);

        final String orderId = OrderIds.forShopOrder("shop-a", order.getShopOrderRef());
        assertThat(updates.readKeyValuesToList()).singleElement().satisfies(update -> {
            assertThat(update.key).isEqualTo(orderId);
            assertThat(update.value.getOrder().getShippingAddress().getLine1()).isEqualTo("3 place Bellecour");
            assertThat(update.value.getRequestedAt()).as("the pool's clock").isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(5)));
        });
        assertThat(status.isEmpty()).as("the services downstream answer it").isTrue();
        assertThat(accepted.isEmpty()).isTrue();
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseAnInvalidLaterVersionOfAnAcceptedOrderOnOrdersStatusOnlyAndKeepTheOrder() {
        final TestOutputTopic<String, OrderUpdate> updates = output(Topics.ORDERS_UPDATES);
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        final SubmittedOrder broken = Fixtures.order("o-1").line("SKU-NOPE-01", 2).submitted();
        submit(order, Fixtures.T0);
        status.readValuesToList();

        submit(broken, Fixtures.T0);

        assertThat(status.readValuesToList()).singleElement().satisfies(change -> {
            assertThat(change.getStatus()).isEqualTo(OrderStatus.ACCEPTED);
            assertThat(change.getReasonCode()).isEqualTo("intake.update_invalid");
            assertThat(change.getReason()).contains("unknown_sku");
            assertThat(change.getUpdate().getOutcome()).isEqualTo(UpdateOutcome.REFUSED);
        });
        assertThat(rejected.isEmpty()).as("the order is not rejected: it goes on as accepted").isTrue();
        assertThat(updates.isEmpty()).isTrue();
    }

    @Test
    void shouldRejectAGatewaysPlaceholderForAnUnreadableDeliveryWithExactlyItsReasonsInTheOrdersLifecycle() {
        final SubmittedOrder accepted = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        submit(accepted, Fixtures.T0);
        status.readValuesToList();
        final List<FieldError> reasons = List.of(new FieldError("line_items[1].sku", "required", "line_items[1].sku is required"));

        submit(placeholder("o-1", reasons), Fixtures.T0);
        submit(placeholder("o-2", reasons), Fixtures.T0);

        assertThat(rejected.readValuesToList()).singleElement().satisfies(rejection -> {
            assertThat(rejection.getShopOrderRef()).isEqualTo("o-2");
            assertThat(rejection.getErrors()).extracting(e -> e.getField() + ":" + e.getCode()).containsExactly("line_items[1].sku:required");
        });
        assertThat(status.readValuesToList()).extracting(c -> c.getShopOrderRef() + ":" + c.getStatus() + ":" + c.getReasonCode())
                .containsExactly(accepted.getShopOrderRef() + ":ACCEPTED:intake.update_invalid", "o-2:REJECTED:intake.invalid");
    }

    private static SubmittedOrder placeholder(final String ref, final List<FieldError> reasons) {
        final SubmittedOrder order = Fixtures.order(ref).line("SKU-TEA-01", 1).submitted();
        order.setShopOrderRef(ref.equals("o-1") ? Fixtures.order("o-1").submitted().getShopOrderRef() : ref);
        order.setLines(List.of());
        order.setIntakeErrors(reasons);
        return order;
    }

    @Test
    void shouldTakeOrdersFromAShopsOwnIntakeTopic() {
        final TestInputTopic<ShopOrderKey, SubmittedOrder> shopBTopic = input(Topics.shopIntake("shop-b"));
        final SubmittedOrder order = Fixtures.order("o-1").shop("shop-b").line("SKU-TEA-01", 1).submitted();

        shopBTopic.pipeInput(new ShopOrderKey("shop-b", order.getShopOrderRef()), order, Fixtures.T0);

        assertThat(accepted.readKeyValuesToList()).singleElement()
                .satisfies(kv -> assertThat(kv.key).isEqualTo(OrderIds.forShopOrder("shop-b", order.getShopOrderRef())));
    }

    @Test
    void shouldRejectAnOrderForAnotherShopAsTheSendersOwnWithoutTouchingTheOtherShopsOrder() {
        final TestInputTopic<ShopOrderKey, SubmittedOrder> shopBTopic = input(Topics.shopIntake("shop-b"));
        final SubmittedOrder forged = Fixtures.order("o-1").shop("shop-a").line("SKU-TEA-01", 1).shopOrderRef("1001").submitted();
        final SubmittedOrder genuine = Fixtures.order("o-1").shop("shop-a").line("SKU-TEA-01", 1).shopOrderRef("1001").submitted();

        shopBTopic.pipeInput(new ShopOrderKey("shop-a", "1001"), forged, Fixtures.T0);
        submit(genuine, Fixtures.T0.plusSeconds(1));

        assertThat(rejected.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).as("the sender's order id").isEqualTo(OrderIds.forShopOrder("shop-b", "1001"));
            assertThat(kv.value.getShopId()).isEqualTo("shop-b");
            assertThat(kv.value.getErrors()).extracting(e -> e.getCode()).contains("shop_mismatch");
        });
        assertThat(accepted.readKeyValuesToList()).as("shop-a's own order 1001 is still taken").singleElement()
                .satisfies(kv -> assertThat(kv.key).isEqualTo(OrderIds.forShopOrder("shop-a", "1001")));
    }

    @Test
    void shouldNotMixUpTheSameOrderRefOfTwoShops() {
        final SubmittedOrder a = Fixtures.order("o-1").line("SKU-TEA-01", 1).shopOrderRef("1001").submitted();
        final SubmittedOrder b = Fixtures.order("o-1").shop("shop-b").line("SKU-TEA-01", 1).shopOrderRef("1001").submitted();

        submit(a, Fixtures.T0);
        submit(b, Fixtures.T0);

        assertThat(accepted.readKeyValuesToList()).extracting(kv -> kv.key).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void shouldAnswerARecordKeyedByAnotherRefOnTheKeysOwnOrderNeverOnTheValuesOrder() {
        final SubmittedOrder x = Fixtures.order("o-x").line("SKU-TEA-01", 1).shopOrderRef("X-1").submitted();
        final String xId = OrderIds.forShopOrder("shop-a", "X-1");
        final String bId = OrderIds.forShopOrder("shop-a", "B-1");

        submitted.pipeInput(new ShopOrderKey("shop-a", "B-1"), x, Fixtures.T0);
        submit(x, Fixtures.T0.plusSeconds(1));
        submitted.pipeInput(new ShopOrderKey("shop-a", "B-1"), x, Fixtures.T0.plusSeconds(2));

        assertThat(rejected.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).as("the key's own order").isEqualTo(bId);
            assertThat(kv.value.getOrderId()).isEqualTo(bId);
            assertThat(kv.value.getShopOrderRef()).isEqualTo("B-1");
            assertThat(kv.value.getErrors()).extracting(e -> e.getField() + ":" + e.getCode()).containsExactly("key:key_mismatch");
        });
        assertThat(accepted.readKeyValuesToList()).as("X itself is still taken").singleElement()
                .satisfies(kv -> assertThat(kv.key).isEqualTo(xId));
        assertThat(status.readKeyValuesToList()).extracting(kv -> kv.key + ":" + kv.value.getStatus() + ":" + kv.value.getShopOrderRef())
                .as("one status per order, each under its own ref; the repeat of B changes nothing")
                .containsExactly(bId + ":REJECTED:B-1", xId + ":ACCEPTED:X-1");
    }

    @Test
    void shouldAnswerAKeyNamingAnotherShopOnAShopsOwnTopicOnTheSendersOrderNamedByTheKeysRef() {
        final TestInputTopic<ShopOrderKey, SubmittedOrder> shopBTopic = input(Topics.shopIntake("shop-b"));
        final SubmittedOrder order = Fixtures.order("o-1").shop("shop-b").line("SKU-TEA-01", 1).shopOrderRef("1001").submitted();

        shopBTopic.pipeInput(new ShopOrderKey("shop-a", "2002"), order, Fixtures.T0);
        shopBTopic.pipeInput(new ShopOrderKey("shop-b", "1001"), order, Fixtures.T0.plusSeconds(1));

        assertThat(rejected.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).as("the topic's shop and the key's ref").isEqualTo(OrderIds.forShopOrder("shop-b", "2002"));
            assertThat(kv.value.getErrors()).extracting(e -> e.getField() + ":" + e.getCode()).contains("key:key_mismatch");
        });
        assertThat(accepted.readKeyValuesToList()).as("shop-b's order 1001 was not touched").singleElement()
                .satisfies(kv -> assertThat(kv.key).isEqualTo(OrderIds.forShopOrder("shop-b", "1001")));
    }

    @Test
    void shouldDeadLetterARecordWithoutAKeyWithItsOriginalBytesAndTouchNoOrder() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 1).submitted();
        final byte[] value = topics.valueSerde(Topics.SHOP_ORDERS_SUBMITTED).serializer().serialize(Topics.SHOP_ORDERS_SUBMITTED.name(), order);

        submittedBytes.pipeInput(new TestRecord<>(null, value, Fixtures.T0));
        submit(order, Fixtures.T0.plusSeconds(1));

        final TestRecord<byte[], byte[]> deadLetter = deadLetters.readRecord();
        assertThat(deadLetter.key()).isNull();
        assertThat(deadLetter.value()).isEqualTo(value);
        assertThat(headers(deadLetter)).anySatisfy(h -> assertThat(h).contains("no key"));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(accepted.readKeyValuesToList()).as("the order, sent again with its key, is taken").singleElement()
                .satisfies(kv -> assertThat(kv.key).isEqualTo(OrderIds.forShopOrder("shop-a", order.getShopOrderRef())));
    }

    @Test
    void shouldDeduplicateARecordStampedDaysInThePastAgainstAnEarlierOne() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        submit(order, Fixtures.T0);
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        submit(order, Fixtures.T0.minus(Duration.ofDays(8)));

        assertThat(accepted.readValuesToList()).as("one order").hasSize(1);
        assertThat(status.readValuesToList()).hasSize(1);
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldStampEveryOutputWithThePoolsClockNotTheShopsRecordTimestamp() {
        final SubmittedOrder good = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        final SubmittedOrder bad = Fixtures.order("o-2").line("SKU-GHOST", 1).submitted();
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        final Instant poolTime = Fixtures.T0.plusSeconds(30);

        submit(good, Fixtures.T0.minus(Duration.ofDays(8)));
        submit(bad, Fixtures.T0.plus(Duration.ofHours(1)));

        final TestRecord<String, Order> acceptedRecord = accepted.readRecord();
        assertThat(acceptedRecord.getRecordTime()).isEqualTo(poolTime);
        assertThat(acceptedRecord.value().getAcceptedAt()).isEqualTo(poolTime);
        final TestRecord<String, OrderRejection> rejectedRecord = rejected.readRecord();
        assertThat(rejectedRecord.getRecordTime()).isEqualTo(poolTime);
        assertThat(rejectedRecord.value().getRejectedAt()).isEqualTo(poolTime);
        assertThat(status.readRecordsToList()).extracting(TestRecord::getRecordTime).containsExactly(poolTime, poolTime);
        assertThat(accepted.isEmpty()).isTrue();
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldForgetDecidedOrdersAfterTheRetentionWindow() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        submit(order, Fixtures.T0);
        driver.advanceWallClockTime(RETENTION.multipliedBy(3));
        final Instant later = Fixtures.T0.plus(RETENTION.multipliedBy(3));
        final SubmittedOrder other = Fixtures.order("o-2").line("SKU-TEA-01", 1).submitted();
        other.setPlacedAt(later);
        submit(other, later);
        accepted.readValuesToList();
        order.setPlacedAt(later);

        submit(order, later);

        assertThat(accepted.readValuesToList()).as("state is bounded: the id was dropped after the retention").hasSize(1);
    }

    @Test
    void shouldKeepCardNumbersOffEveryOutputTopic() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 2).submitted();
        order.getShippingAddress().setLine2("pay with " + PAN);

        submit(order, Fixtures.T0);

        assertThat(accepted.isEmpty()).isTrue();
        final OrderRejection rejection = rejected.readValue();
        assertThat(rejection.getErrors()).extracting(e -> e.getField() + ":" + e.getCode()).contains("shippingAddress.line2:card_number");
        assertThat(rejection.toString()).doesNotContain(PAN).contains("************1111");
        assertThat(status.readValue().toString()).doesNotContain(PAN);
    }

    @Test
    void shouldSendUndecodableRecordsToTheDeadLetterTopicAndGoOn() {
        final byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        submittedBytes.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), garbage, Fixtures.T0));
        submit(Fixtures.order("o-2").line("SKU-TEA-01", 1).submitted(), Fixtures.T0);

        final TestRecord<byte[], byte[]> deadLetter = deadLetters.readRecord();
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(deadLetter.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(headers(deadLetter)).anySatisfy(h -> assertThat(h).contains("magic byte"));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(accepted.readValuesToList()).as("processing went on").hasSize(1);
    }

    @Test
    void shouldNotDeadLetterAGoodRecordWhenTheRegistryIsDown() {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final AvroSerdes writer = new AvroSerdes(registry, true);
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 1).submitted();
        final byte[] key = Topics.SHOP_ORDERS_SUBMITTED.keySerde(writer).serializer()
                .serialize(Topics.SHOP_ORDERS_SUBMITTED.name(), new ShopOrderKey("shop-a", order.getShopOrderRef()));
        final byte[] value = Topics.SHOP_ORDERS_SUBMITTED.valueSerde(writer).serializer().serialize(Topics.SHOP_ORDERS_SUBMITTED.name(), order);
        driver.close();
        final AvroSerdes unreachable = new AvroSerdes(new UnreachableRegistry(), true);
        final OrderIntake intake = new OrderIntake(new OrderValidator(Set.of("SKU-TEA-01"),
                new ShopDirectory(List.of(new Shop("shop-a", "Shop A", "s"))), IntakeRules.defaults()));
        driver = TopologyTests.driver(new OrderIntakeTopology(new BoundTopics(unreachable, ""), intake, RETENTION).build(), "order-intake-test-down",
                DeadLetterSettings.forTopic(Topics.ORDER_INTAKE_DLQ.name()), Fixtures.T0);
        final TestInputTopic<byte[], byte[]> in = driver.createInputTopic(Topics.SHOP_ORDERS_SUBMITTED.name(),
                new ByteArraySerializer(), new ByteArraySerializer());

        assertThatThrownBy(() -> in.pipeInput(key, value)).as("the thread fails; the record will be read again").isNotNull();
        assertThat(driver.createOutputTopic(Topics.ORDER_INTAKE_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .isEmpty()).as("a good record is never dead-lettered because the registry was down").isTrue();
    }

    @Test
    void shouldHoldAnUnpaidOrderAnnouncingOnlyThatItAwaitsPayment() {
        final SubmittedOrder pending = unpaid("o-1", "shop-a");

        submit(pending, Fixtures.T0);

        final String orderId = OrderIds.forShopOrder("shop-a", pending.getShopOrderRef());
        assertThat(status.readKeyValuesToList()).extracting(kv -> kv.key + ":" + kv.value.getStatus())
                .containsExactly(orderId + ":AWAITING_PAYMENT");
        assertThat(accepted.isEmpty()).as("nothing unpaid goes on to be reserved").isTrue();
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(dueEntries()).singleElement().asString().endsWith("|" + orderId);
    }

    @Test
    void shouldReleaseAHeldOrderWhenItsPaidVersionArrivesAndOnlyOnce() {
        final SubmittedOrder pending = unpaid("o-1", "shop-a");
        submit(pending, Fixtures.T0);
        driver.advanceWallClockTime(Duration.ofMinutes(10));
        final SubmittedOrder paid = SubmittedOrder.newBuilder(pending).setPaymentState(PaymentState.PAID).build();

        submit(paid, Fixtures.T0.plus(Duration.ofMinutes(10)));
        submit(paid, Fixtures.T0.plus(Duration.ofMinutes(10)));
        submit(pending, Fixtures.T0.plus(Duration.ofMinutes(10)));

        assertThat(status.readValuesToList()).extracting(OrderStatusChange::getStatus)
                .containsExactly(OrderStatus.AWAITING_PAYMENT, OrderStatus.ACCEPTED);
        assertThat(accepted.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(OrderIds.forShopOrder("shop-a", pending.getShopOrderRef()));
            assertThat(record.value().getAcceptedAt()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(10)));
        });
        assertThat(dueEntries()).as("released: out of the due-time index").isEmpty();
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldReleaseTheLatestVersionOfAnOrderUpdatedWhileItAwaitedPayment() {
        final SubmittedOrder pending = unpaid("o-1", "shop-a");
        submit(pending, Fixtures.T0);
        final SubmittedOrder moved = SubmittedOrder.newBuilder(pending).build();
        moved.getShippingAddress().setLine1("3 place Bellecour");
        moved.getLines().get(0).setQuantity(2);
        moved.getTotal().setAmountMinor(moved.getTotal().getAmountMinor() + moved.getLines().get(0).getUnitPrice().getAmountMinor());

        submit(moved, Fixtures.T0.plusSeconds(60));
        submit(SubmittedOrder.newBuilder(moved).setPaymentState(PaymentState.PAID).build(), Fixtures.T0.plusSeconds(90));

        assertThat(status.readValuesToList()).extracting(OrderStatusChange::getStatus)
                .containsExactly(OrderStatus.AWAITING_PAYMENT, OrderStatus.ACCEPTED);
        assertThat(accepted.readValuesToList()).singleElement().satisfies(order -> {
            assertThat(order.getShippingAddress().getLine1()).isEqualTo("3 place Bellecour");
            assertThat(order.getLines().get(0).getQuantity()).isEqualTo(2);
        });
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldCancelAnOrderNeverPaidWhenItsShopsTimeoutPassesAndIgnoreAPaymentAfterwards() {
        final SubmittedOrder pending = unpaid("o-1", "shop-a");
        submit(pending, Fixtures.T0);
        status.readValuesToList();

        driver.advanceWallClockTime(ShopPolicy.DEFAULT_PAYMENT_TIMEOUT.minusMinutes(2));
        assertThat(status.isEmpty()).as("still within the payment timeout").isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(2));

        assertThat(status.readValuesToList()).singleElement().satisfies(change -> {
            assertThat(change.getStatus()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(change.getReasonCode()).isEqualTo("intake.payment_timeout");
            assertThat(change.getShopOrderRef()).isEqualTo(pending.getShopOrderRef());
        });
        assertThat(dueEntries()).isEmpty();
        submit(SubmittedOrder.newBuilder(pending).setPaymentState(PaymentState.PAID).build(),
                Fixtures.T0.plus(ShopPolicy.DEFAULT_PAYMENT_TIMEOUT));
        assertThat(status.isEmpty()).as("no status twice: the late payment changes nothing").isTrue();
        assertThat(accepted.isEmpty()).isTrue();
    }

    @Test
    void shouldCancelOnlyTheOrdersWhosePaymentIsDueEachByItsShopsTimeout() {
        final SubmittedOrder atA = unpaid("o-a", "shop-a");
        final SubmittedOrder atB = unpaid("o-b", "shop-b");
        submit(atA, Fixtures.T0);
        submit(atB, Fixtures.T0);
        status.readValuesToList();

        driver.advanceWallClockTime(SHOP_B_PAYMENT_TIMEOUT.plusMinutes(1));

        assertThat(status.readKeyValuesToList()).extracting(kv -> kv.key + ":" + kv.value.getStatus())
                .containsExactly(OrderIds.forShopOrder("shop-b", atB.getShopOrderRef()) + ":CANCELLED");
        assertThat(dueEntries()).singleElement().asString().endsWith(OrderIds.forShopOrder("shop-a", atA.getShopOrderRef()));
    }

    @Test
    void shouldCarryAnOrderAwaitingPaymentAcrossTheRepartitionWithItsDueTime() {
        final IntakeDecisionSerde serde = new IntakeDecisionSerde(topics);
        final SubmittedOrder pending = unpaid("o-1", "shop-a");
        final OrderIntake intake = new OrderIntake(new OrderValidator(Set.of("SKU-TEA-01"),
                new ShopDirectory(List.of(new Shop("shop-a", "Shop A", "s"))), IntakeRules.defaults()));
        final IntakeDecision decision = intake.decide(new ShopOrderKey("shop-a", pending.getShopOrderRef()), pending, Fixtures.T0);

        final IntakeDecision read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", decision));

        assertThat(read).isEqualTo(decision);
        assertThat(((IntakeDecision.AwaitingPayment) read).payBy()).isEqualTo(Fixtures.T0.plus(ShopPolicy.DEFAULT_PAYMENT_TIMEOUT));
    }

    @Test
    void shouldCancelAnOrderAwaitingPaymentAtIntakeAtOnceWhenItsShopCancels() {
        final SubmittedOrder pending = unpaid("o-1", "shop-a");
        final String orderId = OrderIds.forShopOrder("shop-a", pending.getShopOrderRef());
        submit(pending, Fixtures.T0);
        status.readValuesToList();

        cancellations.pipeInput(orderId, cancellation(orderId, "shop-a", pending.getShopOrderRef(), "customer asked"), Fixtures.T0);
        submit(SubmittedOrder.newBuilder(pending).setPaymentState(PaymentState.PAID).build(), Fixtures.T0);

        assertThat(status.readValuesToList()).singleElement().satisfies(change -> {
            assertThat(change.getStatus()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(change.getReasonCode()).isEqualTo("intake.cancelled");
            assertThat(change.getReason()).contains("while it awaited payment: customer asked");
        });
        assertThat(accepted.isEmpty()).as("a payment after the cancellation changes nothing").isTrue();
        assertThat(dueEntries()).isEmpty();
        assertThat(cancellationsOut.isEmpty()).as("intake writes no cancellation of its own").isTrue();
        driver.advanceWallClockTime(ShopPolicy.DEFAULT_PAYMENT_TIMEOUT.plusMinutes(1));
        assertThat(status.isEmpty()).as("and its payment timeout announces nothing more").isTrue();
    }

    @Test
    void shouldLeaveTheCancellationOfAnAcceptedOrderToTheServicesDownstream() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 1).submitted();
        final String orderId = OrderIds.forShopOrder("shop-a", order.getShopOrderRef());
        submit(order, Fixtures.T0);
        status.readValuesToList();

        cancellations.pipeInput(orderId, cancellation(orderId, "shop-a", order.getShopOrderRef(), null), Fixtures.T0);

        assertThat(status.isEmpty()).isTrue();
        assertThat(accepted.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldCancelAnOrderWhoseCancellationCameBeforeIt() {
        final SubmittedOrder order = Fixtures.order("o-1").line("SKU-TEA-01", 1).submitted();
        final String orderId = OrderIds.forShopOrder("shop-a", order.getShopOrderRef());

        cancellations.pipeInput(orderId, cancellation(orderId, "shop-a", order.getShopOrderRef(), null), Fixtures.T0);
        assertThat(status.isEmpty()).as("no status for an order the pool has not seen").isTrue();
        submit(order, Fixtures.T0.plusSeconds(3));
        submit(order, Fixtures.T0.plusSeconds(4));

        assertThat(status.readValuesToList()).singleElement().satisfies(change -> {
            assertThat(change.getStatus()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(change.getReason()).contains("before the pool took the order");
        });
        assertThat(accepted.isEmpty()).isTrue();
    }

    @Test
    void shouldPassAKafkaNativeShopsCancellationOnUnderTheOrderIdItsTopicAndKeyNameStampedWithThePoolsClock() {
        final TestInputTopic<ShopOrderKey, OrderCancellation> shopB = input(Topics.shopCancellations("shop-b"));
        final SubmittedOrder pending = unpaid("o-1", "shop-b");
        final String orderId = OrderIds.forShopOrder("shop-b", pending.getShopOrderRef());
        submit(pending, Fixtures.T0);
        status.readValuesToList();
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        final OrderCancellation asSent = cancellation("", "", "", "changed my mind \u0007 " + PAN);
        asSent.setRequestedAt(Fixtures.T0.minus(Duration.ofDays(30)));

        shopB.pipeInput(new ShopOrderKey("shop-b", pending.getShopOrderRef()), asSent, Fixtures.T0.minus(Duration.ofDays(30)));

        assertThat(cancellationsOut.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(orderId);
            assertThat(record.value().getOrderId()).isEqualTo(orderId);
            assertThat(record.value().getShopId()).isEqualTo("shop-b");
            assertThat(record.value().getShopOrderRef()).isEqualTo(pending.getShopOrderRef());
            assertThat(record.value().getRequestedAt()).isEqualTo(Fixtures.T0.plusSeconds(30));
            assertThat(record.getRecordTime()).isEqualTo(Fixtures.T0.plusSeconds(30));
            assertThat(record.value().getReason()).doesNotContain(PAN).doesNotContain("\u0007").contains("************1111");
        });
        assertThat(status.readValuesToList()).as("the order awaiting payment ends at intake").extracting(OrderStatusChange::getStatus)
                .containsExactly(OrderStatus.CANCELLED);
    }

    @Test
    void shouldDeadLetterAShopsCancellationThatNamesAnotherShopsOrderAndCancelNothing() {
        final TestInputTopic<ShopOrderKey, OrderCancellation> shopB = input(Topics.shopCancellations("shop-b"));
        final SubmittedOrder ofShopA = unpaid("o-1", "shop-a");
        submit(ofShopA, Fixtures.T0);
        status.readValuesToList();
        final String aId = OrderIds.forShopOrder("shop-a", ofShopA.getShopOrderRef());

        shopB.pipeInput(new ShopOrderKey("shop-a", ofShopA.getShopOrderRef()), cancellation("", "", "", null), Fixtures.T0);
        shopB.pipeInput(new ShopOrderKey("shop-b", ofShopA.getShopOrderRef()), cancellation(aId, "shop-a", "", null), Fixtures.T0);

        assertThat(deadLetters.readRecordsToList()).hasSize(2);
        assertThat(cancellationsOut.isEmpty()).isTrue();
        assertThat(status.isEmpty()).as("shop-a's order still awaits its payment").isTrue();
    }

    private static OrderCancellation cancellation(final String orderId, final String shopId, final String ref, final String reason) {
        return OrderCancellation.newBuilder().setCancellationId("c-" + orderId).setOrderId(orderId).setShopId(shopId)
                .setShopOrderRef(ref).setReason(reason).setRequestedAt(Fixtures.T0).build();
    }

    private static SubmittedOrder unpaid(final String ref, final String shopId) {
        final SubmittedOrder order = Fixtures.order(ref).shop(shopId).line("SKU-TEA-01", 1).submitted();
        order.setPaymentState(PaymentState.PENDING);
        return order;
    }

    private List<String> dueEntries() {
        final List<String> keys = new ArrayList<>();
        driver.<String, String>getKeyValueStore(OrderIntakeTopology.PAYMENT_DUE_STORE).all()
                .forEachRemaining(kv -> keys.add(kv.key));
        return keys;
    }

    /** A registry that cannot be reached, as when it is restarting. */
    private static final class UnreachableRegistry implements SchemaRegistryClient {
        private SchemaRegistryException down() {
            return new SchemaRegistryException("schema registry did not answer", new java.net.ConnectException("refused"));
        }

        @Override
        public int register(final String subject, final org.apache.avro.Schema schema) {
            throw down();
        }

        @Override
        public int idOf(final String subject, final org.apache.avro.Schema schema) {
            throw down();
        }

        @Override
        public org.apache.avro.Schema schemaById(final int id) {
            throw down();
        }

        @Override
        public RegisteredSchema latest(final String subject) {
            throw down();
        }

        @Override
        public boolean isCompatible(final String subject, final org.apache.avro.Schema schema) {
            throw down();
        }

        @Override
        public String describe() {
            return "unreachable registry";
        }
    }

    private void submit(final SubmittedOrder order, final Instant at) {
        submitted.pipeInput(new ShopOrderKey(order.getShopId(), order.getShopOrderRef()), order, at);
    }

    private static List<String> headers(final TestRecord<byte[], byte[]> record) {
        return Stream.of(record.headers().toArray()).map(Header::value).filter(v -> v != null)
                .map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    private <K, V> TestInputTopic<K, V> input(final Topic<K, V> topic) {
        return TopologyTests.input(driver, topics, topic);
    }

    private <K, V> TestOutputTopic<K, V> output(final Topic<K, V> topic) {
        return TopologyTests.output(driver, topics, topic);
    }
}
