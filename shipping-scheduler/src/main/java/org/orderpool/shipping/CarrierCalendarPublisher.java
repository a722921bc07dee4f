package org.orderpool.shipping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orderpool.carrier.calendar.CarrierCalendarValidator;
import org.orderpool.carrier.calendar.CarrierCalendars;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.client.KafkaClientSettings;
import org.orderpool.contracts.client.ToolOptions;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ContractProducer;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.serde.AvroSerdes;

/**
 * Publishes carrier calendars on the compacted {@code shipping.carrier-calendars} topic, keyed by carrier
 * and warehouse: how ops put a changed cut-off into effect (the latest calendar per key wins, and every
 * scheduler instance sees it at once). The local stack seeds its demo calendars through it too.
 *
 * <p>It refuses an invalid calendar before sending anything ({@link CarrierCalendarValidator}, the rules
 * the scheduler reads calendars by), naming the carrier and each field in error. A calendar with no
 * cut-off at all is valid: it pauses the carrier until a calendar with cut-offs is published again.
 */
public final class CarrierCalendarPublisher {

    private CarrierCalendarPublisher() {
    }

    /**
     * Writes the calendars and returns once the brokers have them all (acks=all, idempotent).
     *
     * @throws IllegalArgumentException naming the carrier and the fields, when a calendar is invalid; then nothing is sent
     */
    public static void publish(final String bootstrapServers, final BoundTopics topics, final List<CarrierCalendar> calendars) {
        publish(KafkaClientSettings.plaintext(bootstrapServers), topics, calendars);
    }

    /** Like {@link #publish(String, BoundTopics, List)}, connecting with {@code kafkaClient} (a secured cluster's login, say). */
    public static void publish(final Map<String, Object> kafkaClient, final BoundTopics topics, final List<CarrierCalendar> calendars) {
        requireValid(calendars);
        try (ContractProducer producer = new ContractProducer(kafkaClient, topics)) {
            calendars.forEach(calendar -> producer.send(Topics.SHIPPING_CARRIER_CALENDARS,
                    new CarrierCalendarKey(calendar.getCarrierId(), calendar.getWarehouseId()), calendar));
        }
    }

    /** @throws IllegalArgumentException listing every invalid calendar of {@code calendars}, with its problems */
    static void requireValid(final List<CarrierCalendar> calendars) {
        final List<String> invalid = new ArrayList<>();
        for (final CarrierCalendar calendar : calendars) {
            final List<String> problems = CarrierCalendarValidator.problems(calendar);
            if (!problems.isEmpty()) {
                invalid.add(CarrierCalendarValidator.describe(calendar, problems));
            }
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("nothing published: " + String.join(" | ", invalid));
        }
    }

    /** The calendars of the configuration file shipped with shipping-scheduler ({@code carrier-calendars.json}). */
    public static List<CarrierCalendar> defaultCalendars(final Instant updatedAt) {
        try (InputStream file = CarrierCalendarPublisher.class.getResourceAsStream("/carrier-calendars.json")) {
            return CarrierCalendars.load(file, updatedAt);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code --bootstrap-servers=HOST:PORT,... --registry-url=URL [--file=carrier-calendars.json] [--topic-prefix=P]
     * [--sasl-username=U --sasl-password-file=F]}; without {@code --file}, the file shipped with shipping-scheduler.
     */
    public static void main(final String[] args) throws IOException {
        final ToolOptions options = ToolOptions.parse(args, Set.of("--file", "--topic-prefix"), "--bootstrap-servers=HOST:PORT,..."
                + " --registry-url=URL [--file=PATH] [--topic-prefix=P] [--sasl-username=U --sasl-password-file=F]");
        final Instant now = Instant.now();
        final List<CarrierCalendar> calendars;
        if (options.has("--file")) {
            try (InputStream file = Files.newInputStream(Path.of(options.get("--file", "")))) {
                calendars = CarrierCalendars.load(file, now);
            }
        } else {
            calendars = defaultCalendars(now);
        }
        // Auto-registration off: the contract deployer registers the schemas.
        publish(options.kafkaClient(), new BoundTopics(AvroSerdes.forRegistryUrl(options.registryUrl(), false),
                options.get("--topic-prefix", "")), calendars);
        calendars.forEach(c -> System.out.println("Published the calendar of " + c.getCarrierId() + " at " + c.getWarehouseId()));
    }
}
