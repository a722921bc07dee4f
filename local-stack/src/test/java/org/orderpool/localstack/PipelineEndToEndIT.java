package org.orderpool.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.security.DemoLogins;
import org.orderpool.simulator.ShopSimulator;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;

/**
 * The whole stack with the shop simulator: a real browser on the ops dashboard (numbers move, an
 * operator approves a held order and sees it move on), then the pipeline's invariants checked from the
 * topics once every simulated order has settled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndIT {

    private static final int SIMULATED_CHECKOUTS = 40;
    private static final Set<OrderStatus> TERMINAL = EnumSet.of(OrderStatus.REJECTED, OrderStatus.BLOCKED, OrderStatus.OUT_OF_STOCK,
            OrderStatus.CANCELLED, OrderStatus.MANIFESTED);

    private final Path work = Path.of("target", "test-work", "e2e-" + System.nanoTime());
    private LocalStack stack;
    private KafkaTestClient kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startStack() {
        stack = LocalStack.start(LocalStack.Settings.forTest(work.resolve("stack")).withSimulator(150, SIMULATED_CHECKOUTS)
                .withCutOffEvery(1));
        kafka = new KafkaTestClient(KafkaPlatform.existing(stack.bootstrapServers(), stack.schemaRegistryUrl(), "local stack"));
    }

    @AfterAll
    void stopStack() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void shouldShowTheFlowLiveAndLetAnOperatorApproveAHeldOrder() throws Exception {
        final String held = holdAnOrderForReview();
        final ChromeDriver browser = Browser.start(work.resolve("chromium-profile"));
        try {
            browser.get(stack.dashboardUrl());
            assertThat(browser.getCurrentUrl()).as("without a login, the console sends the browser to its login page").endsWith("/login");
            ConsoleLogin.logIn(browser, stack.dashboardUrl(), DemoLogins.OPERATOR);
            await("the operator is logged in", () -> browser.findElement(By.id("user-name")).getText().equals("ops"), Duration.ofSeconds(30));
            await("the dashboard goes live", () -> browser.findElement(By.id("connection")).getText().equals("live"), Duration.ofSeconds(30));
            final int firstCount = Integer.parseInt(browser.findElement(By.id("status-changes")).getText());
            await("the numbers move without a reload",
                    () -> Integer.parseInt(browser.findElement(By.id("status-changes")).getText()) > firstCount, Duration.ofSeconds(60));

            final By heldRow = By.cssSelector("#review-queue tr[data-order-id='" + held + "']");
            await("the held order is in the review queue", () -> !browser.findElements(heldRow).isEmpty(), Duration.ofSeconds(60));
            // The page redraws the queue every second: read and click within one script, never through an element found earlier
            final String heldSelector = "#review-queue tr[data-order-id='" + held + "']";
            assertThat((String) browser.executeScript("return document.querySelector(arguments[0]).textContent;", heldSelector))
                    .as("with its reasons").containsIgnoringCase("shop");
            Files.write(Path.of("target", "dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));
            await("the operator clicks Approve", () -> Boolean.TRUE.equals(browser.executeScript(
                    "const button = document.querySelector(arguments[0]); if (!button) { return false; } button.click(); return true;",
                    heldSelector + " button.approve")), Duration.ofSeconds(30));

            await("the approved order leaves the queue", () -> browser.findElements(heldRow).isEmpty(), Duration.ofSeconds(60));
            final WebElement search = browser.findElement(By.id("order-id"));
            search.clear();
            search.sendKeys(held);
            browser.findElement(By.cssSelector("#order-search button")).click();
            await("the order moves on: cleared and reserved", () -> historyOf(browser).containsAll(List.of("IN_REVIEW", "CLEARED", "RESERVED")),
                    Duration.ofSeconds(60));
            assertThat(historyOf(browser)).as("sent to orders.accepted directly, so no ACCEPTED").startsWith("IN_REVIEW", "CLEARED");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(2)
    void shouldSettleEverySimulatedOrderWithoutBreakingAnInvariant() throws Exception {
        final ShopSimulator simulator = stack.simulator().orElseThrow();
        await("the simulator makes its checkouts", simulator::finished, Duration.ofMinutes(2));
        final Set<String> entered = simulator.enteredOrderIds();
        assertThat(entered).hasSizeGreaterThan(SIMULATED_CHECKOUTS / 2);

        // Ops decide what the simulated fraud put on hold, through the dashboard's API, until every order has settled.
        // 1. every order that entered reaches exactly one terminal status
        Awaitility.await("every simulated order settles").atMost(Duration.ofMinutes(7)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    final Map<String, List<OrderStatus>> statuses = statusesOf(entered);
                    for (final String orderId : entered) {
                        final List<OrderStatus> history = statuses(orderId, statuses);
                        if (!history.isEmpty() && history.get(history.size() - 1) == OrderStatus.IN_REVIEW) {
                            decide(orderId, "BLOCK");
                        }
                    }
                    for (final String orderId : entered) {
                        final List<OrderStatus> history = statuses(orderId, statuses);
                        assertThat(history.stream().filter(TERMINAL::contains).count()).as("terminal statuses of %s: %s", orderId, history)
                                .isEqualTo(1);
                    }
                });
        // 2. stock never oversold in any committed state
        for (final StockLevel level : kafka.read(Topics.STOCK_LEVELS, Integer.MAX_VALUE, Duration.ofSeconds(3)).values()) {
            assertThat(level.getAvailable()).as("available of %s", level.getSku()).isGreaterThanOrEqualTo(0);
            assertThat(level.getReserved()).as("reserved of %s", level.getSku()).isBetween(0, level.getOnHand());
        }
        // 3. every scheduled parcel is on exactly one manifest, and a withdrawn one on none
        final Map<String, ParcelState> parcelStates = new HashMap<>();
        kafka.read(Topics.SHIPPING_PARCELS, Integer.MAX_VALUE, Duration.ofSeconds(3)).values()
                .forEach(parcel -> parcelStates.put(parcel.getParcelId(), parcel.getState()));
        final List<ShipmentManifest> manifests = kafka.read(Topics.SHIPPING_MANIFESTS, Integer.MAX_VALUE, Duration.ofSeconds(3)).values();
        final Map<String, Long> onManifests = manifests.stream().flatMap(m -> m.getParcels().stream())
                .collect(Collectors.groupingBy(p -> p.getParcelId(), Collectors.counting()));
        parcelStates.forEach((parcelId, state) -> {
            if (state == ParcelState.SCHEDULED) {
                assertThat(onManifests.getOrDefault(parcelId, 0L)).as("manifests holding %s", parcelId).isEqualTo(1);
            } else {
                assertThat(onManifests).as("withdrawn parcel %s", parcelId).doesNotContainKey(parcelId);
            }
        });
        assertThat(manifests.stream().map(ShipmentManifest::getManifestId).distinct().count()).isEqualTo(manifests.size());
        // and the carriers got them
        assertThat(manifests).isNotEmpty().allSatisfy(m -> assertThat(stack.carrierDropFolder().resolve(m.getCarrierId())
                .resolve(m.getManifestId() + ".pdf")).exists());
    }

    /** Three shops see one card within minutes: fraud-check holds whichever comes last. */
    private String holdAnOrderForReview() {
        final List<String> ids = new ArrayList<>();
        for (final String shop : List.of("tea-house", "ceramics-studio", "bike-corner")) {
            final PaymentFacts payment = Fixtures.cardPayment();
            payment.setCardFingerprint("fp_e2e_shared");
            final org.orderpool.contracts.Order order = Fixtures.order("e2e-" + shop).shop(shop).line("SKU-TEA-01", 1).payment(payment)
                    .email("held.buyer@example.org").build();
            kafka.send(Topics.ORDERS_ACCEPTED, order.getOrderId(), order);
            ids.add(order.getOrderId());
        }
        final List<OrderStatusChange> statuses = kafka.readUntil(Topics.ORDERS_STATUS,
                c -> c.values().stream().anyMatch(s -> ids.contains(s.getOrderId()) && s.getStatus() == OrderStatus.IN_REVIEW),
                Duration.ofSeconds(60)).values();
        return statuses.stream().filter(s -> ids.contains(s.getOrderId()) && s.getStatus() == OrderStatus.IN_REVIEW).findFirst()
                .orElseThrow(() -> new AssertionError("no order of the shared card was held for review")).getOrderId();
    }

    /** The statuses the history table shows, read in one script: the page redraws the table as events arrive, so elements found in one call can be gone in the next. */
    @SuppressWarnings("unchecked")
    private static List<String> historyOf(final ChromeDriver browser) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll('#order-history tbody td.status')).map(td => td.textContent.trim());");
    }

    private Map<String, List<OrderStatus>> statusesOf(final Set<String> orderIds) {
        final Map<String, List<OrderStatus>> statuses = new HashMap<>();
        for (final ConsumerRecord<String, OrderStatusChange> record : kafka.read(Topics.ORDERS_STATUS, Integer.MAX_VALUE,
                Duration.ofSeconds(2)).records()) {
            if (orderIds.contains(record.key())) {
                statuses.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value().getStatus());
            }
        }
        return statuses;
    }

    private static List<OrderStatus> statuses(final String orderId, final Map<String, List<OrderStatus>> statuses) {
        return statuses.getOrDefault(orderId, List.of());
    }

    private void decide(final String orderId, final String verdict) throws Exception {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.dashboardUrl() + "/api/reviews/" + orderId))
                .header("Content-Type", "application/json").header("Authorization", ConsoleLogin.basic(DemoLogins.OPERATOR)).POST(HttpRequest.BodyPublishers.ofString("{\"verdict\":\"" + verdict + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(202, 409);
    }

    /** Bounded polling; a page being re-rendered under the browser's feet is looked at again. */
    private static void await(final String what, final BooleanSupplier condition, final Duration timeout) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(condition::getAsBoolean);
    }
}
