package org.orderpool.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.deploy.AccessControl;

class AccessControlTest {

    private final List<AclBinding> bindings = new AccessControl("", List.of("book-nook", "map-shop")).bindings();

    @Test
    void shouldLetAKafkaNativeShopWriteItsOwnIntakeAndCancellationTopicsAndNothingElse() {
        assertThat(rights("User:shop-book-nook")).containsExactlyInAnyOrder(
                "WRITE shop.orders.submitted.book-nook LITERAL", "WRITE shop.orders.cancelled.book-nook LITERAL");
    }

    @Test
    void shouldLetOrderIntakeReadEveryShopsCancellationTopicByPrefixAndWriteOrdersCancellations() {
        assertThat(rights("User:order-intake")).contains(
                "READ shop.orders.submitted. PREFIXED", "READ shop.orders.cancelled. PREFIXED",
                "READ orders.cancellations LITERAL", "WRITE orders.cancellations LITERAL")
                .doesNotContain("WRITE shop.orders.cancelled.book-nook LITERAL");
    }

    @Test
    void shouldLetOnlyOrderIntakeWriteUpdatesAndTheServicesDownstreamReadThem() {
        assertThat(bindings).extracting(AccessControlTest::describe)
                .contains("User:order-intake WRITE orders.updates LITERAL", "User:stock-reservation READ orders.updates LITERAL",
                        "User:shipping-scheduler READ orders.updates LITERAL", "User:fraud-check READ orders.updates LITERAL")
                .doesNotContain("User:stock-reservation WRITE orders.updates LITERAL", "User:fraud-check WRITE orders.updates LITERAL",
                        "User:shipping-scheduler WRITE orders.updates LITERAL", "User:shop-book-nook WRITE orders.updates LITERAL");
    }

    @Test
    void shouldLetTheOpsConsoleWriteWhatItsActionsWriteInTransactionsAndReDriveDeadLetters() {
        assertThat(rights("User:ops-dashboard")).contains("WRITE fraud.review-decisions LITERAL", "WRITE fraud.lists LITERAL",
                        "WRITE orders.cancellations LITERAL", "WRITE stock.movements LITERAL", "WRITE shipping.carrier-calendars LITERAL",
                        "WRITE ops.audit LITERAL", "WRITE ops-dashboard PREFIXED",
                        // re-driving: the topics the services that dead-letter read
                        "WRITE orders.accepted LITERAL", "WRITE orders.cleared LITERAL", "WRITE orders.reserved LITERAL",
                        "WRITE shipping.manifests LITERAL", "READ ops.audit LITERAL",
                        // a Kafka-native shop's dead letters came from its own topics
                        "WRITE shop.orders.submitted.book-nook LITERAL", "WRITE shop.orders.cancelled.book-nook LITERAL")
                .doesNotContain("WRITE fraud.assessments LITERAL", "WRITE fraud-check.dlq LITERAL", "WRITE shop-sync.dlq LITERAL");
    }

    @Test
    void shouldPrefixTheCancellationTopicsOfADeploymentWithAPrefix() {
        final List<AclBinding> prefixed = new AccessControl("staging.", List.of("book-nook")).bindings();

        assertThat(prefixed).extracting(AccessControlTest::describe)
                .contains("User:shop-book-nook WRITE staging.shop.orders.cancelled.book-nook LITERAL",
                        "User:order-intake READ staging.shop.orders.cancelled. PREFIXED");
    }

    private List<String> rights(final String principal) {
        return bindings.stream().filter(b -> b.entry().principal().equals(principal))
                .filter(b -> b.entry().operation() == AclOperation.READ || b.entry().operation() == AclOperation.WRITE)
                .filter(b -> b.pattern().patternType() != PatternType.ANY)
                .map(b -> b.entry().operation() + " " + b.pattern().name() + " " + b.pattern().patternType())
                .filter(r -> !r.contains(" order-intake"))
                .toList();
    }

    private static String describe(final AclBinding binding) {
        return binding.entry().principal() + " " + binding.entry().operation() + " " + binding.pattern().name() + " "
                + binding.pattern().patternType();
    }
}
