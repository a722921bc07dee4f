package org.orderpool.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineBenchmarkTest {

    private final List<String> tuning = List.of("producer.linger.ms=5", "stock-reservation/commit.interval.ms=30",
            "fraud-check/num.stream.threads=1");

    @Test
    void shouldGiveAPropertyWithoutAServiceToEveryServiceAndOneNamingAServiceToThatOneOnly() {
        assertThat(PipelineBenchmark.propertiesFor("stock-reservation", tuning)).containsExactly(
                "--spring.kafka.streams.properties.producer.linger.ms=5", "--spring.kafka.streams.properties.commit.interval.ms=30");
        assertThat(PipelineBenchmark.propertiesFor("order-intake", tuning)).containsExactly(
                "--spring.kafka.streams.properties.producer.linger.ms=5");
    }
}
