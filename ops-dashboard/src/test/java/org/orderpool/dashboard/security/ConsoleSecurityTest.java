package org.orderpool.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;
import org.orderpool.contracts.FieldError;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.DashboardController;
import org.orderpool.dashboard.PipelineView;
import org.orderpool.dashboard.RecordingConsoleRecords;
import org.orderpool.dashboard.ReviewDecisions;
import org.orderpool.dashboard.actions.ConsoleActions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The console's login and roles on the real filter chains, with the local profile's demo users:
 * 401 and the login redirect without a login, a viewer's reads masked and its writes refused, CSRF
 * on the browser's session and none on a script's Basic call, and the operator on a decision being
 * the one logged in.
 */
@WebMvcTest(controllers = DashboardController.class, properties = "spring.config.name=ops-dashboard")
@ActiveProfiles("local")
@Import({ConsoleSecurity.class, ConsoleSecurityTest.Beans.class})
class ConsoleSecurityTest {

    static final String REVIEW = "{\"verdict\":\"APPROVE\",\"operator\":\"mallory\",\"comment\":\"known buyer\"}";

    @TestConfiguration
    static class Beans {
        @Bean
        PipelineView pipelineView() {
            return new PipelineView();
        }

        @Bean
        BoundTopics boundTopics() {
            return new BoundTopics(AvroSerdes.inMemory(), "");
        }

        @Bean
        RecordingConsoleRecords consoleRecords() {
            return new RecordingConsoleRecords();
        }

        @Bean
        ConsoleActions consoleActions(final RecordingConsoleRecords records, final BoundTopics topics, final PipelineView view) {
            return new ConsoleActions(records, topics, view::audited, Clock.systemUTC());
        }

        @Bean
        ReviewDecisions reviewDecisions(final BoundTopics topics, final PipelineView view) {
            return new ReviewDecisions(topics, view, Clock.systemUTC());
        }
    }

    @Autowired
    private MockMvc mvc;
    @Autowired
    private PipelineView view;
    @Autowired
    private RecordingConsoleRecords records;
    @Autowired
    private BoundTopics topics;

    @BeforeEach
    void holdAnOrder() {
        records.clear();
        view.onStatus(OrderStatusChange.newBuilder().setEventId("e-1").setOrderId("o-1").setShopId("tea-house").setShopOrderRef("TH-1")
                .setStatus(OrderStatus.IN_REVIEW).setSource("fraud-check").setReason("shared card").setOccurredAt(Instant.now()).build());
        view.onRejection(OrderRejection.newBuilder().setOrderId("o-9").setShopId("tea-house").setShopOrderRef("TH-9")
                .setChannel(SalesChannel.UNKNOWN).setRejectedAt(Instant.now()).setErrors(List.of(new FieldError("customer.email", "invalid",
                        "'hanna.berg@example.org' is not deliverable"))).build());
    }

