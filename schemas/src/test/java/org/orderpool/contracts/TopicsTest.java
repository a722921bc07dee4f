package org.orderpool.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.serde.AvroSerdes;

class TopicsTest {

    @Test
    void shouldListTheTopicsOfTheContractOnceEach() {
        assertThat(Topics.all()).extracting(Topic::name).containsExactly(
                "shop.orders.submitted", "orders.accepted", "orders.rejected", "fraud.assessments",
                "fraud.review-decisions", "fraud.lists", "fraud.disputes", "orders.cleared", "orders.cancellations", "orders.updates",
                "stock.movements",
                "stock.levels", "orders.reserved", "shipping.carrier-calendars", "shipping.parcels", "shipping.manifests",
                "orders.status", "ops.audit", "shop-sync.delivery-state", "stock-reservation.sku-commands", "stock-reservation.order-events",
                "shipping-scheduler.slot-commands",
                "order-intake.dlq", "fraud-check.dlq", "stock-reservation.dlq", "shipping-scheduler.dlq", "carrier-sink.dlq",
                "shop-sync.dlq");
    }

    @Test
    void shouldPutAStringKeyOnThePartitionKafkasOwnPartitionerPutsIt() {
        // stock-reservation's SKU owners read orders.cleared's orders with one SKU on the partition where Kafka Streams writes
        // the SKU's commands and movements: the two must agree for every key and partition count
        for (final String key : List.of("SKU-TEA-01", "SKU-MUG-02", "ord-8c1e1f6a-9a0e-3b51-8f0a-6a0c2c1e7d11", "é-ü", "")) {
            for (final int partitions : List.of(1, 3, 6, 12)) {
                assertThat(Topics.partitionOf(key, partitions)).as(key + " of " + partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void shouldGiveAKafkaNativeShopItsOwnIntakeTopicThatTheIntakeSubscriptionMatches() {
        final BoundTopics bound = new BoundTopics(AvroSerdes.inMemory(), "t1.");
        final Topic<?, ?> bookNook = bound.topic(Topics.shopIntake("book-nook"));

        assertThat(bookNook.name()).isEqualTo("t1.shop.orders.submitted.book-nook");
        assertThat(bound.intakeTopics().matcher(bookNook.name()).matches()).isTrue();
        assertThat(bound.intakeTopics().matcher("t1.shop.orders.submitted").matches()).isTrue();
        assertThat(bound.intakeTopics().matcher("shop.orders.submitted.book-nook").matches()).as("another deployment's").isFalse();
        assertThat(bound.shopOfIntakeTopic(bookNook.name())).contains("book-nook");
        assertThat(bound.shopOfIntakeTopic("t1.shop.orders.submitted")).isEmpty();
        assertThatThrownBy(() -> Topics.shopIntake("Book Nook")).hasMessageContaining("lower-case letters, digits and dashes");
    }

    @Test
    void shouldGiveAKafkaNativeShopItsOwnCancellationTopicKeyedByItsOrdersAndListedNowhereElse() {
        final Topic<ShopOrderKey, OrderCancellation> bookNook = Topics.shopCancellations("book-nook");

        assertThat(bookNook.name()).isEqualTo("shop.orders.cancelled.book-nook");
        assertThat(bookNook.subjects()).containsKeys("shop.orders.cancelled.book-nook-key", "shop.orders.cancelled.book-nook-value");
        assertThat(bookNook.partitions()).isEqualTo(Topics.ORDER_PARTITIONS);
        assertThat(Topics.all()).as("the family's bare name is no topic").doesNotContain(Topics.SHOP_ORDERS_CANCELLED);
        assertThat(ContractDeployer.topicsFor(List.of("book-nook"))).extracting(Topic::name)
                .contains("shop.orders.submitted.book-nook", "shop.orders.cancelled.book-nook");
        assertThatThrownBy(() -> Topics.shopCancellations("../orders.status")).hasMessageContaining("lower-case letters");
    }

    @Test
    void shouldCompactExactlyTheTopicsThatHoldTheLatestStateOfSomething() {
        assertThat(Topics.all().stream().filter(Topic::isCompacted).map(Topic::name))
                .containsExactlyInAnyOrder("fraud.lists", "stock.levels", "shipping.carrier-calendars", "shop-sync.delivery-state");
    }

    @Test
    void shouldCoPartitionEveryTopicKeyedByOrderId() {
        final List<Topic<?, ?>> byOrderId = List.of(Topics.ORDERS_REJECTED, Topics.FRAUD_ASSESSMENTS,
                Topics.FRAUD_REVIEW_DECISIONS, Topics.ORDERS_CLEARED, Topics.ORDERS_CANCELLATIONS, Topics.ORDERS_UPDATES,
                Topics.ORDERS_RESERVED, Topics.ORDERS_STATUS);
        assertThat(byOrderId).extracting(Topic::partitions).containsOnly(Topics.ORDER_PARTITIONS);
    }

    @Test
    void shouldStampWhatShopsAndTheWarehouseWriteWithTheBrokersClockSoRetentionDeletesByThePoolsTime() {
        for (final Topic<?, ?> topic : List.of(Topics.SHOP_ORDERS_SUBMITTED, Topics.shopIntake("book-nook"), Topics.shopCancellations("book-nook"),
                Topics.STOCK_MOVEMENTS)) {
            assertThat(topic.newTopic((short) 1).configs()).as(topic.name()).containsEntry("message.timestamp.type", "LogAppendTime")
                    .containsEntry("cleanup.policy", "delete");
        }
    }

    @Test
    void shouldGiveThePoolViewsInputOnePartitionSoFraudCheckReadsItInOneTask() {
        assertThat(Topics.ORDERS_ACCEPTED.partitions()).isEqualTo(1);
        assertThat(Topics.ORDERS_ACCEPTED.newTopic((short) 1).numPartitions()).isEqualTo(1);
    }

    @Test
    void shouldEncodeRecordKeysAsAvroAndEntityIdsAsStrings() {
        final AvroSerdes serdes = AvroSerdes.inMemory();
        assertThat(Topics.ORDERS_ACCEPTED.keySerde(serdes).getClass()).isEqualTo(Serdes.String().getClass());
        assertThat(Topics.SHOP_ORDERS_SUBMITTED.subjects()).containsKeys("shop.orders.submitted-key", "shop.orders.submitted-value");
        assertThat(Topics.ORDERS_ACCEPTED.subjects()).containsOnlyKeys("orders.accepted-value");
        assertThat(Topics.ORDER_INTAKE_DLQ.subjects()).isEmpty();
        assertThat(Topics.subjects()).hasSize(25);
    }

    @Test
    void shouldKeepTheOpsAuditTrailTwoYearsInOrder() {
        assertThat(Topics.OPS_AUDIT.newTopic((short) 3).configs()).containsEntry("retention.ms", "63072000000")
                .containsEntry("cleanup.policy", "delete");
        assertThat(Topics.OPS_AUDIT.partitions()).isEqualTo(1);
    }

    @Test
    void shouldCreateTopicsWithTheirSettings() {
        assertThat(Topics.STOCK_LEVELS.newTopic((short) 3).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.STOCK_LEVELS.newTopic((short) 3).replicationFactor()).isEqualTo((short) 3);
        assertThat(Topics.ORDERS_STATUS.newTopic((short) 1).numPartitions()).isEqualTo(Topics.ORDER_PARTITIONS);
    }

    @Test
    void shouldCreateTopicsThatRefuseAWriteOnlyOneOfThreeReplicasHolds() {
        assertThat(Topics.ORDERS_STATUS.newTopic((short) 3).configs()).containsEntry("min.insync.replicas", "2");
        assertThat(Topics.STOCK_LEVELS.newTopic((short) 3).configs()).containsEntry("min.insync.replicas", "2")
                .containsEntry("cleanup.policy", "compact");
        assertThat(Topics.ORDERS_STATUS.newTopic((short) 1).configs()).containsEntry("min.insync.replicas", "1");
    }
}
