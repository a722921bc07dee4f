package org.orderpool.contracts.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What keeps an acknowledged record alive and a retried one single, in one place: the settings of
 * every producer of the pool (the services' Kafka Streams clients, {@code ContractProducer}, the
 * gateway's producer), of every topic the pool creates (the contract deployer, Kafka Streams'
 * changelogs and repartition topics) and of the brokers. Each constant says which failure it is there
 * for. A deployment chooses only the replication factor ({@link #PRODUCTION_REPLICATION} in
 * production, 1 on the one-broker local stack); what depends on it follows from it here.
 *
 * <p>Deliberately not here: how a client connects and logs in ({@link KafkaClientSettings}), and
 * tuning that does not decide whether a record survives (linger, batch sizes, commit interval).
 */
public final class KafkaDurability {

    /**
     * Three copies of every partition, one per broker: a partition survives the loss of a broker and
     * its disk, and stays writable while one broker is down (see {@link #minInSyncReplicas(int)}).
     */
    public static final short PRODUCTION_REPLICATION = 3;

    /**
     * {@code acks=all}: the leader acknowledges a write only once every in-sync replica has it, so a
     * leader that dies right after acknowledging loses nothing; a new leader is elected from the ISR.
     */
    public static final String ACKS = "all";

    /**
     * {@code enable.idempotence=true}: a send retried because its acknowledgement was lost (the leader
     * moved mid-request, a connection dropped) is written once and in order, never twice.
     */
    public static final boolean IDEMPOTENCE = true;

    /**
     * {@code retries}: no limit of its own, the delivery timeout bounds them: a send waits through a
     * leader election (a dead broker is noticed within its 9 s session) instead of failing on the
     * first {@code NOT_LEADER_OR_FOLLOWER}.
     */
    public static final int RETRIES = Integer.MAX_VALUE;

    /**
     * {@code delivery.timeout.ms}: how long a send is retried before the caller hears it failed:
     * longer than a broker's death, the election that follows and its restart, so a producer rides
     * out one broker's failure without dropping or failing a record.
     */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    /**
     * {@code transaction.timeout.ms}: a transaction left open by an instance that froze (a long GC
     * pause, a stopped VM) or died is aborted by the coordinator within this time, which bounds how
     * long read_committed readers of its partitions wait, and fences the zombie: once it wakes, its
     * producer epoch is stale and nothing it writes is committed. Far above the services' commit intervals (service-runtime's CommitIntervalDefaults, or their YAML).
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * {@code processing.guarantee=exactly_once_v2}: a record's effects (output records, state changes,
     * its consumed offset) commit together or not at all, so a service killed or fenced mid-record
     * leaves no half-done work and a replayed record makes no second effect.
     */
    public static final String PROCESSING_GUARANTEE = StreamsConfig.EXACTLY_ONCE_V2;

    /**
     * {@code num.standby.replicas=1}: a warm copy of every state store on another instance, so when an
     * instance dies its tasks resume within seconds instead of after replaying the whole changelog.
     */
    public static final int STANDBY_REPLICAS = 1;

    private KafkaDurability() {
    }

    /**
     * {@code min.insync.replicas}: with {@code acks=all}, a write needs this many copies before it is
     * acknowledged: 2 of 3 keeps writing with one broker down and never acknowledges a record that only
     * one disk holds; with fewer than 3 replicas there is no second copy to insist on.
     */
    public static int minInSyncReplicas(final int replication) {
        if (replication < 1) {
            throw new IllegalArgumentException("the replication factor must be at least 1, was " + replication);
        }
        return replication >= PRODUCTION_REPLICATION ? 2 : 1;
    }

    /** The settings of a producer outside a topology; callers add only how they connect and their own timeouts. */
    public static Map<String, Object> producer() {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ProducerConfig.ACKS_CONFIG, ACKS);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, IDEMPOTENCE);
        settings.put(ProducerConfig.RETRIES_CONFIG, RETRIES);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        return settings;
    }

    /** The topic-level settings of every topic the pool creates with {@code replication} copies. */
    public static Map<String, String> topic(final int replication) {
        return Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas(replication)));
    }

    /**
     * A Kafka Streams client's settings: the guarantee, its producer's, and those of the internal
     * topics it creates (changelogs and repartition topics are replicated like the contract's topics,
     * so a store survives what its input survives).
     */
    public static Map<String, Object> streams(final int replication) {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, PROCESSING_GUARANTEE);
        settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
        settings.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(minInSyncReplicas(replication)));
        settings.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, STANDBY_REPLICAS);
        producer().forEach((name, value) -> settings.put(StreamsConfig.producerPrefix(name), value));
        settings.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) TRANSACTION_TIMEOUT.toMillis());
        return settings;
    }

    /**
     * The brokers' settings, for topics created by anything else than the pool's code (a registry's
     * own topic, a tool) and for the brokers' internal topics: consumer offsets and transaction state
     * are replicated like the contract, and a replica that fell out of sync is never elected leader
     * (that would silently drop what only the others had).
     */
    public static Map<String, String> broker(final int replication) {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("default.replication.factor", Integer.toString(replication));
        settings.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas(replication)));
        settings.put("offsets.topic.replication.factor", Integer.toString(replication));
        settings.put("transaction.state.log.replication.factor", Integer.toString(replication));
        settings.put("transaction.state.log.min.isr", Integer.toString(minInSyncReplicas(replication)));
        settings.put(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
        return settings;
    }
}
