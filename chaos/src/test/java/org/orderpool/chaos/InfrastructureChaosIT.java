package org.orderpool.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run with the infrastructure's faults, on its own three-node KRaft cluster and
 * registry (child processes): a broker killed with SIGKILL and one restarted on an empty log
 * directory, the registry down for about half a minute with a service restarted meanwhile, a service
 * frozen past its session timeout and its transaction timeout and woken, the usual service SIGKILLs,
 * all of them overlapping in the first half of a 40-second load (some orders unpaid at first, then paid
 * or cancelled), with a cut-off just after it ({@link ChaosRun.Timing#SHORT}); every invariant must hold,
 * no good record may be dead-lettered, no service may stop. The long run is
 * {@code ./mvnw -pl chaos exec:java@chaos -Dexec.args="infra=on ..."} (docs/performance.md).
 */
class InfrastructureChaosIT {

    @Test
    void shouldKeepEveryInvariantWhileBrokersTheRegistryAndServicesFail() throws Exception {
        final Path work = Files.createDirectories(Path.of(System.getProperty("orderpool.test.dir", "target/test-work"))
                .resolve("infra-chaos-" + System.nanoTime()));
        final InfrastructureFaults.Plan plan = new InfrastructureFaults.Plan(2, true, 1, Duration.ofSeconds(30),
                Duration.ofSeconds(32), 1, Duration.ofSeconds(13), true);
        final ChaosRun.Settings settings = new ChaosRun.Settings(110, 4, 3, Duration.ofSeconds(6), 13, 8,
                Duration.ofMinutes(5), "exactly_once_v2", plan, ChaosRun.Timing.SHORT);

        final ChaosRun.Report report = ChaosRun.onOwnInfrastructure(settings, "ichaos.", work);

        System.out.println(report.markdown());
        Files.writeString(work.resolve("chaos-report.md"), report.markdown());
        final InfrastructureFindings infra = report.infra();
        assertThat(infra.count(FaultLog.Kind.BROKER_KILL) + infra.count(FaultLog.Kind.BROKER_EMPTY_DISK)).isEqualTo(2);
        assertThat(infra.count(FaultLog.Kind.BROKER_EMPTY_DISK)).isEqualTo(1);
        assertThat(infra.count(FaultLog.Kind.REGISTRY_OUTAGE)).isEqualTo(1);
        assertThat(infra.count(FaultLog.Kind.SERVICE_PAUSE)).isEqualTo(1);
        assertThat(infra.count(FaultLog.Kind.SERVICE_KILL)).isGreaterThanOrEqualTo(5);
        assertThat(infra.durability()).containsEntry("ichaos.orders.status", "replication 3, min.insync.replicas 2")
                .anySatisfy((topic, replicas) -> assertThat(topic).endsWith("-changelog"))
                .allSatisfy((topic, replicas) -> assertThat(replicas).isEqualTo("replication 3, min.insync.replicas 2"));
        assertThat(report.submitted()).isGreaterThan(100);
        assertThat(report.payments().paidLater()).isPositive();
        assertThat(report.invariants()).hasSize(7);
        assertThat(report.holds()).as(report.markdown()).isTrue();
    }
}
