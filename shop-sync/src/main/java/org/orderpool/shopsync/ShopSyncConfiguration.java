package org.orderpool.shopsync;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.streams.StreamsBuilder;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.ServiceIdentity;
import org.orderpool.shopsync.api.ApiRouter;
import org.orderpool.shopsync.api.RestClientPeerClient;
import org.orderpool.shopsync.api.ShopApiController;
import org.orderpool.shopsync.api.StreamsOrderQueries;
import org.orderpool.shopsync.api.StreamsPeers;
import org.orderpool.shopsync.api.StreamsStockQueries;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.ShopPlatforms;
import org.orderpool.shopsync.domain.ShopTokens;
import org.orderpool.shopsync.domain.WebhookEndpoint;
import org.orderpool.shopsync.platform.ConnectorCalls;
import org.orderpool.shopsync.platform.PlatformHttp;
import org.orderpool.shopsync.topology.PlatformSide;
import org.orderpool.shopsync.topology.ShopSyncTopology;
import org.orderpool.shopsync.webhook.RestClientWebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Wires shop-sync: the topology, the webhook sender, the platform connectors, the shop API over the state
 * stores; the logic lives in plain classes.
 */
@Configuration(proxyBeanMethods = false)
public class ShopSyncConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ShopSyncConfiguration.class);

    @Bean
    ServiceIdentity serviceIdentity() {
        return new ServiceIdentity("shop-sync", Topics.SHOP_SYNC_DLQ);
    }

    @Bean
    ShopDocuments shopDocuments(final ShopSyncProperties properties) {
        return new ShopDocuments(properties.trackingUrls());
    }

    @Bean(destroyMethod = "close")
    RestClientWebhookSender webhookSender(final ShopSyncProperties properties) {
        return new RestClientWebhookSender(properties.webhookTimeout(), properties.deliverySlots());
    }

    @Bean
    ShopPlatforms shopPlatforms(final ShopSyncProperties properties) {
        final ShopPlatforms platforms = properties.shopPlatforms();
        platforms.all().forEach(shop -> LOG.info("Shop {}: {}, {} SKU(s) in its stock map", shop.shopId(), shop.kind().configName(),
                shop.stockItems().size()));
        return platforms;
    }

    @Bean(destroyMethod = "close")
    ConnectorCalls platformCalls(final ShopSyncProperties properties) {
        return new ConnectorCalls(properties.connectors(new PlatformHttp(properties.platformTimeout()), properties.trackingUrls(),
                System::currentTimeMillis), properties.callSlots());
    }

    @Bean
    ShopSyncTopology shopSyncTopology(final StreamsBuilder builder, final BoundTopics topics, final ShopSyncProperties properties,
                                      final ShopDocuments documents, final RestClientWebhookSender sender,
                                      final ShopPlatforms platforms, final ConnectorCalls calls) {
        final Map<String, WebhookEndpoint> endpoints = properties.endpoints();
        LOG.info("Status webhooks for {} shop(s): {}", endpoints.size(), endpoints.keySet());
        final ShopSyncTopology topology = new ShopSyncTopology(topics, properties.toSettings(), documents,
                shop -> Optional.ofNullable(endpoints.get(shop)), sender, () -> ThreadLocalRandom.current().nextDouble())
                .withPlatforms(new PlatformSide(platforms, properties.platformSettings(), calls));
        topology.addTo(builder);
        return topology;
    }

    @Bean
    ApiRouter apiRouter(final StreamsBuilderFactoryBean streams, final BoundTopics topics, final ShopSyncProperties properties,
                        final ShopDocuments documents, final ShopPlatforms platforms,
                        @Value("${spring.kafka.streams.properties.application.server:}") final String applicationServer) {
        return new ApiRouter(new StreamsOrderQueries(streams::getKafkaStreams, topics.name(Topics.ORDERS_STATUS)),
                new StreamsStockQueries(streams::getKafkaStreams), platforms,
                new StreamsPeers(streams::getKafkaStreams, applicationServer), new RestClientPeerClient(properties.peerTimeout()),
                documents);
    }

    @Bean
    ShopApiController.PageLimits pageLimits(final ShopSyncProperties properties) {
        return new ShopApiController.PageLimits(properties.pageSize(), properties.maxPageSize());
    }

    /** Each shop's API token, for {@link org.orderpool.shopsync.api.ShopApiSecurity}. */
    @Bean
    ShopTokens shopTokens(final ShopSyncProperties properties) {
        return properties.tokens();
    }
}
