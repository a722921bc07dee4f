package org.orderpool.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.dashboard.DashboardController;
import org.orderpool.dashboard.PipelineView;
import org.orderpool.dashboard.RecordingConsoleRecords;
import org.orderpool.dashboard.ReviewDecisions;
import org.orderpool.dashboard.actions.ConsoleActions;
import org.orderpool.serde.AvroSerdes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.test.web.servlet.MockMvc;

/** With OpenID Connect switched on, the login page offers the pool's identity provider and sends the browser there. */
@WebMvcTest(controllers = DashboardController.class, properties = {
        "orderpool.console.oidc.enabled=true",
        "spring.security.oauth2.client.registration.pool.client-id=ops-console",
        "spring.security.oauth2.client.registration.pool.client-secret=not-a-real-secret",
        "spring.security.oauth2.client.registration.pool.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.pool.scope=openid,profile",
        "spring.security.oauth2.client.registration.pool.client-name=Pool identity",
        "spring.security.oauth2.client.registration.pool.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.pool.authorization-uri=https://id.example.org/auth",
        "spring.security.oauth2.client.provider.pool.token-uri=https://id.example.org/token",
        "spring.security.oauth2.client.provider.pool.jwk-set-uri=https://id.example.org/certs",
        "spring.security.oauth2.client.provider.pool.user-info-uri=https://id.example.org/userinfo",
        "spring.security.oauth2.client.provider.pool.user-name-attribute=preferred_username"})
@Import({ConsoleSecurity.class, OidcLoginTest.Beans.class})
class OidcLoginTest {

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
        ConsoleActions consoleActions(final BoundTopics topics, final PipelineView view) {
            return new ConsoleActions(new RecordingConsoleRecords(), topics, view::audited, Clock.systemUTC());
        }

        @Bean
        ReviewDecisions reviewDecisions(final BoundTopics topics, final PipelineView view) {
            return new ReviewDecisions(topics, view, Clock.systemUTC());
        }
    }

    @Autowired
    private MockMvc mvc;

    @Test
    void shouldOfferThePoolsIdentityProviderAndRedirectToIt() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(containsString(
                "/oauth2/authorization/pool")));
        mvc.perform(get("/oauth2/authorization/pool")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", startsWith(
                        "https://id.example.org/auth?response_type=code&client_id=ops-console&scope=openid%20profile")));
    }

    @Test
    void shouldMakeAnOperatorOrAViewerFromTheIdTokensGroupsAndNoRoleOtherwise() {
        final ConsoleProperties.Oidc oidc = new ConsoleProperties.Oidc(true, null, null, null);
        assertThat(ConsoleSecurity.oidcRoles(oidc).mapAuthorities(List.of(user(List.of("staff", "ops-operators")))))
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPERATOR");
        assertThat(ConsoleSecurity.oidcRoles(oidc).mapAuthorities(List.of(user(List.of("ops-viewers")))))
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_VIEWER");
        assertThat(ConsoleSecurity.oidcRoles(oidc).mapAuthorities(List.of(user(List.of("sales"))))).isEmpty();
    }

    private static OidcUserAuthority user(final List<String> groups) {
        return new OidcUserAuthority(new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60),
                Map.of("sub", "anna", "groups", groups)));
    }
}
