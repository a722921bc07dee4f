package org.orderpool.shopsync.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import org.orderpool.shopsync.domain.ShopTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The shop API's security, with Spring Security: under {@code /shops/{shopId}/...} a request is authenticated by its
 * {@code Authorization: Bearer <token>} (the token names its shop: {@link ShopTokens#shopOf}, constant-time digests)
 * and allowed only for the shop in the path. No token, a wrong one, or another shop's: 401 with the same body and
 * {@code WWW-Authenticate: Bearer}, so an answer never tells a caller which shops exist. Stateless (no session, no
 * cookie, so no CSRF to guard against); other paths (actuator's health and metrics) are outside this chain. A shop
 * authenticated for its own path still sees only its own data: the controller looks orders up under that shop
 * (another shop's order: 404, whatever the ref).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ShopApiSecurity {

    static final String UNAUTHORIZED = "{\"error\":\"unauthorized\","
            + "\"message\":\"send this shop's API token as Authorization: Bearer <token>\"}";
    private static final String BEARER = "bearer ";
    /** What a shop is granted once its token is recognised. */
    static final String SHOP_ROLE = "ROLE_SHOP";

    @Bean
    SecurityFilterChain shopApiFilterChain(final HttpSecurity http, final ShopTokens tokens) throws Exception {
        final AuthenticationEntryPoint unauthorized = ShopApiSecurity::unauthorized;
        final AuthenticationFilter bearer = new AuthenticationFilter(authenticationManager(tokens), ShopApiSecurity::bearerToken);
        bearer.setSuccessHandler((request, response, authentication) -> { }); // go on to the API, no redirect
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized));
        http.securityMatcher("/shops/**")
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(bearer, AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/shops/{shopId}/**"))
                        .access(ShopApiSecurity::ownShop)
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, denied) -> unauthorized(request, response, null)));
        return http.build();
    }

    /** A token names its shop; anything else is a bad credential. */
    static AuthenticationManager authenticationManager(final ShopTokens tokens) {
        return authentication -> tokens.shopOf(String.valueOf(authentication.getCredentials()))
                .map(shop -> (Authentication) UsernamePasswordAuthenticationToken.authenticated(shop, null,
                        AuthorityUtils.createAuthorityList(SHOP_ROLE)))
                .orElseThrow(() -> new BadCredentialsException("not a shop's API token"));
    }

    /**
     * The bearer token of the request as an authentication to check; null (no attempt, so anonymous) without an
     * {@code Authorization: Bearer} header.
     */
    static Authentication bearerToken(final HttpServletRequest request) {
        final String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        return UsernamePasswordAuthenticationToken.unauthenticated("shop-api-token", header.substring(BEARER.length()).strip());
    }

    /** Allowed when the authenticated shop is the path's {@code shopId}. */
    static AuthorizationResult ownShop(final Supplier<? extends Authentication> authentication, final RequestAuthorizationContext context) {
        final Authentication shop = authentication.get();
        return new AuthorizationDecision(shop != null && shop.isAuthenticated() && !(shop instanceof AnonymousAuthenticationToken)
                && shop.getName().equals(context.getVariables().get("shopId")));
    }

    private static void unauthorized(final HttpServletRequest request, final HttpServletResponse response, final Exception cause)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"shop-sync\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(UNAUTHORIZED.getBytes(StandardCharsets.UTF_8));
    }
}
