package org.orderpool.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.orderpool.contracts.client.KafkaDurability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialised goes to the dead-letter topic and processing goes on, unless
 * the cause is the infrastructure (registry down): then the stream thread fails, is replaced, and the
 * record is read again from the last committed offset once the registry answers.
 *
 * <p>Records of a global table (fraud.lists, shipping.carrier-calendars) are read by Kafka Streams'
 * global thread, which in Kafka 4.2 cannot write dead letters itself (it fails with a
 * ClassCastException and takes the whole client down). For those this handler writes the dead letter
 * with its own idempotent producer, the same record Streams would have written, and tells the global
 * thread to go on.
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private Map<String, Object> producerSettings = Map.of();
    private KafkaProducer<byte[], byte[]> globalDeadLetters;

    @Override
    public void configure(final Map<String, ?> configs) {
        super.configure(configs);
        final Map<String, Object> settings = new HashMap<>();
        configs.forEach((name, value) -> {
            // the client's connection settings (bootstrap servers, security), not Streams' own
            if (ProducerConfig.configNames().contains(name) && !name.startsWith("transaction")) {
                settings.put(name, value);
            }
        });
        settings.putAll(KafkaDurability.producer());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-global-dead-letters");
        this.producerSettings = settings;
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
                                                                final Exception exception) {
        if (TransientFailures.isTransient(exception)) {
            LOG.warn("Not dead-lettering {}-{}@{}: the infrastructure failed ({}); the record will be read again",
                    context.topic(), context.partition(), context.offset(), exception.getMessage());
            return DeserializationExceptionHandler.Response.fail();
        }
        final DeserializationExceptionHandler.Response response = super.handleError(context, record, exception);
        if (context.taskId() == null || context.taskId().subtopology() >= 0) {
            return response;
        }
        writeForGlobalThread(response.deadLetterQueueRecords());
        return DeserializationExceptionHandler.Response.resume();
    }

    private synchronized void writeForGlobalThread(final List<ProducerRecord<byte[], byte[]>> deadLetters) {
        if (globalDeadLetters == null) {
            globalDeadLetters = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
        }
        for (final ProducerRecord<byte[], byte[]> deadLetter : deadLetters) {
            try {
                // as long as the producer itself retries (through a broker's death), then its own verdict
                globalDeadLetters.send(deadLetter).get(KafkaDurability.DELIVERY_TIMEOUT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering a global table's record", e);
            } catch (final Exception e) {
                // Retried by reading the record again: the global thread fails and the client restarts.
                throw new IllegalStateException("could not dead-letter a global table's record to " + deadLetter.topic() + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
