package org.orderpool.dashboard.shops;

import org.orderpool.contracts.topic.BoundTopics;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The "Shops hearing back" panel: shop-sync.delivery-state read into a {@link ShopDeliveryPanel}. */
@Configuration(proxyBeanMethods = false)
public class ShopDeliveryConfiguration {

    @Bean
    ShopDeliveryPanel shopDeliveryPanel() {
        return new ShopDeliveryPanel();
    }

    @Bean(destroyMethod = "close")
    ShopDeliveryFeed shopDeliveryFeed(final KafkaProperties kafka, final BoundTopics topics, final ShopDeliveryPanel panel) {
        return new ShopDeliveryFeed(kafka.buildConsumerProperties(), topics, panel).start();
    }
}
