package org.orderpool.contracts.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.orderpool.contracts.client.KafkaClientSettings;
import org.orderpool.contracts.client.KafkaDurability;
import org.orderpool.contracts.client.ToolOptions;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.orderpool.serde.SchemaRegistryClient;

/**
 * Puts the contract on a cluster: creates the catalogue's topics that do not exist yet, with their
 * partitions and settings and the durability of the replication factor ({@link KafkaDurability#topic(int)}:
 * {@code min.insync.replicas} 2 of 3 in production), and registers every subject's schema, so that
 * services can run with auto-registration off. On a secured cluster it also creates the ACLs of {@link AccessControl}
 * (the users come first, from {@link ScramUsers}). Running it again changes nothing.
 */
public final class ContractDeployer {

    private static final String USAGE = "--bootstrap-servers=HOST:PORT,... --registry-url=URL [--replication-factor=3]"
            + " [--kafka-native-shops=SHOP,...] [--sasl-username=U --sasl-password-file=F] [--acls]";

    private final Map<String, Object> kafkaClient;
    private final SchemaRegistryClient registry;
    private final short replicationFactor;

    public ContractDeployer(final String bootstrapServers, final SchemaRegistryClient registry, final short replicationFactor) {
        this(KafkaClientSettings.plaintext(bootstrapServers), registry, replicationFactor);
    }

    /** @param kafkaClient how to connect (bootstrap servers and, on a secured cluster, an admin's login) */
    public ContractDeployer(final Map<String, Object> kafkaClient, final SchemaRegistryClient registry, final short replicationFactor) {
        this.kafkaClient = Map.copyOf(kafkaClient);
        this.registry = registry;
        this.replicationFactor = replicationFactor;
    }

    /** What a deployment did. */
    public record Result(List<String> createdTopics, Map<String, Integer> schemaIds) {
    }

    public Result deploy(final List<Topic<?, ?>> topics) {
        final List<String> created = createMissingTopics(topics);
        final Map<String, Integer> ids = new LinkedHashMap<>();
        for (final Topic<?, ?> topic : topics) {
            for (final Map.Entry<String, Schema> subject : topic.subjects().entrySet()) {
                ids.put(subject.getKey(), registry.register(subject.getKey(), subject.getValue()));
            }
        }
        return new Result(created, ids);
    }

    public Result deployAll() {
        return deploy(Topics.all());
    }

    /** The catalogue's topics and, per Kafka-native shop, its own intake and cancellation topics. */
    public static List<Topic<?, ?>> topicsFor(final List<String> kafkaNativeShops) {
        final List<Topic<?, ?>> topics = new ArrayList<>(Topics.all());
        kafkaNativeShops.forEach(shop -> {
            topics.add(Topics.shopIntake(shop));
            topics.add(Topics.shopCancellations(shop));
        });
        return topics;
    }

    /** Creates the ACLs (creating one that exists changes nothing); the connection must be a super user's. */
    public void applyAcls(final List<AclBinding> bindings) {
        withAdmin("create " + bindings.size() + " ACLs", admin -> admin.createAcls(bindings).all().get(60, TimeUnit.SECONDS));
    }

    /**
     * Deploys the whole contract, as the production compose file's one-shot job does: see {@link #USAGE}.
     */
    public static void main(final String[] args) {
        final ToolOptions options = ToolOptions.parse(args, Set.of("--replication-factor", "--kafka-native-shops", "--acls"), USAGE);
        final List<String> shops = options.get("--kafka-native-shops").map(list -> Arrays.stream(list.split(","))
                .map(String::strip).filter(shop -> !shop.isEmpty()).toList()).orElse(List.of());
        final ContractDeployer deployer = new ContractDeployer(options.kafkaClient(),
                new CachingSchemaRegistryClient(new ConfluentRegistryHttpClient(options.registryUrl(), null, Duration.ofSeconds(10))),
                Short.parseShort(options.get("--replication-factor", Short.toString(KafkaDurability.PRODUCTION_REPLICATION))));
        final Result result = deployer.deploy(topicsFor(shops));
        System.out.println("Contract deployed: " + result.createdTopics().size() + " topic(s) created " + result.createdTopics()
                + ", " + result.schemaIds().size() + " subject(s) registered " + result.schemaIds());
        if (options.has("--acls")) {
            final List<AclBinding> bindings = new AccessControl("", shops).bindings();
            deployer.applyAcls(bindings);
            System.out.println("ACLs in place: " + bindings.size() + " for the services, ops, the warehouse and shops " + shops);
        }
    }

    private List<String> createMissingTopics(final List<Topic<?, ?>> topics) {
        final List<NewTopic> missing = new ArrayList<>();
        withAdmin("create the contract's topics", admin -> {
            final Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            for (final Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic.newTopic(replicationFactor));
                }
            }
            return admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        });
        return missing.stream().map(NewTopic::name).toList();
    }

    private void withAdmin(final String what, final AdminCalls.Call call) {
        AdminCalls.run(kafkaClient, what, call);
    }
}
