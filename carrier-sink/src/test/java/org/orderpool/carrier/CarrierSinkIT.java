package org.orderpool.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;

/** carrier-sink as it runs: Spring application, real broker and registry. */
@RealKafka
class CarrierSinkIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path DROP = Path.of("target", "test-work", "carrier-drop-" + System.nanoTime());
    private static ServiceUnderTest service;
    private static KafkaTestClient kafka;

    private static final String REFUSING_CARRIER = "refusing-carrier";
    private static final AtomicInteger REFUSALS = new AtomicInteger();
    private static HttpServer refusingEndpoint;

    @BeforeAll
    static void startService(final KafkaPlatform platform) throws IOException {
        refusingEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusingEndpoint.createContext("/manifests", exchange -> {
            exchange.getRequestBody().readAllBytes();
            REFUSALS.incrementAndGet();
            final byte[] answer = "{\"error\":\"unknown depot\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        refusingEndpoint.start();
        service = ServiceUnderTest.start(CarrierSinkApplication::builder, platform, KafkaTestClient.uniquePrefix("sink"), "carrier-sink",
                "--orderpool.carrier-sink.drop-folder=" + DROP.toAbsolutePath(),
                "--orderpool.carrier-sink.carriers." + REFUSING_CARRIER + ".push-url=http://127.0.0.1:"
                        + refusingEndpoint.getAddress().getPort() + "/manifests");
        kafka = service.kafka();
    }

    @AfterAll
    static void stopService() {
        service.close();
        refusingEndpoint.stop(0);
    }

    @Test
    void shouldDropEachManifestOnceAndDeadLetterWhatItCannotRead() throws Exception {
        final Order order = Fixtures.order("it-sink").line("SKU-TEA-01", 2).build();
        final ShipmentManifest manifest = Fixtures.manifest("colis-express", Fixtures.parcel(order, "colis-express"));
        final String manifests = service.topic(Topics.SHIPPING_MANIFESTS).name();
        kafka.sendRaw(manifests, "garbage".getBytes(StandardCharsets.UTF_8), "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        kafka.send(service.topic(Topics.SHIPPING_MANIFESTS), manifest.getManifestId(), manifest);
        kafka.send(service.topic(Topics.SHIPPING_MANIFESTS), manifest.getManifestId(), manifest);

        final Path folder = DROP.resolve("colis-express");
        final Path pdf = folder.resolve(manifest.getManifestId() + ".pdf");
        await("the slip in the drop folder").atMost(TIMEOUT).until(() -> Files.exists(pdf));
        assertThat(folder.resolve(manifest.getManifestId() + ".csv")).content().contains("it-sink-1");
        assertThat(pdf).exists();
        final List<ConsumerRecord<byte[], byte[]>> dead = kafka.readRaw(service.topic(Topics.CARRIER_SINK_DLQ).name(), 1, TIMEOUT);
        assertThat(dead).filteredOn(record -> Arrays.equals(record.key(), "garbage".getBytes(StandardCharsets.UTF_8)))
                .singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
            assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        });
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(manifest.getManifestId() + ".csv", manifest.getManifestId() + ".pdf");
        }
    }

    @Test
    void shouldDeliverAManifestWhateverItsIdAndDeadLetterOneTheCarrierRefusesWithNothingInItsFolder() {
        final Topic<String, ShipmentManifest> manifests = service.topic(Topics.SHIPPING_MANIFESTS);
        final ShipmentManifest refused = Fixtures.manifest(REFUSING_CARRIER,
                Fixtures.parcel(Fixtures.order("it-refused").line("SKU-TEA-01", 1).build(), REFUSING_CARRIER));
        final byte[] refusedBytes = manifests.valueSerde(kafka.serdes()).serializer().serialize(manifests.name(), refused);
        final ShipmentManifest accented = Fixtures.manifest("relais-pro",
                Fixtures.parcel(Fixtures.order("it-accented").line("SKU-TEA-01", 1).build(), "relais-pro"));
        accented.setWarehouseId("dépôt-1");
        accented.setManifestId("relais-pro-dépôt-1-20261120T1400Z");

        kafka.sendRaw(manifests.name(), refused.getManifestId().getBytes(StandardCharsets.UTF_8), refusedBytes);
        kafka.send(manifests, accented.getManifestId(), accented);

        final Path accentedFolder = DROP.resolve("relais-pro");
        await("the accented manifest's slip").atMost(TIMEOUT)
                .until(() -> Files.exists(accentedFolder.resolve(accented.getManifestId() + ".pdf")));
        assertThat(accentedFolder.resolve(accented.getManifestId() + ".csv")).content().contains(accented.getManifestId());
        final String dlq = service.topic(Topics.CARRIER_SINK_DLQ).name();
        final byte[] refusedKey = refused.getManifestId().getBytes(StandardCharsets.UTF_8);
        final ConsumerRecord<byte[], byte[]> dead = await("the refused manifest's dead letter").atMost(TIMEOUT)
                .until(() -> kafka.readRawToEnd(dlq).stream().filter(record -> Arrays.equals(record.key(), refusedKey))
                        .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(dead.value()).as("the original bytes").isEqualTo(refusedBytes);
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                .contains(refused.getManifestId()).contains("400").contains("unknown depot");
        assertThat(REFUSALS).as("asked once").hasValue(1);
        assertThat(DROP.resolve(REFUSING_CARRIER).toFile().list()).as("nothing of the refused manifest").isNullOrEmpty();
    }
}
