package org.orderpool.contracts.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaDurabilityTest {

    @Test
    void shouldKeepWritingWithOneOfThreeBrokersDownButNeverOnASingleCopy() {
        assertThat(KafkaDurability.minInSyncReplicas(3)).isEqualTo(2);
        assertThat(KafkaDurability.minInSyncReplicas(5)).isEqualTo(2);
        assertThat(KafkaDurability.minInSyncReplicas(1)).isEqualTo(1);
        assertThatThrownBy(() -> KafkaDurability.minInSyncReplicas(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replication factor");
    }

    @Test
    void shouldGiveProducersAcksFromAllInSyncReplicasAndIdempotentRetries() {
        assertThat(KafkaDurability.producer()).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("retries", Integer.MAX_VALUE).containsEntry("delivery.timeout.ms", 120_000);
    }

    @Test
    void shouldReplicateStreamsInternalTopicsLikeTheContractAndFenceZombiesWithinTheTransactionTimeout() {
        final Map<String, Object> streams = KafkaDurability.streams(3);

        assertThat(streams).containsEntry("processing.guarantee", "exactly_once_v2").containsEntry("replication.factor", 3)
                .containsEntry("topic.min.insync.replicas", "2").containsEntry("num.standby.replicas", 1)
                .containsEntry("producer.acks", "all").containsEntry("producer.enable.idempotence", true)
                .containsEntry("producer.transaction.timeout.ms", 10_000)
                .containsEntry("producer.delivery.timeout.ms", 120_000);
        assertThat(KafkaDurability.streams(1)).containsEntry("replication.factor", 1)
                .containsEntry("topic.min.insync.replicas", "1");
    }

    @Test
    void shouldReplicateTheBrokersInternalTopicsAndNeverElectAReplicaThatFellBehind() {
        assertThat(KafkaDurability.broker(3)).containsEntry("min.insync.replicas", "2")
                .containsEntry("default.replication.factor", "3").containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2").containsEntry("unclean.leader.election.enable", "false");
    }
}
