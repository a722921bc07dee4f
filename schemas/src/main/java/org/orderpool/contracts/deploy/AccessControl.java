package org.orderpool.contracts.deploy;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;

/**
 * Who may do what on the pool's cluster when it runs with SASL/SCRAM and ACLs (the secure compose
 * profile): one principal per service, which writes only its own output topics and reads only its
 * inputs; one per Kafka-native shop, which writes only its own intake and cancellation topics
 * ({@link Topics#shopIntake}, {@link Topics#shopCancellations}); the warehouse feed; ops tools; and the schema registry and Kafka UI
 * sharing the cluster. Everything else is denied (the broker allows nothing without an ACL).
 *
 * <p>A Kafka Streams service also owns what is named after its application id: its internal topics
 * (repartitions, changelogs), its consumer group and its transactional ids. A plain consumer owns its
 * group. This class holds the rules only; {@link ContractDeployer} applies them.
 */
public final class AccessControl {

    /** The user name of a Kafka-native shop's principal: {@code shop-<shopId>}. */
    public static String shopPrincipal(final String shopId) {
        return "shop-" + shopId;
    }

    /**
     * One principal's rights. {@code owns} is the application id (Kafka Streams) or consumer group
     * whose resources it owns, or null; {@code readsIntakes} grants reading every shop's own intake and
     * cancellation topics (by prefix, so a shop added later needs no new ACL for order-intake).
     */
    public record Grant(String principal, String owns, boolean streams, List<Topic<?, ?>> reads, List<Topic<?, ?>> writes,
                        boolean readsIntakes) {
    }

    private final String topicPrefix;
    private final List<String> kafkaNativeShops;

    /**
     * @param topicPrefix      the deployment's topic prefix ({@code orderpool.topics.prefix}), usually empty;
     *                         services' application ids carry it too
     * @param kafkaNativeShops the shops that write orders to Kafka themselves, each on its own intake topic
     */
    public AccessControl(final String topicPrefix, final List<String> kafkaNativeShops) {
        this.topicPrefix = topicPrefix == null ? "" : topicPrefix;
        this.kafkaNativeShops = List.copyOf(kafkaNativeShops);
        this.kafkaNativeShops.forEach(Topics::shopIntake); // refuses ids that cannot name a topic
    }

