package org.orderpool.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.security.DemoLogins;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;

/**
 * The ops console in a real browser on the embedded stack (simulator off, so every order is the
 * test's): a viewer sees customers masked, no action, and its write is refused; an operator's page
 * refuses a write without the CSRF token, adds a block entry that blocks the next order from that card,
 * records a receipt that releases a backorder, and re-drives a dead letter; a re-driven record that fails
 * again is dead-lettered again with both errors. (Approving a held order is PipelineEndToEndIT's.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsConsoleBrowserIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String CUSTOMER_EMAIL = "ada.consoletest@example.org";

    private final Path work = Path.of("target", "test-work", "console-" + System.nanoTime());
    private LocalStack stack;
    private KafkaTestClient kafka;
    private ChromeDriver browser;

    @BeforeAll
    void startStack() {
        stack = LocalStack.start(LocalStack.Settings.forTest(work.resolve("stack")));
        kafka = new KafkaTestClient(KafkaPlatform.existing(stack.bootstrapServers(), stack.schemaRegistryUrl(), "local stack"));
        browser = Browser.start(work.resolve("chromium-profile"));
        // a rejection quoting the customer's e-mail address, as order-intake words them
        final OrderRejection rejection = Fixtures.rejection("console-rejected");
        rejection.setErrors(List.of(new FieldError("customer.email", "undeliverable", "'" + CUSTOMER_EMAIL + "' bounced")));
        kafka.send(Topics.ORDERS_REJECTED, rejection.getOrderId(), rejection);
    }

    @AfterAll
    void stopStack() {
        if (browser != null) {
            browser.quit();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void shouldShowAViewerCustomersMaskedAndNoActionsAndRefuseItsWrite() throws Exception {
        ConsoleLogin.logIn(browser, stack.dashboardUrl(), DemoLogins.VIEWER);
        await("the viewer is logged in", () -> text("user-role").startsWith("viewer"));
        await("the rejection is shown, its customer masked", () -> pageText().contains("'a***@example.org' bounced"));

        assertThat(pageText()).doesNotContain(CUSTOMER_EMAIL);
        assertThat((Long) browser.executeScript("return document.querySelectorAll('.operator-only:not([hidden]), button.approve, "
                + "button.redrive, button.discard, button.remove').length;")).as("no action for a viewer").isZero();
        final Map<String, Object> write = fetch("/api/fraud-lists", "{\"type\":\"IP\",\"value\":\"10.9.9.9\",\"action\":\"BLOCK\","
                + "\"reason\":\"x\"}", true);
        assertThat(write.get("status")).as("a viewer's write, even with the CSRF token").isEqualTo(403L);
        Files.write(Path.of("target", "console-viewer.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(2)
    void shouldLetAnOperatorBlockACardReleaseABackorderAndReDriveADeadLetter() throws Exception {
        ConsoleLogin.logIn(browser, stack.dashboardUrl(), DemoLogins.OPERATOR);
        await("the operator is logged in", () -> text("user-role").equals("operator"));
        await("the operator sees the customer", () -> pageText().contains(CUSTOMER_EMAIL));

        final Map<String, Object> forged = fetch("/api/fraud-lists", "{\"type\":\"IP\",\"value\":\"10.9.9.9\",\"action\":\"BLOCK\","
                + "\"reason\":\"x\"}", false);
        assertThat(forged.get("status")).as("a POST without the CSRF token").isEqualTo(403L);
        assertThat((String) forged.get("body")).contains("csrf_token_missing");

        // a block entry for a card, then the next order paid with that card is BLOCKED
        final org.openqa.selenium.WebElement listForm = browser.findElement(By.id("list-form"));
        new Select(listForm.findElement(By.name("type"))).selectByValue("CARD_FINGERPRINT");
        listForm.findElement(By.name("value")).sendKeys("fp_console_block");
        listForm.findElement(By.name("reason")).sendKeys("chargeback ring");
        listForm.findElement(By.cssSelector("button[type=submit]")).click();
        await("the entry is listed", () -> !browser.findElements(By.cssSelector("#fraud-lists tr[data-key='CARD_FINGERPRINT:fp_console_block']"))
                .isEmpty());
        // fraud-check reads fraud.lists into a global table of its own: the first order may beat the entry there, so orders
        // from the card are placed until one is decided after the entry arrived (bounded)
        final AtomicInteger attempt = new AtomicInteger();
        final AtomicReference<String> blocked = new AtomicReference<>();
        Awaitility.await("an order from the blocked card is BLOCKED").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            final PaymentFacts card = Fixtures.cardPayment();
            card.setCardFingerprint("fp_console_block");
            final org.orderpool.contracts.Order order = Fixtures.order("console-blocked-" + attempt.incrementAndGet()).shop("bike-corner")
                    .line("SKU-MUG-01", 1).distinctBuyer("console-blocked-" + attempt.get()).payment(card).build();
            kafka.send(Topics.ORDERS_ACCEPTED, order.getOrderId(), order);
            final List<OrderStatusChange> decided = kafka.readUntil(Topics.ORDERS_STATUS, c -> c.valuesFor(order.getOrderId()).stream()
                    .anyMatch(st -> st.getSource().equals("fraud-check")), Duration.ofSeconds(20)).valuesFor(order.getOrderId());
            blocked.set(order.getOrderId());
            return decided.stream().anyMatch(st -> st.getStatus() == OrderStatus.BLOCKED);
        });
        assertThat(attempt.get()).as("orders placed until one was blocked").isLessThanOrEqualTo(3);
        showOrder(blocked.get());
        await("the page shows it BLOCKED", () -> historyOf().contains("BLOCKED"));

        // a backorder, released by a receipt recorded on the console
        final org.orderpool.contracts.Order waiting = Fixtures.order("console-backorder").shop("tea-house").line("SKU-CANDLE-01", 60).build();
        kafka.send(Topics.ORDERS_CLEARED, waiting.getOrderId(), Fixtures.cleared(waiting));
        statusesOf(waiting.getOrderId(), OrderStatus.BACKORDERED);
        final org.openqa.selenium.WebElement stockForm = browser.findElement(By.id("stock-form"));
        stockForm.findElement(By.name("sku")).sendKeys("SKU-CANDLE-01");
        new Select(stockForm.findElement(By.name("type"))).selectByValue("RECEIPT");
        stockForm.findElement(By.name("quantity")).sendKeys("20");
        stockForm.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(statusesOf(waiting.getOrderId(), OrderStatus.RESERVED)).containsSubsequence(OrderStatus.BACKORDERED, OrderStatus.RESERVED);

        // a dead letter of fraud-check whose cause is gone: re-driven to orders.accepted, it is processed
        final org.orderpool.contracts.Order lost = Fixtures.order("console-redrive").shop("tea-house").line("SKU-MUG-01", 1)
                .distinctBuyer("console-redrive").build();
        sendDeadLetter(lost);
        final String row = "#dead-letters tr[data-id^='fraud-check.dlq/']";
        await("the dead letter is listed", () -> !browser.findElements(By.cssSelector(row)).isEmpty());
        await("the operator clicks Re-drive", () -> Boolean.TRUE.equals(browser.executeScript(
                "const b = document.querySelector(arguments[0]); if (!b) { return false; } b.click(); return true;", row + " button.redrive")));
        await("the dead letter shows who re-drove it", () -> pageText().contains("re-driven by ops"));
        final List<OrderStatusChange> processed = kafka.readUntil(Topics.ORDERS_STATUS,
                c -> c.valuesFor(lost.getOrderId()).stream().anyMatch(s -> s.getSource().equals("fraud-check")), TIMEOUT).valuesFor(lost.getOrderId());
        assertThat(processed).isNotEmpty();

        await("the audit trail shows the actions", () -> pageText().contains("fraud list add") && pageText().contains("stock movement")
                && pageText().contains("dead letter redrive"));
        Files.write(Path.of("target", "console-operator.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(3)
    void shouldDeadLetterAReDrivenRecordThatFailsAgainWithBothErrors() throws Exception {
        kafka.sendRaw(Topics.ORDERS_ACCEPTED.name(), "console-garbage".getBytes(StandardCharsets.UTF_8),
                "not an order".getBytes(StandardCharsets.UTF_8));
        final List<ConsumerRecord<byte[], byte[]>> first = kafka.readRaw(Topics.FRAUD_CHECK_DLQ.name(), 2, Duration.ofSeconds(30));
        final ConsumerRecord<byte[], byte[]> garbage = first.stream().filter(r -> "console-garbage".equals(text(r.key()))).findFirst()
                .orElseThrow(() -> new AssertionError("fraud-check dead-lettered no record of key console-garbage"));

        final HttpResponse<String> redriven = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.dashboardUrl()
                        + "/api/dead-letters/" + garbage.topic() + "/" + garbage.partition() + "/" + garbage.offset() + "/redrive"))
                .header("Authorization", ConsoleLogin.basic(DemoLogins.OPERATOR)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(202);

        final ConsumerRecord<byte[], byte[]> again = Awaitility.await("fraud-check dead-letters it again").atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500)).until(() -> kafka.readRawToEnd(Topics.FRAUD_CHECK_DLQ.name()).stream()
                        .filter(r -> r.offset() > garbage.offset() && "console-garbage".equals(text(r.key()))).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(again.value()).isEqualTo(garbage.value());
        assertThat(again.headers().headers("__streams.errors.message")).as("both failures' errors").hasSizeGreaterThanOrEqualTo(2);
        assertThat(text(again.headers().lastHeader("orderpool.redriven-by").value())).isEqualTo("ops");
        await("the console shows both errors", () -> pageText().contains(" | then: "));
    }

    private static String text(final byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private List<OrderStatus> statusesOf(final String orderId, final OrderStatus until) {
        return kafka.readUntil(Topics.ORDERS_STATUS, c -> c.valuesFor(orderId).stream().anyMatch(s -> s.getStatus() == until), TIMEOUT)
                .valuesFor(orderId).stream().map(OrderStatusChange::getStatus).toList();
    }

    private void sendDeadLetter(final org.orderpool.contracts.Order order) throws Exception {
        final Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        final String source = Topics.ORDERS_ACCEPTED.name();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.FRAUD_CHECK_DLQ.name(),
                    order.getOrderId().getBytes(StandardCharsets.UTF_8), Topics.ORDERS_ACCEPTED.valueSerde(kafka.serdes()).serializer()
                    .serialize(source, order));
            record.headers().add(new RecordHeader("__streams.errors.message", "the rules could not be read".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("__streams.errors.topic", source.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** A fetch from the page itself, with or without the CSRF token: its status and body. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> fetch(final String path, final String json, final boolean withToken) {
        return (Map<String, Object>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const headers = {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'};"
                + "if (arguments[2]) { headers['X-XSRF-TOKEN'] = csrfToken(); }"
                + "fetch(arguments[0], {method: 'POST', headers, body: arguments[1]})"
                + ".then(r => r.text().then(body => done({status: r.status, body})));", path, json, withToken);
    }

    private void showOrder(final String orderId) {
        browser.executeScript("showOrder(arguments[0]);", orderId);
    }

    @SuppressWarnings("unchecked")
    private List<String> historyOf() {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll('#order-history tbody td.status')).map(td => td.textContent.trim());");
    }

    private String text(final String id) {
        return (String) browser.executeScript("const e = document.getElementById(arguments[0]); return e ? e.textContent.trim() : '';", id);
    }

    private String pageText() {
        return (String) browser.executeScript("return document.body.innerText;");
    }

    private static void await(final String what, final BooleanSupplier condition) {
        Awaitility.await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(condition::getAsBoolean);
    }
}
