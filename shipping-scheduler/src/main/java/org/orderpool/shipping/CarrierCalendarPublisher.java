package org.orderpool.shipping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ContractProducer;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.shipping.domain.CarrierCalendars;

/**
 * Publishes carrier calendars on the compacted {@code shipping.carrier-calendars} topic, keyed by carrier
 * and warehouse: how ops put a changed cut-off into effect (the latest calendar per key wins, and every
 * scheduler instance sees it at once). The local stack seeds its demo calendars through it too.
 */
public final class CarrierCalendarPublisher {

    private CarrierCalendarPublisher() {
    }

    /** Writes the calendars and returns once the brokers have them all (acks=all, idempotent). */
    public static void publish(final String bootstrapServers, final BoundTopics topics, final List<CarrierCalendar> calendars) {
        try (ContractProducer producer = new ContractProducer(bootstrapServers, topics)) {
            calendars.forEach(calendar -> producer.send(Topics.SHIPPING_CARRIER_CALENDARS,
                    new CarrierCalendarKey(calendar.getCarrierId(), calendar.getWarehouseId()), calendar));
        }
    }

    /** The calendars of the configuration file shipped with shipping-scheduler ({@code carrier-calendars.json}). */
    public static List<CarrierCalendar> defaultCalendars(final Instant updatedAt) {
        try (InputStream file = CarrierCalendars.class.getResourceAsStream("/carrier-calendars.json")) {
            return CarrierCalendars.load(file, updatedAt);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code --bootstrap-servers=HOST:PORT,... --registry-url=URL [--file=carrier-calendars.json] [--topic-prefix=P]};
     * without {@code --file}, the file shipped with shipping-scheduler.
     */
    public static void main(final String[] args) throws IOException {
        final Map<String, String> options = new HashMap<>(Map.of("--topic-prefix", ""));
        for (final String arg : args) {
            final String[] parts = arg.split("=", 2);
            if (parts.length != 2 || !Set.of("--bootstrap-servers", "--registry-url", "--file", "--topic-prefix").contains(parts[0])) {
                throw new IllegalArgumentException("unknown argument '" + arg
                        + "'; use --bootstrap-servers=HOST:PORT,... --registry-url=URL [--file=PATH] [--topic-prefix=P]");
            }
            options.put(parts[0], parts[1]);
        }
        if (!options.containsKey("--bootstrap-servers") || !options.containsKey("--registry-url")) {
            throw new IllegalArgumentException("--bootstrap-servers and --registry-url are required");
        }
        final Instant now = Instant.now();
        final List<CarrierCalendar> calendars;
        if (options.containsKey("--file")) {
            try (InputStream file = Files.newInputStream(Path.of(options.get("--file")))) {
                calendars = CarrierCalendars.load(file, now);
            }
        } else {
            calendars = defaultCalendars(now);
        }
        // Auto-registration off: the contract deployer registers the schemas.
        publish(options.get("--bootstrap-servers"), new BoundTopics(AvroSerdes.forRegistryUrl(options.get("--registry-url"), false),
                options.get("--topic-prefix")), calendars);
        calendars.forEach(c -> System.out.println("Published the calendar of " + c.getCarrierId() + " at " + c.getWarehouseId()));
    }
}