    /** Every principal of the pool and its rights, services first. */
    public List<Grant> grants() {
        final List<Grant> services = List.of(
                streams("order-intake",
                        // orders.cancellations: an order still awaiting payment at intake ends there when cancelled;
                        // orders.updates: later versions of accepted orders, for the services downstream.
                        List.of(Topics.SHOP_ORDERS_SUBMITTED, Topics.ORDERS_CANCELLATIONS),
                        // The gateway writes webhooks to the shared intake topic and platforms' cancellations to
                        // orders.cancellations and their payment disputes to fraud.disputes; the topology writes its decisions
                        // and Kafka-native shops' cancellations.
                        List.of(Topics.SHOP_ORDERS_SUBMITTED, Topics.ORDERS_ACCEPTED, Topics.ORDERS_REJECTED, Topics.ORDERS_STATUS,
                                Topics.ORDERS_CANCELLATIONS, Topics.ORDERS_UPDATES, Topics.FRAUD_DISPUTES, Topics.ORDER_INTAKE_DLQ), true),
                streams("fraud-check",
                        List.of(Topics.ORDERS_ACCEPTED, Topics.FRAUD_REVIEW_DECISIONS, Topics.FRAUD_LISTS, Topics.ORDERS_UPDATES,
                                Topics.FRAUD_DISPUTES),
                        List.of(Topics.FRAUD_ASSESSMENTS, Topics.ORDERS_CLEARED, Topics.ORDERS_STATUS, Topics.FRAUD_CHECK_DLQ), false),
                streams("stock-reservation",
                        List.of(Topics.ORDERS_CLEARED, Topics.ORDERS_CANCELLATIONS, Topics.ORDERS_UPDATES, Topics.STOCK_MOVEMENTS,
                                Topics.SHIPPING_PARCELS, Topics.SHIPPING_MANIFESTS, Topics.STOCK_RESERVATION_SKU_COMMANDS,
                                Topics.STOCK_RESERVATION_ORDER_EVENTS),
                        List.of(Topics.ORDERS_RESERVED, Topics.STOCK_LEVELS, Topics.ORDERS_STATUS, Topics.STOCK_RESERVATION_SKU_COMMANDS,
                                Topics.STOCK_RESERVATION_ORDER_EVENTS, Topics.STOCK_RESERVATION_DLQ), false),
                streams("shipping-scheduler",
                        List.of(Topics.ORDERS_RESERVED, Topics.ORDERS_CANCELLATIONS, Topics.ORDERS_UPDATES,
                                Topics.SHIPPING_CARRIER_CALENDARS, Topics.SHIPPING_SCHEDULER_SLOT_COMMANDS),
                        List.of(Topics.SHIPPING_PARCELS, Topics.SHIPPING_MANIFESTS, Topics.ORDERS_STATUS,
                                Topics.SHIPPING_SCHEDULER_SLOT_COMMANDS, Topics.SHIPPING_SCHEDULER_DLQ), false),
                new Grant("carrier-sink", "carrier-sink", false, List.of(Topics.SHIPPING_MANIFESTS), List.of(Topics.CARRIER_SINK_DLQ), false),
                // What goes back to the shops: it reads what happened to orders and stock, and writes how its deliveries to
                // each shop stand (for the dashboard) and its dead letters.
                streams("shop-sync",
                        List.of(Topics.ORDERS_STATUS, Topics.ORDERS_REJECTED, Topics.SHIPPING_PARCELS, Topics.SHIPPING_MANIFESTS,
                                Topics.STOCK_LEVELS),
                        List.of(Topics.SHOP_SYNC_DELIVERY_STATE, Topics.SHOP_SYNC_DLQ), false));
        final List<Grant> grants = new ArrayList<>(services);
        grants.addAll(List.of(
                // The ops console reads partitions it assigns itself (no group) and writes what its operators' actions write
                // (each with its ops.audit record, in one transaction), and re-drives dead letters to the topics they came from.
                new Grant(OPS_CONSOLE, null, false, Topics.all(), opsConsoleWrites(services), false),
                new Grant("ops", null, false, List.of(),
                        List.of(Topics.SHIPPING_CARRIER_CALENDARS, Topics.FRAUD_LISTS, Topics.ORDERS_CANCELLATIONS), false),
                new Grant("warehouse", null, false, List.of(), List.of(Topics.STOCK_MOVEMENTS), false)));
        for (final String shop : kafkaNativeShops) {
            grants.add(new Grant(shopPrincipal(shop), null, false, List.of(),
                    List.of(Topics.shopIntake(shop), Topics.shopCancellations(shop)), false));
        }
        return grants;
    }

    /** The ops console's principal. */
    public static final String OPS_CONSOLE = "ops-dashboard";
    /** What the ops console's transactional ids start with, after the topic prefix (one id per console process). */
    public static final String OPS_CONSOLE_TRANSACTIONAL_ID = "ops-dashboard";

    /**
     * The topics the ops console writes: its actions' topics, the audit trail, and, for re-driving a dead
     * letter, every topic a service that dead-letters reads (a dead letter's source is one of them), the
     * Kafka-native shops' own intake and cancellation topics included.
     */
    private List<Topic<?, ?>> opsConsoleWrites(final List<Grant> services) {
        final List<Topic<?, ?>> writes = new ArrayList<>(List.of(Topics.FRAUD_REVIEW_DECISIONS, Topics.FRAUD_LISTS,
                Topics.ORDERS_CANCELLATIONS, Topics.STOCK_MOVEMENTS, Topics.SHIPPING_CARRIER_CALENDARS, Topics.OPS_AUDIT));
        for (final Grant service : services) {
            if (service.writes().stream().anyMatch(topic -> topic.name().endsWith(".dlq"))) {
                service.reads().stream().filter(topic -> !writes.contains(topic)).forEach(writes::add);
            }
        }
        for (final String shop : kafkaNativeShops) {
            writes.add(Topics.shopIntake(shop));
            writes.add(Topics.shopCancellations(shop));
        }
        return writes;
    }

