package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the processing handler does with a record whose step throws: a processor's own failure is the record's and
 * goes to the dead-letter topic; a failure to serialise one of the step's outputs is not, and dead-lettering it would
 * commit the outputs forwarded before it (under exactly-once; TopologyTestDriver has no transactions, so this test
 * looks at the handler's decision: the dead-letter topic and the failure).
 */
class DeadLetterProcessingHandlerTest {

    private static final String DLQ = "svc.dlq";

    private TopologyTestDriver driver;

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldDeadLetterARecordThatItsProcessorCannotHandleAndGoOn() {
        driver = driver(new StringSerializer());

        driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k1", "refuse");
        driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k2", "fine");

        assertThat(driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readValuesToList())
                .extracting(String::new).containsExactly("refuse");
        assertThat(driver.createOutputTopic("second", new StringDeserializer(), new StringDeserializer()).readKeyValuesToMap())
                .containsOnlyKeys("k2");
    }

    @Test
    void shouldFailTheStepInsteadOfDeadLetteringWhenOneOfItsOutputsCannotBeSerialised() {
        // a registry refusing the second output's schema (it once answered 409 to a registration made at the same moment)
        driver = driver((topic, value) -> {
            throw new SerializationException("Could not resolve the schema id for subject '" + topic + "-value'");
        });

        assertThatThrownBy(() -> driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k1", "fine"))
                .isInstanceOf(StreamsException.class).hasRootCauseInstanceOf(SerializationException.class);
        assertThat(driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer()).isEmpty())
                .as("not dead-lettered: its first output went out, and going on would commit it without the second").isTrue();
    }

    /** A step that writes one record to "first", then one to "second" with {@code secondSerializer}. */
    private static TopologyTestDriver driver(final Serializer<String> secondSerializer) {
        final Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        topology.addProcessor("step", TwoOutputs::new, "in");
        topology.addSink("first", "first", new StringSerializer(), new StringSerializer(), "step");
        topology.addSink("second", "second", new StringSerializer(), secondSerializer, "step");
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-handler-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.putAll(DeadLetterSettings.forTopic(DLQ));
        return new TopologyTestDriver(topology, config);
    }

    private static final class TwoOutputs implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;

        @Override
        public void init(final ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(final Record<String, String> record) {
            if (record.value().equals("refuse")) {
                throw new IllegalArgumentException("a value this step refuses");
            }
            context.forward(record, "first");
            context.forward(record, "second");
        }
    }
}
