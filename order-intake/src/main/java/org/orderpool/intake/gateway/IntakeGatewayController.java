package org.orderpool.intake.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP endpoints of the gateway; every decision is {@link IntakeGateway}'s. */
@RestController
public class IntakeGatewayController {

    private final IntakeGateway gateway;

    public IntakeGatewayController(final IntakeGateway gateway) {
        this.gateway = gateway;
    }

    @PostMapping("/shops/{shopId}/orders")
    public ResponseEntity<Map<String, Object>> poolOrder(@PathVariable final String shopId, final HttpServletRequest request) throws IOException {
        return handle(WebhookFormat.POOL_JSON, shopId, request);
    }

    @PostMapping("/shops/{shopId}/orders/{shopOrderRef}/cancellation")
    public ResponseEntity<Map<String, Object>> poolCancellation(@PathVariable final String shopId,
                                                                @PathVariable final String shopOrderRef,
                                                                final HttpServletRequest request) throws IOException {
        final GatewayResponse response = gateway.cancelPoolOrder(shopId, shopOrderRef, request.getContentType(),
                request.getContentLengthLong(), request::getHeader, request.getInputStream());
        return ResponseEntity.status(response.status()).body(response.body());
    }

    @PostMapping("/shops/{shopId}/orders/{shopOrderRef}/disputes")
    public ResponseEntity<Map<String, Object>> poolDispute(@PathVariable final String shopId,
                                                           @PathVariable final String shopOrderRef,
                                                           final HttpServletRequest request) throws IOException {
        final GatewayResponse response = gateway.reportPoolDispute(shopId, shopOrderRef, request.getContentType(),
                request.getContentLengthLong(), request::getHeader, request.getInputStream());
        return ResponseEntity.status(response.status()).body(response.body());
    }

    @PostMapping("/shops/{shopId}/webhooks/shopify")
    public ResponseEntity<Map<String, Object>> shopifyOrder(@PathVariable final String shopId, final HttpServletRequest request) throws IOException {
        return handle(WebhookFormat.SHOPIFY, shopId, request);
    }

    @PostMapping("/shops/{shopId}/webhooks/woocommerce")
    public ResponseEntity<Map<String, Object>> wooCommerceOrder(@PathVariable final String shopId, final HttpServletRequest request) throws IOException {
        return handle(WebhookFormat.WOOCOMMERCE, shopId, request);
    }

    private ResponseEntity<Map<String, Object>> handle(final WebhookFormat format, final String shopId,
                                                       final HttpServletRequest request) throws IOException {
        final GatewayResponse response = gateway.handle(format, shopId, request.getContentType(), request.getContentLengthLong(),
                request::getHeader, request.getInputStream());
        return ResponseEntity.status(response.status()).body(response.body());
    }
}
