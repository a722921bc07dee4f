package org.orderpool.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.orderpool.serde.ConfluentRegistryHttpClient;

/**
 * Several instances of a service that start together each register the same new schema at the same moment (the
 * local profile auto-registers). Apicurio answers all but one of such first registrations "409 artifact already
 * exists"; each instance must still get the one id, or its first record of that topic fails to serialise (it
 * dead-lettered an order in StockReservationScaleOutIT and left the order half-reserved).
 */
@RealKafka
class ConcurrentSchemaRegistrationIT {

    private static final int INSTANCES = 6;
    private static final int SUBJECTS = 8;
    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type":"record","name":"Command","namespace":"concurrent.registration","fields":[{"name":"a","type":"string"}]}""");

    @Test
    void shouldGiveEveryInstanceTheSameIdWhenTheyRegisterANewSubjectAtOnce(final KafkaPlatform platform) throws Exception {
        final String prefix = KafkaTestClient.uniquePrefix("register");
        final ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);
        try {
            for (int subject = 0; subject < SUBJECTS; subject++) {
                final String name = prefix + "commands-" + subject + "-value";
                final CountDownLatch start = new CountDownLatch(1);
                final List<Future<Integer>> ids = new ArrayList<>();
                for (int instance = 0; instance < INSTANCES; instance++) {
                    final ConfluentRegistryHttpClient client = new ConfluentRegistryHttpClient(platform.schemaRegistryUrl(), null,
                            Duration.ofSeconds(10));
                    ids.add(instances.submit(() -> {
                        start.await();
                        return client.register(name, SCHEMA);
                    }));
                }
                start.countDown();
                final List<Integer> answers = new ArrayList<>();
                for (final Future<Integer> id : ids) {
                    answers.add(id.get(30, TimeUnit.SECONDS)); // an ExecutionException here is a refused registration
                }
                assertThat(answers).as("ids given for " + name).hasSize(INSTANCES).containsOnly(answers.get(0));
            }
        } finally {
            instances.shutdownNow();
        }
    }
}
