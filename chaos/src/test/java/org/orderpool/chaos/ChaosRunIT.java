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
 * SIGKILL at least once (a quarter restarted on an empty state directory) while orders flow (some of
 * them unpaid at first, then paid or cancelled); every invariant must hold. Its late effects come within
 * seconds and a cut-off just after the load ({@link ChaosRun.Timing#SHORT}). The long run (24 kills,
 * unpaid orders also left to time out) is {@code ./mvnw -pl chaos exec:java@chaos}.
 */
@RealKafka
class ChaosRunIT {

    @Test
    void shouldKeepEveryInvariantWhileServicesAreKilled(final KafkaPlatform platform) throws Exception {
        final Path work = Files.createDirectories(Path.of(System.getProperty("orderpool.test.dir", "target/test-work"))
                .resolve("chaos-" + System.nanoTime()));
        final ChaosRun.Settings settings = new ChaosRun.Settings(150, 8, 4, Duration.ofSeconds(4), 11, 8, Duration.ofMinutes(5),
                "exactly_once_v2", InfrastructureFaults.Plan.NONE, ChaosRun.Timing.SHORT);

        final ChaosRun.Report report = new ChaosRun(settings, platform, KafkaTestClient.uniquePrefix("chaos"), work).run();

        System.out.println(report.markdown());
        Files.writeString(work.resolve("chaos-report.md"), report.markdown());
        assertThat(report.kills()).isEqualTo(8);
        assertThat(report.killsPerService()).allSatisfy((service, kills) -> assertThat(kills).as(service).isPositive());
        assertThat(report.submitted()).isGreaterThan(140);
        assertThat(report.payments().paidLater()).isPositive();
        assertThat(report.payments().cancelledUnpaid()).isPositive();
        assertThat(report.invariants()).hasSize(7);
        assertThat(report.holds()).as(report.markdown()).isTrue();
    }
}
