package org.orderpool.dashboard.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Who may use the ops console and how they prove it. The browser logs in with a form (or, when enabled,
 * OpenID Connect) and holds a session cookie; every state-changing request from it carries a CSRF token
 * (cookie {@code XSRF-TOKEN}, echoed in the {@code X-XSRF-TOKEN} header). Scripts call {@code /api/**}
 * with HTTP Basic, statelessly: no session is made for them, and a request with its own credentials and
 * no {@code Origin} (a script, not a browser page) needs no CSRF token. Reads need VIEWER or OPERATOR,
 * writes OPERATOR. Without a login the API answers 401 and pages redirect to {@code /login}. Health and
 * Prometheus metrics stay open to the platform's probes (no customer data in them).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurity.class);
    static final String REALM = "ops-console";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService consoleUsers(final ConsoleProperties properties) {
        final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(ConsoleUsers.load(properties.users(), properties.usersFile()));
        if (properties.users().isEmpty() && (properties.usersFile() == null || properties.usersFile().toString().isBlank()) && !properties.oidc().enabled()) {
            LOG.warn("The ops console has no users: nobody can log in. Mount a users file (orderpool.console.users-file) or enable "
                    + "OpenID Connect (orderpool.console.oidc.enabled); see README, Ops console");
        }
        return users;
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleApi(final HttpSecurity http) throws Exception {
        final AuthenticationEntryPoint unauthorized = ConsoleSecurity::unauthorized;
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(ConsoleRole.VIEWER.name(), ConsoleRole.OPERATOR.name())
                        .anyRequest().hasRole(ConsoleRole.OPERATOR.name()))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized))
                // A session the page's login made is used; none is ever made here, nor a CSRF cookie for a script's call.
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .requestCache(cache -> cache.disable())
                // The page's cookie, compared as sent in X-XSRF-TOKEN; loaded only when needed (the page's /api/me loads it).
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(ConsoleSecurity::needsCsrfToken)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consolePages(final HttpSecurity http, final ConsoleProperties properties,
                                     final ObjectProvider<ClientRegistrationRepository> registrations) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/login", "/error", "/favicon.ico").permitAll()
                        // a login without a console role (an OpenID Connect user in neither group) gets no page
                        .anyRequest().hasAnyRole(ConsoleRole.VIEWER.name(), ConsoleRole.OPERATOR.name()))
                .formLogin(form -> form.defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.spa());
        if (properties.oidc().enabled()) {
            if (registrations.getIfAvailable() == null) {
                throw new IllegalStateException("orderpool.console.oidc.enabled is true but no spring.security.oauth2.client.registration.* "
                        + "is configured: see README, Ops console, OpenID Connect");
            }
            http.oauth2Login(oauth -> oauth.userInfoEndpoint(info -> info.userAuthoritiesMapper(oidcRoles(properties.oidc()))));
        }
        return http.build();
    }

    /**
     * Unsafe requests need a CSRF token, except those of a script: its own credentials in an
     * {@code Authorization} header and no {@code Origin} (browsers send one with every cross-site and
     * same-site POST, so a page elsewhere cannot use a browser's remembered Basic login).
     */
    static boolean needsCsrfToken(final HttpServletRequest request) {
        final String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE")) {
            return false;
        }
        return request.getHeader("Authorization") == null || request.getHeader("Origin") != null;
    }

    /** 401 with a JSON body; the Basic challenge only for non-page callers, so the page's own calls never pop up a browser dialog. */
    private static void unauthorized(final HttpServletRequest request, final HttpServletResponse response,
                                     final org.springframework.security.core.AuthenticationException e) throws IOException {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        }
        json(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                "log in: the console's page at /login, or HTTP Basic for scripts");
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            final boolean csrf = e instanceof org.springframework.security.web.csrf.CsrfException;
            json(response, HttpServletResponse.SC_FORBIDDEN, csrf ? "csrf_token_missing" : "forbidden", csrf
                    ? "this request needs the CSRF token: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header"
                    : "your role may not do this: actions need the OPERATOR role");
        };
    }

    private static void json(final HttpServletResponse response, final int status, final String error, final String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
    }

    /** An OpenID Connect login's role from the groups claim of its ID token; without either group, no role (every call is 403). */
    static GrantedAuthoritiesMapper oidcRoles(final ConsoleProperties.Oidc oidc) {
        return authorities -> {
            final Set<GrantedAuthority> mapped = new HashSet<>();
            for (final GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority user) {
                    final Object claim = user.getIdToken().getClaims().get(oidc.rolesClaim());
                    final Collection<?> groups = claim instanceof Collection<?> list ? list : claim == null ? List.of() : List.of(claim);
                    if (groups.contains(oidc.operatorGroup())) {
                        mapped.add(new SimpleGrantedAuthority(ConsoleRole.OPERATOR.authority()));
                    } else if (groups.contains(oidc.viewerGroup())) {
                        mapped.add(new SimpleGrantedAuthority(ConsoleRole.VIEWER.authority()));
                    }
                }
            }
            return mapped;
        };
    }
}
