package org.orderpool.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three KRaft nodes as child processes, as production runs them: a record written with acks=all
 * survives its leader's SIGKILL, the leader moves, the killed node comes back into the ISR, and a node
 * restarted on an empty log directory fetches every partition again.
 */
class KafkaClusterIT {

    private static final String TOPIC = "cluster.check";
    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        final Path dir = Path.of(System.getProperty("orderpool.test.dir", "target/test-work"))
                .resolve("cluster-" + System.nanoTime());
        cluster = KafkaCluster.create(3, dir, Map.of("min.insync.replicas", "2")).start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void shouldKeepAcknowledgedRecordsThroughALeaderKillAndAnEmptyDiskRestart() throws Exception {
        try (Admin admin = Admin.create(cluster.clientSettings());
             KafkaProducer<String, String> producer = producer()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
            cluster.awaitFullIsr(Duration.ofSeconds(30));
            final List<String> sent = new ArrayList<>();
            sent.add(send(producer, "before any kill"));
            final int firstLeader = partition(admin).leader().id();

            cluster.kill(firstLeader);
            sent.add(send(producer, "while node " + firstLeader + " is down"));
            final TopicPartitionInfo moved = awaitPartition(admin, p -> p.isr().size() == 2);
            assertThat(moved.leader().id()).isNotEqualTo(firstLeader);
            assertThat(moved.isr()).extracting(Node::id).doesNotContain(firstLeader);
            cluster.start(firstLeader);
            cluster.awaitFullIsr(Duration.ofSeconds(60));

            final int wiped = partition(admin).leader().id();
            cluster.kill(wiped);
            cluster.wipe(wiped);
            sent.add(send(producer, "while node " + wiped + " has no disk"));
            cluster.start(wiped);
            cluster.awaitFullIsr(Duration.ofSeconds(60));

            assertThat(partition(admin).isr()).hasSize(3);
            assertThat(replicaOn(admin, wiped).size()).as("bytes re-replicated to the wiped node").isPositive();
            assertThat(replicaOn(admin, wiped).offsetLag()).isZero();
            assertThat(readAll(sent.size())).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void shouldRefuseToWipeARunningNode() {
        assertThatThrownBy(() -> cluster.wipe(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("is running");
    }

    private static TopicPartitionInfo partition(final Admin admin) throws Exception {
        final TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(TOPIC);
        return description.partitions().get(0);
    }

    /** Bounded polling: the metadata a client sees follows the controller's decisions within moments. */
    private static TopicPartitionInfo awaitPartition(final Admin admin, final Predicate<TopicPartitionInfo> condition)
            throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        TopicPartitionInfo partition = partition(admin);
        while (!condition.test(partition) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            partition = partition(admin);
        }
        return partition;
    }

    private static ReplicaInfo replicaOn(final Admin admin, final int nodeId) throws Exception {
        final Map<String, LogDirDescription> dirs = admin.describeLogDirs(List.of(nodeId)).allDescriptions().get(10, TimeUnit.SECONDS)
                .get(nodeId);
        return dirs.values().stream().map(dir -> dir.replicaInfos().get(new TopicPartition(TOPIC, 0))).filter(r -> r != null)
                .findFirst().orElseThrow(() -> new AssertionError("node " + nodeId + " holds no replica of " + TOPIC));
    }

    private static String send(final KafkaProducer<String, String> producer, final String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, "k", value)).get(60, TimeUnit.SECONDS);
        return value;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(final int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            final TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final List<String> values = new ArrayList<>();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }
}
