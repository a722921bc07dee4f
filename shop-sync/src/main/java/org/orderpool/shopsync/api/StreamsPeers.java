package org.orderpool.shopsync.api;

import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.orderpool.shopsync.topology.ShopSyncTopology;

/**
 * The other instances as Kafka Streams metadata knows them: every instance that hosts part of the order
 * store and advertised its API address ({@code application.server}), except this one. An instance
 * started without {@code application.server} runs alone and has no peers.
 */
public final class StreamsPeers implements Peers {

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;

    /**
     * @param applicationServer this instance's {@code application.server} ({@code host:port}), blank when it runs alone
     */
    public StreamsPeers(final Supplier<KafkaStreams> streams, final String applicationServer) {
        this.streams = streams;
        this.self = applicationServer == null || applicationServer.isBlank() ? null
                : HostInfo.buildFromEndpoint(applicationServer.strip());
    }

    @Override
    public List<String> others() {
        final KafkaStreams running = streams.get();
        if (self == null || running == null) {
            return List.of();
        }
        return running.streamsMetadataForStore(ShopSyncTopology.ORDER_STORE).stream()
                .map(metadata -> metadata.hostInfo())
                .filter(host -> host.port() > 0 && !host.equals(self))
                .map(host -> "http://" + host.host() + ":" + host.port())
                .distinct().toList();
    }
}
