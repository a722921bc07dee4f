package org.orderpool.dashboard.shops;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The "Shops hearing back" panel: the console's {@code TopicFeed} reads shop-sync.delivery-state into it. */
@Configuration(proxyBeanMethods = false)
public class ShopDeliveryConfiguration {

    @Bean
    ShopDeliveryPanel shopDeliveryPanel() {
        return new ShopDeliveryPanel();
    }
}
