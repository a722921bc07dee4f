package org.orderpool.intake;

import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.IntakeDecision;
import org.orderpool.intake.domain.IntakeState;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.OrderIntake;
import org.orderpool.intake.domain.OrderValidator;
import org.orderpool.intake.domain.ShopDirectory;
import org.orderpool.intake.gateway.DecidedOrders;
import org.orderpool.intake.gateway.IntakeGateway;
import org.orderpool.intake.gateway.KafkaSubmissionSink;
import org.orderpool.intake.topology.OrderIntakeTopology;
import org.orderpool.runtime.OrderOutcomeMetrics;
import org.orderpool.runtime.ServiceIdentity;
import org.orderpool.runtime.catalogue.PoolCatalogue;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Wires order-intake's domain, topology and gateway; the logic lives in plain classes. */
@Configuration(proxyBeanMethods = false)
public class OrderIntakeConfiguration {

    @Bean
    ServiceIdentity serviceIdentity() {
        return new ServiceIdentity(OrderIntake.SOURCE, Topics.ORDER_INTAKE_DLQ);
    }

    @Bean
    ShopDirectory shopDirectory(final IntakeProperties properties) {
        return new ShopDirectory(properties.toShops());
    }

    @Bean
    OrderIntake orderIntake(final PoolCatalogue catalogue, final ShopDirectory shops, final IntakeProperties properties) {
        return new OrderIntake(new OrderValidator(catalogue.skus(), shops, properties.intakeRules()));
    }

    @Bean
    OrderIntakeTopology orderIntakeTopology(final BoundTopics topics, final OrderIntake intake, final IntakeProperties properties) {
        return new OrderIntakeTopology(topics, intake, properties.getDedupRetention());
    }

    @Bean
    KStream<String, IntakeDecision> orderIntakeStream(final StreamsBuilder builder, final OrderIntakeTopology topology,
                                                      final OrderOutcomeMetrics outcomes) {
        final KStream<String, IntakeDecision> decisions = topology.addTo(builder);
        // An update passed on announces nothing, and an answer to an update moves no order: neither is an outcome.
        outcomes.count(decisions.filter((orderId, decision) -> decision.status() != null
                                && !StatusChanges.isUpdateAnswer(decision.status()), Named.as("intake-outcome-steps"))
                .mapValues(IntakeDecision::status, Named.as("intake-outcome-status")), "intake-outcome-metrics");
        return decisions;
    }

    @Bean(destroyMethod = "close")
    KafkaSubmissionSink submissionSink(final KafkaProperties kafka, final BoundTopics topics, final IntakeProperties properties) {
        return new KafkaSubmissionSink(kafka.buildProducerProperties(), topics, properties.getAckTimeout());
    }

    /**
     * Answers from the deduplication store of the one task that owns the order id, when this instance runs it
     * as the active task: only then is "nothing known" an answer; otherwise nothing can be said.
     */
    @Bean
    DecidedOrders decidedOrders(final StreamsBuilderFactoryBean streams, final OrderIntakeTopology topology) {
        final Clock clock = Clock.systemUTC();
        return orderId -> {
            final KafkaStreams kafkaStreams = streams.getKafkaStreams();
            if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
                return DecidedOrders.Lookup.CANNOT_TELL; // the topology still decides every order once
            }
            try {
                final ReadOnlyWindowStore<String, String> store = kafkaStreams.store(StoreQueryParameters.fromNameAndType(
                        OrderIntakeTopology.DEDUP_STORE, QueryableStoreTypes.<String, String>windowStore())
                        .withPartition(OrderIds.partitionOf(orderId)));
                final IntakeState state = topology.stateOf(store, orderId, clock.instant());
                return state == null ? DecidedOrders.Lookup.UNKNOWN : DecidedOrders.Lookup.known(state);
            } catch (final InvalidStateStoreException elsewhereOrRebalancing) {
                return DecidedOrders.Lookup.CANNOT_TELL;
            }
        };
    }

    @Bean
    IntakeGateway intakeGateway(final ShopDirectory shops, final KafkaSubmissionSink publisher, final DecidedOrders decidedOrders,
                                final IntakeProperties properties) {
        return new IntakeGateway(shops, publisher, publisher, publisher, decidedOrders,
                new IntakeGateway.Settings(properties.getMaxBodyBytes(), properties.getSignedTimestampTolerance(),
                        properties.getPlatformReplayWindow(), properties.getBodyReadTimeout()),
                Clock.systemUTC());
    }
}
