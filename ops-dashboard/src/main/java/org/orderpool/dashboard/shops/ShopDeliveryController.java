package org.orderpool.dashboard.shops;

import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The panel's data: {@code GET /api/shop-deliveries} → {@code {"shops": [rows]}}, read by shop-deliveries.js. */
@RestController
public class ShopDeliveryController {

    private final ShopDeliveryPanel panel;

    public ShopDeliveryController(final ShopDeliveryPanel panel) {
        this.panel = panel;
    }

    @GetMapping("/api/shop-deliveries")
    public Map<String, Object> shopDeliveries() {
        return Map.of("shops", panel.rows(Instant.now()));
    }
}
