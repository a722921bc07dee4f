package org.orderpool.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;

/**
 * The short chaos run of the test suite: the four services as separate processes, each killed with
 * SIGKILL at least once (a quarter restarted on an empty state directory) while orders flow; every
 * invariant must hold. The long run (24 kills) is {@code ./mvnw -pl chaos exec:java@chaos}.
 */
@RealKafka
class ChaosRunIT {

    @Test
    void shouldKeepEveryInvariantWhileServicesAreKilled(final KafkaPlatform platform) throws Exception {
        final Path work = Files.createDirectories(Path.of(System.getProperty("orderpool.test.dir", "target/test-work"))
                .resolve("chaos-" + System.nanoTime()));
        final ChaosRun.Settings settings = new ChaosRun.Settings(160, 8, 4, Duration.ofSeconds(5), 11, 8, Duration.ofMinutes(5));

        final ChaosRun.Report report = new ChaosRun(settings, platform, KafkaTestClient.uniquePrefix("chaos"), work).run();

        System.out.println(report.markdown());
        Files.writeString(work.resolve("chaos-report.md"), report.markdown());
        assertThat(report.kills()).isEqualTo(8);
        assertThat(report.killsPerService()).allSatisfy((service, kills) -> assertThat(kills).as(service).isPositive());
        assertThat(report.submitted()).isGreaterThan(150);
        assertThat(report.invariants()).hasSize(6);
        assertThat(report.holds()).as(report.markdown()).isTrue();
    }
}
