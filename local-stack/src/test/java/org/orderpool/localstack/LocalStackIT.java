package org.orderpool.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;

class LocalStackIT {

    private final Path dataDir = Path.of(System.getProperty("orderpool.test.dir", "target/test-work"))
            .resolve("stack-" + System.nanoTime());

    @Test
    void shouldCreateTheContractThenResumeFromItsDataDirectory() throws Exception {
        final Map<String, Integer> firstIds;
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0))) {
            assertThat(stack.deployment().createdTopics()).hasSize(Topics.all().size());
            assertThat(topicNames(stack)).containsAll(Topics.all().stream().map(Topic::name).toList());
            firstIds = stack.deployment().schemaIds();
            assertThat(firstIds).containsOnlyKeys(Topics.subjects().keySet());

            assertThatThrownBy(() -> LocalStack.start(new LocalStack.Settings(dataDir, 0, 0)))
                    .isInstanceOf(StackLock.AlreadyRunningException.class)
                    .hasMessageContaining("already running");
        }

        try (LocalStack again = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0))) {
            assertThat(again.deployment().createdTopics()).as("topics survive a restart").isEmpty();
            assertThat(again.deployment().schemaIds()).as("schemas keep their ids").isEqualTo(firstIds);
        }
    }

    @Test
    void shouldExplainUnknownArguments() {
        assertThatThrownBy(() -> LocalStack.Settings.fromArgs(new String[] {"--kafka-prot=1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--kafka-port=N");
        assertThat(LocalStack.Settings.fromArgs(new String[] {"--kafka-port=19092", "--data-dir=x"}))
                .isEqualTo(new LocalStack.Settings(Path.of("x"), 19092, 8081));
    }

    private static Set<String> topicNames(final LocalStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
