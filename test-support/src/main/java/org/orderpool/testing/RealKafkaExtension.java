package org.orderpool.testing;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Gives tests a real {@link KafkaPlatform}, started once per test JVM and stopped when the JVM's tests
 * are done. With a Docker engine it runs containers; without one, the embedded broker and Apicurio.
 * The system property {@value #PLATFORM_PROPERTY} ({@code auto}, {@code containers}, {@code embedded})
 * forces a choice. Tests receive the platform as a parameter of a constructor, a lifecycle method or a
 * test method.
 */
public final class RealKafkaExtension implements BeforeAllCallback, ParameterResolver {

    public static final String PLATFORM_PROPERTY = "orderpool.test.platform";
    private static final Logger LOG = LoggerFactory.getLogger(RealKafkaExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealKafkaExtension.class);

    @Override
    public void beforeAll(final ExtensionContext context) {
        platform(context);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaPlatform.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return platform(context);
    }

    private static KafkaPlatform platform(final ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(KafkaPlatform.class, key -> startPlatform(), KafkaPlatform.class);
    }

    private static KafkaPlatform startPlatform() {
        final String choice = System.getProperty(PLATFORM_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        final boolean containers = switch (choice) {
            case "containers" -> true;
            case "embedded" -> false;
            case "auto" -> DockerClientFactory.instance().isDockerAvailable();
            default -> throw new IllegalArgumentException(PLATFORM_PROPERTY + " must be auto, containers or embedded, not " + choice);
        };
        final long started = System.nanoTime();
        final KafkaPlatform platform = containers ? ContainerPlatform.start() : EmbeddedPlatform.start(workDir());
        LOG.info("Test platform up in {} ms: {}", (System.nanoTime() - started) / 1_000_000, platform.description());
        return platform;
    }

    static Path workDir() {
        return Path.of(System.getProperty("orderpool.test.dir", "target/test-work")).resolve("platform-" + ProcessHandle.current().pid());
    }
}
