package org.orderpool.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.orderpool.carrier.calendar.CarrierCalendars;
import org.orderpool.contracts.client.KafkaDurability;
import org.orderpool.contracts.deploy.AccessControl;
import org.orderpool.contracts.deploy.ContractDeployer;
import org.orderpool.runtime.KafkaDurabilityDefaults;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The production files agree with the code: the compose file deploys the topic catalogue itself (no
 * second list of topics to drift), its Kafka cluster can hold the catalogue's replication and runs with
 * the brokers' settings of {@code KafkaDurability}, the services' durability comes from
 * {@code KafkaDurability} alone (neither compose nor their configuration files repeat it), Prometheus
 * scrapes every service the compose file runs, and the image runs as a non-root user with a health check.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> SERVICES = List.of("order-intake", "fraud-check", "stock-reservation", "shipping-scheduler",
            "carrier-sink", "ops-dashboard");
    private static final List<String> STREAMS_SERVICES = List.of("order-intake", "fraud-check", "stock-reservation",
            "shipping-scheduler", "shop-sync");
    /** A service environment variable that would set a durability setting, against KafkaDurability. */
    private static final Pattern DURABILITY_VARIABLE = Pattern.compile("GUARANTEE|REPLICATION|STANDBY|ACKS|IDEMPOTENCE|INSYNC|TIMEOUT|RETRIES");

    @Test
    @SuppressWarnings("unchecked")
    void shouldDeployTheCatalogueOnAClusterThatCanHoldItsReplication() throws IOException {
        final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");

        final List<String> deployer = (List<String>) services.get("contract-deployer").get("entrypoint");
        assertThat(deployer).contains("-Dloader.main=" + ContractDeployer.class.getName());
        final int replication = Integer.parseInt(deployer.stream().filter(a -> a.startsWith("--replication-factor="))
                .findFirst().orElseThrow().split("=")[1]);

        final List<Map<String, Object>> brokers = services.entrySet().stream().filter(e -> e.getKey().startsWith("kafka-") && !e.getKey()
                .equals("kafka-ui")).map(e -> (Map<String, Object>) e.getValue().get("environment")).toList();
        assertThat(brokers).as("brokers for replication %d", replication).hasSizeGreaterThanOrEqualTo(replication);
        assertThat(brokers).allSatisfy(env -> {
            assertThat(Integer.parseInt((String) env.get("KAFKA_MIN_INSYNC_REPLICAS"))).isLessThan(replication);
            assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).as("only the deployer creates topics").isEqualTo("false");
            assertThat(Integer.parseInt((String) env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"))).isEqualTo(replication);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRunTheBrokersWithTheDurabilityOfKafkaDurabilityForProductionsReplication() throws IOException {
        final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        final Map<String, Object> secure = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(
                Files.readString(ROOT.resolve("docker-compose.secure.yml")))).get("services");
        final Map<String, String> expected = new LinkedHashMap<>();
        KafkaDurability.broker(KafkaDurability.PRODUCTION_REPLICATION).forEach((name, value) -> expected.put(brokerVariable(name), value));

        for (final String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertThat((Map<String, Object>) services.get(broker).get("environment")).as(broker).containsAllEntriesOf(expected);
            assertThat((Map<String, Object>) ((Map<String, Object>) secure.get(broker)).get("environment"))
                    .as("the secure profile's %s keeps the plain profile's durability", broker).doesNotContainKeys(expected.keySet()
                            .toArray(String[]::new));
        }
        for (final Map<String, Map<String, Object>> file : List.of(services, (Map<String, Map<String, Object>>) (Map<?, ?>) secure)) {
            assertThat((List<String>) file.get("contract-deployer").get("entrypoint"))
                    .contains("--replication-factor=" + KafkaDurability.PRODUCTION_REPLICATION);
        }
        assertThat((Map<String, Object>) services.get("schema-registry").get("environment"))
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", Integer.toString(KafkaDurability.PRODUCTION_REPLICATION));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldLeaveTheServicesDurabilityToKafkaDurabilityInComposeAndInTheirConfiguration() throws IOException {
        final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        for (final String service : SERVICES) {
            assertThat(((Map<String, Object>) services.get(service).get("environment")).keySet()).as(service)
                    .noneMatch(name -> DURABILITY_VARIABLE.matcher(name).find());
        }
        for (final String service : STREAMS_SERVICES) {
            assertThat(productionSection(service)).as("%s's production configuration", service)
                    .doesNotContain("processing.guarantee", "replication-factor", "num.standby.replicas", "acks", "idempotence");

            assertThat(effectiveStreamsConfig(service, false)).as(service)
                    .containsAllEntriesOf(asText(KafkaDurability.streams(KafkaDurability.PRODUCTION_REPLICATION)));
            final Map<String, String> oneBroker = asText(KafkaDurability.streams(1));
            oneBroker.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0"); // one instance of each service: no other to hold a standby
            assertThat(effectiveStreamsConfig(service, true)).as("%s on the local stack's one broker", service)
                    .containsAllEntriesOf(oneBroker);
        }
        assertThat(productionSection("carrier-sink")).doesNotContain("acks", "idempotence");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldLogEveryPrincipalOfTheAccessRulesInWithItsOwnSecretInTheSecureProfile() throws IOException {
        final Map<String, Object> secure = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.secure.yml")));
        final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) secure.get("services");
        final List<String> deployer = (List<String>) services.get("contract-deployer").get("entrypoint");
        assertThat(deployer).contains("--acls");
        final List<String> shops = List.of(deployer.stream().filter(a -> a.startsWith("--kafka-native-shops=")).findFirst().orElseThrow()
                .split("=")[1].split(","));
        final String script = Files.readString(ROOT.resolve("deploy/kafka/create-passwords.sh"));
        final List<String> passwords = List.of(script.substring(script.indexOf("users=(") + 7, script.indexOf(")", script.indexOf("users=(")))
                .strip().split("\\s+"));
        final Map<String, Object> secrets = (Map<String, Object>) secure.get("secrets");

        for (final AccessControl.Grant grant : new AccessControl("", shops).grants()) {
            final String user = grant.principal();
            if (SERVICES.contains(user)) {
                final Map<String, Object> env = (Map<String, Object>) services.get(user).get("environment");
                assertThat(env).as(user).containsEntry("ORDERPOOL_KAFKA_SASL_USERNAME", user);
                assertThat(services.get(user).get("secrets").toString()).as(user).contains("kafka-" + user);
                assertThat(secrets).as(user).containsKey("kafka-" + user);
            }
            if (!user.startsWith("shop-")) { // shops' passwords are made for the ids given to the script
                assertThat(passwords).as("create-passwords.sh makes %s's password", user).contains(user);
            }
        }
        assertThat(services.get("calendar-publisher").get("entrypoint").toString()).contains("--sasl-username=ops");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRunEveryServiceWithAutoRegistrationOffAndScrapeEachOne() throws IOException {
        final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
        for (final String service : SERVICES) {
            final Map<String, Object> env = (Map<String, Object>) services.get(service).get("environment");
            assertThat(env).as(service).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL").doesNotContainKey("SPRING_PROFILES_ACTIVE");
            final String config = Files.readString(ROOT.resolve(service).resolve("src/main/resources").resolve(service + ".yml"));
            assertThat(config.substring(0, config.indexOf("\n---"))).as("%s production defaults", service).contains("auto-register: false");
        }
        final String prometheus = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        assertThat(SERVICES).allSatisfy(service -> assertThat(prometheus).contains(service + ":8080"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPublishACalendarFileTheSchedulerCanRead() throws IOException {
        final Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        assertThat((List<String>) services.get("calendar-publisher").get("entrypoint"))
                .contains("-Dloader.main=" + org.orderpool.shipping.CarrierCalendarPublisher.class.getName(), "--file=/config/carrier-calendars.json");
        try (var file = Files.newInputStream(ROOT.resolve("shipping-scheduler/src/main/resources/carrier-calendars.json"))) {
            assertThat(CarrierCalendars.load(file, java.time.Instant.now())).isNotEmpty()
                    .allSatisfy(calendar -> assertThat(CarrierCalendars.toCutOffCalendar(calendar)
                            .nextCutOff(java.time.Instant.now())).as(calendar.getCarrierId() + " has a pick-up ahead").isPresent());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldKeepShopSecretsOutOfTheImage() throws IOException {
        final Map<String, Object> compose = compose();
        final Map<String, Map<String, Object>> secrets = (Map<String, Map<String, Object>>) compose.get("secrets");
        assertThat(secrets.values()).allSatisfy(secret -> assertThat((String) secret.get("file")).startsWith("./deploy/secrets/"));
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("deploy/secrets/*.secret");
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains("deploy/secrets/*.secret");
    }

    @Test
    void shouldBuildImagesThatRunAsANonRootUserWithAHealthCheck() throws IOException {
        final List<String> runtimeStage = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .dropWhile(line -> !line.startsWith("FROM eclipse-temurin:17-jre")).collect(Collectors.toList());
        assertThat(runtimeStage).anyMatch(line -> line.startsWith("USER orderpool"));
        assertThat(runtimeStage).anyMatch(line -> line.startsWith("HEALTHCHECK"));
        assertThat(String.join("\n", runtimeStage)).as("the whole health, with the Kafka Streams state; readiness alone ignores it")
                .contains("/actuator/health\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldMountTheConsolesUsersFileAsASecretInTheSecureProfile() throws IOException {
        final Map<String, Object> secure = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.secure.yml")));
        final Map<String, Object> console = ((Map<String, Map<String, Object>>) secure.get("services")).get("ops-dashboard");
        final List<Map<String, String>> mounted = (List<Map<String, String>>) console.get("secrets");
        final Map<String, String> users = mounted.stream().filter(m -> "console-users".equals(m.get("source"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) console.get("environment")).containsEntry("CONSOLE_USERS_FILE", "/run/secrets/" + users.get("target"));
        final String file = (String) ((Map<String, Map<String, Object>>) secure.get("secrets")).get("console-users").get("file");
        assertThat(file).startsWith("./deploy/secrets/").endsWith(".secret");
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains("deploy/secrets/*.secret");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("deploy/secrets/*.secret");
        assertThat(Files.readString(ROOT.resolve("ops-dashboard/src/main/resources/ops-dashboard.yml")))
                .contains("users-file: ${CONSOLE_USERS_FILE:}");
    }

    /** The apache/kafka image's variable for a broker setting: KAFKA_, upper case, a dot as an underscore, an underscore doubled. */
    private static String brokerVariable(final String setting) {
        return "KAFKA_" + setting.toUpperCase(Locale.ROOT).replace("_", "__").replace('.', '_');
    }

    /** The settings of a service's configuration file before its first profile, comments left out. */
    private static String productionSection(final String service) throws IOException {
        final String config = Files.readString(ROOT.resolve(service).resolve("src/main/resources").resolve(service + ".yml"));
        return config.substring(0, config.indexOf("\n---")).lines().filter(line -> !line.strip().startsWith("#"))
                .collect(Collectors.joining("\n"));
    }

    /**
     * The Kafka Streams settings a service starts with, built as Spring Boot and service-runtime build them: its own
     * configuration file bound to Spring's Kafka properties (with the local profile, or production's defaults), then
     * {@link KafkaDurabilityDefaults#applyTo(Properties)}. Values as text, so a setting written in YAML and one from code compare.
     */
    private static Map<String, String> effectiveStreamsConfig(final String service, final boolean local) throws IOException {
        final StandardEnvironment environment = new StandardEnvironment();
        final List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(service, new FileSystemResource(
                ROOT.resolve(service).resolve("src/main/resources").resolve(service + ".yml")));
        environment.getPropertySources().addLast(documents.get(0));
        if (local) {
            environment.getPropertySources().addFirst(documents.get(1));
        }
        final KafkaProperties kafka = Binder.get(environment).bind("spring.kafka", KafkaProperties.class).get();
        final Properties streams = new Properties();
        streams.putAll(kafka.buildStreamsProperties());
        final Map<String, Object> effective = new LinkedHashMap<>();
        KafkaDurabilityDefaults.applyTo(streams).forEach((name, value) -> effective.put((String) name, value));
        return asText(effective);
    }

    private static Map<String, String> asText(final Map<String, ?> settings) {
        final Map<String, String> text = new LinkedHashMap<>();
        settings.forEach((name, value) -> text.put(name, String.valueOf(value)));
        return text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    }
}
