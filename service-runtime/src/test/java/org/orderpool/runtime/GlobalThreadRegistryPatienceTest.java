package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.orderpool.serde.InMemorySchemaRegistry;
import org.orderpool.serde.SchemaRegistryClient;
import org.orderpool.serde.SchemaRegistryException;

class GlobalThreadRegistryPatienceTest {

    private static final String GLOBAL_THREAD = "stream-client-GlobalStreamThread";
    private static final Schema SCHEMA = Schema.createRecord("Calendar", "a carrier's calendar", "test", false, List.of());

    @Test
    void shouldLetTheGlobalThreadWaitForARegistryThatIsDown() throws Exception {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final int id = registry.register("calendars-value", SCHEMA);
        final DownFor registryDown = new DownFor(2, registry);

        final Schema found = onThread(GLOBAL_THREAD, () -> new GlobalThreadRegistryPatience(registryDown).schemaById(id));

        assertThat(found).isEqualTo(SCHEMA);
        assertThat(registryDown.calls.get()).isEqualTo(3);
    }

    @Test
    void shouldFailAtOnceOnAnyOtherThreadSoAStreamThreadIsReplacedAndARequestAnswered() {
        final DownFor registryDown = new DownFor(1, new InMemorySchemaRegistry());

        assertThatThrownBy(() -> onThread("app-StreamThread-1", () -> new GlobalThreadRegistryPatience(registryDown)
                .schemaById(1)))
                .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(registryDown.calls.get()).isEqualTo(1);
    }

    @Test
    void shouldNotWaitForASchemaTheRegistrySaysDoesNotExist() {
        final SchemaRegistryClient registry = new InMemorySchemaRegistry();

        assertThatThrownBy(() -> onThread(GLOBAL_THREAD, () -> new GlobalThreadRegistryPatience(registry).schemaById(99)))
                .hasCauseInstanceOf(SchemaRegistryException.class);
    }

    private static <T> T onThread(final String name, final Supplier<T> call) throws Exception {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Thread thread = new Thread(() -> {
            try {
                result.complete(call.get());
            } catch (final RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.start();
        return result.get(10, TimeUnit.SECONDS);
    }

    /** A registry unreachable for the first {@code failures} calls. */
    private static final class DownFor implements SchemaRegistryClient {
        private final int failures;
        private final SchemaRegistryClient registry;
        private final AtomicInteger calls = new AtomicInteger();

        DownFor(final int failures, final SchemaRegistryClient registry) {
            this.failures = failures;
            this.registry = registry;
        }

        private void maybeDown() {
            if (calls.incrementAndGet() <= failures) {
                throw new SchemaRegistryException("did not answer", new ConnectException("Connection refused"));
            }
        }

        @Override
        public int register(final String subject, final Schema schema) {
            maybeDown();
            return registry.register(subject, schema);
        }

        @Override
        public int idOf(final String subject, final Schema schema) {
            maybeDown();
            return registry.idOf(subject, schema);
        }

        @Override
        public Schema schemaById(final int id) {
            maybeDown();
            return registry.schemaById(id);
        }

        @Override
        public RegisteredSchema latest(final String subject) {
            maybeDown();
            return registry.latest(subject);
        }

        @Override
        public boolean isCompatible(final String subject, final Schema schema) {
            maybeDown();
            return registry.isCompatible(subject, schema);
        }

        @Override
        public String describe() {
            return "a registry that is down";
        }
    }
}
