package org.orderpool.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.dashboard.actions.CalendarExceptionActions;
import org.orderpool.dashboard.actions.ConsoleActions;
import org.orderpool.dashboard.actions.DeadLetterActions;
import org.orderpool.dashboard.actions.DeadLetterReader;
import org.orderpool.dashboard.actions.FraudListActions;
import org.orderpool.dashboard.actions.OrderAndStockActions;
import org.orderpool.dashboard.actions.ConsoleRecords;
import org.orderpool.dashboard.actions.KafkaConsoleRecords;
import org.orderpool.dashboard.shops.ShopDeliveryPanel;
import org.orderpool.runtime.PipelineProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's view of the topics and its way of writing: operators' actions, each in one transaction. */
@Configuration(proxyBeanMethods = false)
public class OpsDashboardConfiguration {

    @Bean
    PipelineView pipelineView() {
        return new PipelineView();
    }

    @Bean
    PipelineMetrics pipelineMetrics(final PipelineView view, final MeterRegistry registry) {
        return new PipelineMetrics(view, registry);
    }

    @Bean(destroyMethod = "close")
    TopicFeed topicFeed(final KafkaProperties kafka, final BoundTopics topics, final PipelineView view, final ShopDeliveryPanel shops) {
        return new TopicFeed(kafka.buildConsumerProperties(), topics, view, shops).start();
    }

    @Bean(destroyMethod = "close")
    ConsoleRecords consoleRecords(final KafkaProperties kafka, final PipelineProperties pipeline) {
        return new KafkaConsoleRecords(kafka.buildProducerProperties(), pipeline.getTopics().getPrefix());
    }

    @Bean
    Clock consoleClock() {
        return Clock.systemUTC();
    }

    @Bean
    ConsoleActions consoleActions(final ConsoleRecords records, final BoundTopics topics, final PipelineView view, final Clock clock) {
        return new ConsoleActions(records, topics, view::audited, clock);
    }

    @Bean
    FraudListActions fraudListActions(final BoundTopics topics, final PipelineView view, final Clock clock) {
        return new FraudListActions(topics, view, clock);
    }

    @Bean
    OrderAndStockActions orderAndStockActions(final BoundTopics topics, final PipelineView view, final Clock clock) {
        return new OrderAndStockActions(topics, view, clock);
    }

    @Bean
    CalendarExceptionActions calendarExceptionActions(final BoundTopics topics, final PipelineView view, final Clock clock) {
        return new CalendarExceptionActions(topics, view, clock);
    }

    @Bean
    DeadLetterActions deadLetterActions(final BoundTopics topics, final PipelineView view, final KafkaProperties kafka) {
        return new DeadLetterActions(topics, view, new DeadLetterReader(kafka.buildConsumerProperties()));
    }

    @Bean
    ReviewDecisions reviewDecisions(final BoundTopics topics, final PipelineView view, final Clock clock) {
        return new ReviewDecisions(topics, view, clock);
    }
}