    /** The ACLs that give every principal of {@link #grants()} its rights, plus the registry's and Kafka UI's. */
    public List<AclBinding> bindings() {
        final List<AclBinding> bindings = new ArrayList<>();
        for (final Grant grant : grants()) {
            final String user = "User:" + grant.principal();
            grant.reads().forEach(topic -> bindings.add(allow(user, ResourceType.TOPIC, name(topic), PatternType.LITERAL, AclOperation.READ)));
            grant.writes().forEach(topic -> bindings.add(allow(user, ResourceType.TOPIC, name(topic), PatternType.LITERAL, AclOperation.WRITE)));
            if (grant.readsIntakes()) {
                bindings.add(allow(user, ResourceType.TOPIC, name(Topics.SHOP_ORDERS_SUBMITTED) + ".", PatternType.PREFIXED, AclOperation.READ));
                bindings.add(allow(user, ResourceType.TOPIC, name(Topics.SHOP_ORDERS_CANCELLED) + ".", PatternType.PREFIXED, AclOperation.READ));
            }
            if (grant.owns() != null) {
                final String owned = topicPrefix + grant.owns();
                bindings.add(allow(user, ResourceType.GROUP, owned, PatternType.LITERAL, AclOperation.READ));
                if (grant.streams()) {
                    bindings.add(allow(user, ResourceType.TOPIC, owned + "-", PatternType.PREFIXED, AclOperation.ALL));
                    bindings.add(allow(user, ResourceType.TRANSACTIONAL_ID, owned, PatternType.PREFIXED, AclOperation.WRITE));
                }
            }
        }
        // The ops console writes each action in one transaction.
        bindings.add(allow("User:" + OPS_CONSOLE, ResourceType.TRANSACTIONAL_ID, topicPrefix + OPS_CONSOLE_TRANSACTIONAL_ID,
                PatternType.PREFIXED, AclOperation.WRITE));
        // Confluent Schema Registry keeps schemas in _schemas and elects its leader through its group.
        bindings.add(allow("User:schema-registry", ResourceType.TOPIC, "_schemas", PatternType.LITERAL, AclOperation.ALL));
        bindings.add(allow("User:schema-registry", ResourceType.GROUP, "schema-registry", PatternType.LITERAL, AclOperation.READ));
        // Kafka UI shows every topic, its settings, the groups and their lag; it writes nothing.
        bindings.add(allow("User:kafka-ui", ResourceType.TOPIC, "*", PatternType.LITERAL, AclOperation.READ));
        bindings.add(allow("User:kafka-ui", ResourceType.TOPIC, "*", PatternType.LITERAL, AclOperation.DESCRIBE_CONFIGS));
        bindings.add(allow("User:kafka-ui", ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.DESCRIBE));
        bindings.add(allow("User:kafka-ui", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE));
        bindings.add(allow("User:kafka-ui", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE_CONFIGS));
        return bindings;
    }

    private Grant streams(final String service, final List<Topic<?, ?>> reads, final List<Topic<?, ?>> writes, final boolean readsIntakes) {
        return new Grant(service, service, true, reads, writes, readsIntakes);
    }

    private String name(final Topic<?, ?> topic) {
        return topicPrefix + topic.name();
    }

    private static AclBinding allow(final String principal, final ResourceType type, final String name, final PatternType pattern,
                                    final AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