    @Test
    void shouldAnswer401WithABasicChallengeToAnApiCallWithoutLogin() throws Exception {
        mvc.perform(get("/api/overview")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"ops-console\""))
                .andExpect(jsonPath("$.error").value("unauthorized"));
        mvc.perform(get("/api/overview").header("X-Requested-With", "XMLHttpRequest")).andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("WWW-Authenticate"));
        mvc.perform(get("/api/overview").with(httpBasic("ops", "wrong"))).andExpect(status().isUnauthorized());
    }

    @Test
    void shouldRedirectABrowserWithoutLoginToTheLoginPage() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/index.html")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login")).andExpect(status().isOk());
    }

    @Test
    void shouldShowAViewerCustomersMaskedAndRefuseItsWrites() throws Exception {
        mvc.perform(get("/api/overview").with(httpBasic("viewer", "demo-viewer"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.rejections[0].reasons[0]").value("customer.email: 'h***@example.org' is not deliverable"));
        mvc.perform(get("/api/me").with(httpBasic("viewer", "demo-viewer"))).andExpect(jsonPath("$.role").value("VIEWER"))
                .andExpect(jsonPath("$.canAct").value(false));
        mvc.perform(post("/api/reviews/o-1").with(httpBasic("viewer", "demo-viewer")).contentType(MediaType.APPLICATION_JSON).content(REVIEW))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error").value("forbidden"));
        assertThat(records.transactions()).isEmpty();
    }

    @Test
    void shouldGiveAViewerTheManifestsFilesWithRecipientsMasked() throws Exception {
        final Order order = Fixtures.order("o-7").shipTo(Fixtures.address("Hanna Berg", "FR")).build();
        final Parcel parcel = Fixtures.parcel(order, "colis-express");
        view.onManifest(Fixtures.manifest("colis-express", parcel));
        final String manifestId = Fixtures.manifest("colis-express", parcel).getManifestId();

        assertThat(mvc.perform(get("/api/manifests/" + manifestId + ".csv").with(httpBasic("viewer", "demo-viewer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).doesNotContain("Hanna Berg").contains("***");
        assertThat(mvc.perform(get("/api/manifests/" + manifestId + ".csv").with(httpBasic("ops", "demo-ops")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("Hanna Berg");
        assertThat(view.manifest(manifestId).orElseThrow().getParcels().get(0).getRecipient().getName()).as("the view's copy is untouched")
                .isEqualTo("Hanna Berg");
    }

    @Test
    void shouldShowAnOperatorCustomersUnmasked() throws Exception {
        mvc.perform(get("/api/overview").with(httpBasic("ops", "demo-ops"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.rejections[0].reasons[0]").value("customer.email: 'hanna.berg@example.org' is not deliverable"));
    }

    @Test
    void shouldNameTheLoggedInOperatorOnADecisionWhateverTheRequestSays() throws Exception {
        final MvcResult result = mvc.perform(post("/api/reviews/o-1").with(httpBasic("ops", "demo-ops"))
                        .contentType(MediaType.APPLICATION_JSON).content(REVIEW))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.operator").value("ops")).andReturn();

        assertThat(records.values(topics, Topics.FRAUD_REVIEW_DECISIONS)).singleElement().extracting(ReviewDecision::getOperator)
                .isEqualTo("ops");
        assertThat(result.getResponse().getHeader("Set-Cookie")).as("no session or CSRF cookie for a script").isNull();
    }

    @Test
    void shouldRefuseABrowserSessionsWriteWithoutTheCsrfToken() throws Exception {
        final MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user("ops").password("demo-ops"))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);

        mvc.perform(get("/api/overview").session(session)).andExpect(status().isOk());
        mvc.perform(post("/api/reviews/o-1").session(session).contentType(MediaType.APPLICATION_JSON).content(REVIEW))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error").value("csrf_token_missing"));
        assertThat(records.transactions()).isEmpty();
        // What the page does: /api/me issues the XSRF-TOKEN cookie, and each write echoes it in X-XSRF-TOKEN.
        final Cookie token = mvc.perform(get("/api/me").session(session)).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("ops"))
                .andReturn().getResponse().getCookie("XSRF-TOKEN");
        assertThat(token).isNotNull();
        mvc.perform(post("/api/reviews/o-1").session(session).cookie(token).header("X-XSRF-TOKEN", "forged")
                .contentType(MediaType.APPLICATION_JSON).content(REVIEW)).andExpect(status().isForbidden());
        mvc.perform(post("/api/reviews/o-1").session(session).cookie(token).header("X-XSRF-TOKEN", token.getValue())
                .contentType(MediaType.APPLICATION_JSON).content(REVIEW)).andExpect(status().isAccepted());
        assertThat(records.values(topics, Topics.FRAUD_REVIEW_DECISIONS)).singleElement().extracting(ReviewDecision::getOperator)
                .isEqualTo("ops");
    }

    @Test
    void shouldRequireTheCsrfTokenFromABrowserPageEvenWithBasicCredentials() throws Exception {
        mvc.perform(post("/api/reviews/o-1").with(httpBasic("ops", "demo-ops")).header("Origin", "https://elsewhere.example")
                        .contentType(MediaType.APPLICATION_JSON).content(REVIEW))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error").value("csrf_token_missing"));
        assertThat(records.transactions()).isEmpty();
    }

    @Test
    void shouldRefuseAWrongPasswordAtTheLoginForm() throws Exception {
        mvc.perform(formLogin().user("ops").password("demo-viewer")).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void shouldLeaveHealthAndMetricsOpenToTheProbes() throws Exception {
        assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus()).isNotIn(401, 302);
    }
}
