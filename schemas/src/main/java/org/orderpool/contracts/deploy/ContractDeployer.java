package org.orderpool.contracts.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.serde.SchemaRegistryClient;

/**
 * Puts the contract on a cluster: creates the catalogue's topics that do not exist yet, with their
 * partitions and settings, and registers every subject's schema, so that services can run with
 * auto-registration off. Running it again changes nothing.
 */
public final class ContractDeployer {

    private final String bootstrapServers;
    private final SchemaRegistryClient registry;
    private final short replicationFactor;

    public ContractDeployer(final String bootstrapServers, final SchemaRegistryClient registry, final short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
        this.replicationFactor = replicationFactor;
    }

    /** What a deployment did. */
    public record Result(List<String> createdTopics, Map<String, Integer> schemaIds) {
    }

    public Result deploy(final List<Topic<?, ?>> topics) {
        final List<String> created = createMissingTopics(topics);
        final Map<String, Integer> ids = new java.util.LinkedHashMap<>();
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

    /**
     * Deploys the whole contract, as the production compose file's one-shot job does:
     * {@code --bootstrap-servers=HOST:PORT,... --registry-url=URL [--replication-factor=3]}.
     */
    public static void main(final String[] args) {
        final Map<String, String> options = new java.util.HashMap<>(Map.of("--replication-factor", "3"));
        for (final String arg : args) {
            final String[] parts = arg.split("=", 2);
            if (parts.length != 2 || !Set.of("--bootstrap-servers", "--registry-url", "--replication-factor").contains(parts[0])) {
                throw new IllegalArgumentException("unknown argument '" + arg
                        + "'; use --bootstrap-servers=HOST:PORT,... --registry-url=URL [--replication-factor=N]");
            }
            options.put(parts[0], parts[1]);
        }
        if (!options.containsKey("--bootstrap-servers") || !options.containsKey("--registry-url")) {
            throw new IllegalArgumentException("--bootstrap-servers and --registry-url are required");
        }
        final ContractDeployer deployer = new ContractDeployer(options.get("--bootstrap-servers"),
                new org.orderpool.serde.CachingSchemaRegistryClient(new org.orderpool.serde.ConfluentRegistryHttpClient(
                        options.get("--registry-url"), null, java.time.Duration.ofSeconds(10))),
                Short.parseShort(options.get("--replication-factor")));
        final Result result = deployer.deployAll();
        System.out.println("Contract deployed: " + result.createdTopics().size() + " topic(s) created " + result.createdTopics()
                + ", " + result.schemaIds().size() + " subject(s) registered " + result.schemaIds());
    }

    private List<String> createMissingTopics(final List<Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            final Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            final List<NewTopic> missing = new ArrayList<>();
            for (final Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic.newTopic(replicationFactor));
                }
            }
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            return missing.stream().map(NewTopic::name).toList();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (final Exception e) {
            throw new IllegalStateException("Could not create the contract's topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
