package org.orderpool.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.testing.Fixtures;

/** Delivery to a carrier's drop folder and a real HTTP endpoint that fails as carriers' endpoints do. */
class ManifestDeliveryTest {

    @TempDir
    Path work;
    private Path dropFolder;
    private HttpServer carrier;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger failureStatus = new AtomicInteger(503);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCarrierEndpoint() throws IOException {
        dropFolder = work.resolve("drop");
        carrier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        carrier.createContext("/manifests", exchange -> {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.incrementAndGet();
            final int status = failuresLeft.getAndDecrement() > 0 ? failureStatus.get() : 201;
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

    @Test
    void shouldDeliverBothFilesAndPushAManifestWhoseIdIsNotAscii() throws IOException {
        final ManifestDelivery delivery = delivery(2);
        final ShipmentManifest manifest = manifest();
        manifest.setWarehouseId("dépôt-1");
        manifest.setManifestId("colis-express-dépôt-1-20261120T1400Z");

        delivery.deliver(manifest);

        assertThat(filesIn(delivery.folderOf("colis-express"))).containsExactlyInAnyOrder(manifest.getManifestId() + ".csv",
                manifest.getManifestId() + ".pdf", manifest.getManifestId() + ".pushed");
        assertThat(received).as("HTTP headers carry the id's ASCII form").singleElement()
                .satisfies(r -> assertThat(r).startsWith("colis-express-d%C3%A9p%C3%B4t-1-20261120T1400Z|"));
    }

    @Test
    void shouldDeadLetterAManifestTheCarrierRefusesAndLeaveNothingInTheDropFolder() throws IOException {
        failuresLeft.set(1_000);
        failureStatus.set(400);
        final ManifestDelivery delivery = delivery(3);
        final ShipmentManifest manifest = manifest();

        assertThatThrownBy(() -> delivery.deliver(manifest)).isInstanceOf(UndeliverableManifestException.class)
                .hasMessageContaining(manifest.getManifestId()).hasMessageContaining("400");

        assertThat(requests).as("a refusal is not asked again").hasValue(1);
        assertThat(filesIn(delivery.folderOf("colis-express"))).isEmpty();
    }

    @Test
    void shouldAskAgainWhenTheCarrierSaysTooManyRequestsOrTimeout() throws IOException {
        failuresLeft.set(1);
        failureStatus.set(429);
        final ManifestDelivery delivery = delivery(3);
        final ShipmentManifest manifest = manifest();

        delivery.deliver(manifest);
        failuresLeft.set(1);
        failureStatus.set(408);
        final ShipmentManifest another = manifest();
        another.setManifestId("colis-express-pool-wh-1-20261121T1400Z");
        delivery.deliver(another);

        assertThat(received).hasSize(2);
        assertThat(filesIn(delivery.folderOf("colis-express"))).contains(manifest.getManifestId() + ".pushed",
                another.getManifestId() + ".pushed");
    }

    @Test
    void shouldStopPushingAManifestTheCarrierRefusesOnALaterTryAndSayWhy() throws IOException {
        failuresLeft.set(1_000);
        final ManifestDelivery delivery = delivery(2);
        final ShipmentManifest manifest = manifest();
        delivery.deliver(manifest);
        final Path folder = delivery.folderOf("colis-express");
        assertThat(folder.resolve(manifest.getManifestId() + ".push-failed")).exists();

        failureStatus.set(422);
        delivery.retryFailedPushes();
        final int asked = requests.get();
        delivery.retryFailedPushes();

        assertThat(folder.resolve(manifest.getManifestId() + ".push-refused")).content().contains("422");
        assertThat(folder.resolve(manifest.getManifestId() + ".push-failed")).doesNotExist();
        assertThat(requests).as("not asked again once refused").hasValue(asked);
        assertThat(filesIn(folder)).contains(manifest.getManifestId() + ".csv", manifest.getManifestId() + ".pdf");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("idsThatCannotNameAFile")
    void shouldRefuseAManifestWhoseIdCannotNameAFileAndWriteNothing(final String description, final String manifestId)
            throws IOException {
        final ManifestDelivery delivery = delivery(2);
        final ShipmentManifest manifest = manifest();
        manifest.setManifestId(manifestId);

        assertThatThrownBy(() -> delivery.deliver(manifest)).isInstanceOf(UndeliverableManifestException.class)
                .hasMessageContaining("manifest id");

        try (Stream<Path> everything = Files.walk(work)) {
            assertThat(everything.filter(Files::isRegularFile)).as("nothing written anywhere").isEmpty();
        }
        assertThat(requests).as("nothing pushed").hasValue(0);
    }

    static Stream<Arguments> idsThatCannotNameAFile() {
        return Stream.of(Arguments.of("leaves the carrier's folder", "../../escape"),
                Arguments.of("holds a path separator", "colis/express-20261120T1400Z"),
                Arguments.of("is empty", ""),
                Arguments.of("is hidden", ".colis-express-20261120T1400Z"),
                Arguments.of("holds a control character", "colis-express\0-20261120T1400Z"),
                Arguments.of("is longer than a file name", "colis-express-" + "x".repeat(300)));
    }

    @Test
    void shouldRefuseACarrierIdThatWouldLeaveTheDropFolder() throws IOException {
        final ManifestDelivery delivery = delivery(2);
        final ShipmentManifest manifest = manifest();
        manifest.setCarrierId("../elsewhere");

        assertThatThrownBy(() -> delivery.deliver(manifest)).isInstanceOf(UndeliverableManifestException.class)
                .hasMessageContaining("carrier id");

        try (Stream<Path> everything = Files.walk(work)) {
            assertThat(everything.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void shouldWaitForADropFolderThatCannotBeWrittenAndPushNothingMeanwhile() throws IOException {
        final ManifestDelivery delivery = delivery(2);
        final ShipmentManifest manifest = manifest();
        Files.createDirectories(dropFolder);
        final Path notAFolder = Files.writeString(delivery.folderOf("colis-express"), "a file where the folder should be");

        assertThatThrownBy(() -> delivery.deliver(manifest)).isInstanceOf(DropFolderUnavailableException.class)
                .hasMessageContaining(manifest.getManifestId());
        assertThat(requests).as("not pushed before its files can be written").hasValue(0);

        Files.delete(notAFolder);
        delivery.deliver(manifest);

        assertThat(filesIn(delivery.folderOf("colis-express"))).containsExactlyInAnyOrder(manifest.getManifestId() + ".csv",
                manifest.getManifestId() + ".pdf", manifest.getManifestId() + ".pushed");
    }

    private static List<String> filesIn(final Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
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
