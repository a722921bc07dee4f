package org.orderpool.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** A service's health and metrics over HTTP, as production scrapes them (service-runtime wires them for every service). */
@RealKafka
class ServiceObservabilityIT {

    private static ServiceUnderTest service;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(final KafkaPlatform platform) {
        service = ServiceUnderTest.start(StockReservationApplication::builder, platform, KafkaTestClient.uniquePrefix("observe"),
                "stock-reservation", "--spring.main.web-application-type=servlet", "--server.port=0");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void shouldReportKafkaStreamsStateAsHealthAndItsMetricsForPrometheus() throws Exception {
        final String base = "http://localhost:" + service.context().getEnvironment().getProperty("local.server.port");
        final HttpResponse<String> health = await("Kafka Streams running").atMost(Duration.ofSeconds(60))
                .until(() -> get(base + "/actuator/health"), response -> response.body().contains("\"state\":\"RUNNING\""));
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        // Some work, so the per-topic producer metrics exist: a restock makes stock-reservation write stock.levels.
        service.kafka().send(service.topic(Topics.STOCK_MOVEMENTS), "SKU-TEA-01", Fixtures.receipt("SKU-TEA-01", 5));
        service.kafka().readUntil(service.topic(Topics.STOCK_LEVELS), c -> !c.values().isEmpty(), Duration.ofSeconds(60));
        // and an order to reserve, so the service's business counter moves
        final Order order = Fixtures.order("observed-1").line("SKU-TEA-01", 1).build();
        service.kafka().send(service.topic(Topics.ORDERS_CLEARED), order.getOrderId(), Fixtures.cleared(order));
        assertThat(health.body()).contains("\"kafkaStreams\"").contains("\"state\":\"RUNNING\"");

        // client metrics are bound to Micrometer on a schedule
        final HttpResponse<String> metrics = await("producer metrics bound").atMost(Duration.ofSeconds(30))
                .until(() -> get(base + "/actuator/prometheus"), response -> response.body().contains("kafka_producer_record_send_total"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("kafka_stream_").contains("service=\"stock-reservation\"");
        final HttpResponse<String> outcomes = await("the reservation counted").atMost(Duration.ofSeconds(60))
                .until(() -> get(base + "/actuator/prometheus"), response -> response.body().lines().anyMatch(line ->
                        line.startsWith("orderpool_order_status_changes_total{") && line.contains("status=\"RESERVED\"")));
        assertThat(outcomes.body().lines().filter(line -> line.startsWith("orderpool_order_status_changes_total{")
                && line.contains("status=\"RESERVED\"")).findFirst().orElseThrow()).endsWith(" 1.0");
        // The production Grafana dashboard's Kafka queries name metrics a service really exposes.
        final String dashboard = Files.readString(Path.of("..", "deploy", "grafana", "dashboards", "orderpool.json"));
        final Matcher kafkaMetric = Pattern.compile("kafka_[a-z_]+|orderpool_order_status_changes_total").matcher(dashboard);
        while (kafkaMetric.find()) {
            assertThat(outcomes.body()).as("metric %s of the Grafana dashboard", kafkaMetric.group()).contains(kafkaMetric.group());
        }

        service.context().getBean(StreamsBuilderFactoryBean.class).stop();
        final HttpResponse<String> down = get(base + "/actuator/health");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("\"kafkaStreams\"").contains("DOWN");
    }

    private HttpResponse<String> get(final String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
