package org.orderpool.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.testing.Fixtures;

/** Delivery to a carrier's drop folder and a real HTTP endpoint that fails as carriers' endpoints do. */
class ManifestDeliveryTest {

    @TempDir
    Path dropFolder;
    private HttpServer carrier;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCarrierEndpoint() throws IOException {
        carrier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        carrier.createContext("/manifests", exchange -> {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            final int status = failuresLeft.getAndDecrement() > 0 ? 503 : 201;
            if (status == 201) {
                received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + "|" + exchange.getRequestHeaders().getFirst("Content-Type")
                        + "|" + body.lines().findFirst().orElse(""));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        carrier.start();
    }

    @AfterEach
    void stopCarrierEndpoint() {
        carrier.stop(0);
    }

    @Test
    void shouldWriteFilesAndPushOnceWhateverHowOftenTheManifestComes() throws IOException {
        failuresLeft.set(2);
        final ManifestDelivery delivery = delivery(3);
        final ShipmentManifest manifest = manifest();

        assertThat(delivery.deliver(manifest)).extracting(p -> p.getFileName().toString())
                .containsExactly(manifest.getManifestId() + ".csv", manifest.getManifestId() + ".pdf");
        assertThat(delivery.deliver(manifest)).as("delivered before").isEmpty();

        assertThat(received).as("two 503s, then accepted; not pushed again").singleElement()
                .satisfies(r -> assertThat(r).startsWith(manifest.getManifestId() + "|text/csv").contains("manifest_id"));
        assertThat(delivery.folderOf("colis-express").resolve(manifest.getManifestId() + ".pushed")).exists();
        assertThat(Files.list(delivery.folderOf("colis-express"))).noneMatch(p -> p.toString().endsWith(".partial"));
    }

    @Test
    void shouldKeepAManifestWhoseEndpointIsDownAndPushItWhenItIsBack() {
        failuresLeft.set(1_000);
        final ManifestDelivery delivery = delivery(2);
        final ShipmentManifest manifest = manifest();

        delivery.deliver(manifest);

        final Path failed = delivery.folderOf("colis-express").resolve(manifest.getManifestId() + ".push-failed");
        assertThat(failed).content().contains("503").contains("2 time(s)");
        assertThat(received).isEmpty();

        failuresLeft.set(0);
        delivery.retryFailedPushes();

        assertThat(received).hasSize(1);
        assertThat(failed).doesNotExist();
        delivery.retryFailedPushes();
        assertThat(received).hasSize(1);
    }

    private ManifestDelivery delivery(final int attempts) {
        final URI endpoint = URI.create("http://127.0.0.1:" + carrier.getAddress().getPort() + "/manifests");
        return new ManifestDelivery(dropFolder, carrierId -> carrierId.equals("colis-express") ? Optional.of(endpoint) : Optional.empty(),
                new CarrierPush(attempts, Duration.ofMillis(10)));
    }

    private static ShipmentManifest manifest() {
        final Order order = Fixtures.order("o-1").line("SKU-TEA-01", 2).build();
        return Fixtures.manifest("colis-express", Fixtures.parcel(order, "colis-express"));
    }
}
