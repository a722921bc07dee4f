package org.orderpool.shopsync.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.orderpool.shopsync.domain.ShopTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The shop API's bearer check: a request under {@code /shops/{shopId}/...} goes through only with that
 * shop's token, otherwise 401 (the same answer for a missing token, a wrong one, another shop's and an
 * unknown shop). It reads the shop id Spring MVC resolved for the handler, so the shop checked is the
 * shop the controller serves, however the path was encoded. A small interceptor rather than Spring
 * Security: one header compared with one token per shop needs no more (and Spring Security is not
 * among the build's dependencies).
 */
public final class ShopTokenInterceptor implements HandlerInterceptor {

    static final String UNAUTHORIZED = "{\"error\":\"unauthorized\","
            + "\"message\":\"send this shop's API token as Authorization: Bearer <token>\"}";

    private final ShopTokens tokens;

    public ShopTokenInterceptor(final ShopTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(final HttpServletRequest request, final HttpServletResponse response, final Object handler)
            throws IOException {
        final Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        final Object shopId = variables instanceof Map<?, ?> map ? map.get("shopId") : null;
        if (shopId instanceof String shop && tokens.authorises(shop, request.getHeader(HttpHeaders.AUTHORIZATION))) {
            return true;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"shop-sync\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(UNAUTHORIZED.getBytes(StandardCharsets.UTF_8));
        return false;
    }
}
