package org.orderpool.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.orderpool.infra.ApicurioRegistryServer;
import org.orderpool.infra.EmbeddedKafkaBroker;

/** The platform without Docker: a KRaft broker inside the test JVM and Apicurio Registry as a child process. */
final class EmbeddedPlatform implements KafkaPlatform {

    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistryServer registry;

    private EmbeddedPlatform(final EmbeddedKafkaBroker broker, final ApicurioRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
    }

    static EmbeddedPlatform start(final Path workDir) {
        final ApicurioRegistryServer registry = ApicurioRegistryServer.create(0, null, workDir.resolve("apicurio.log"));
        final CompletableFuture<ApicurioRegistryServer> registryStarted = registry.startInBackground();
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.create(0, workDir.resolve("kafka"), Map.of()).start();
        try {
            registryStarted.join();
        } catch (final CompletionException e) {
            broker.close();
            throw new IllegalStateException("Could not start the test schema registry: " + e.getCause().getMessage(), e.getCause());
        }
        return new EmbeddedPlatform(broker, registry);
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.confluentApiUrl();
    }

    @Override
    public String description() {
        return "embedded KRaft broker on " + bootstrapServers() + " + Apicurio Registry (child process) on " + schemaRegistryUrl();
    }

    @Override
    public void close() {
        broker.close();
        registry.close();
    }
}
