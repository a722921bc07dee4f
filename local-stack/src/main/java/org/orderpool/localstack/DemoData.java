package org.orderpool.localstack;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockMovementType;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ContractProducer;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.catalogue.PoolCatalogue;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.shipping.CarrierCalendarPublisher;

/**
 * What the embedded stack starts with: 50 units of every SKU of the catalogue, as warehouse receipts
 * (their movement ids are fixed, so a restart resends them and stock-reservation counts them once),
 * and the carrier calendars of {@code carrier-calendars.json} on the compacted calendar topic, made
 * demo calendars: a cut-off every few minutes around the clock with a one-minute packing lead time, so
 * manifests appear within minutes of the first orders.
 */
final class DemoData {

    static final int UNITS = 50;
    /** Minutes between two demo cut-offs, per carrier. */
    static final Map<String, Integer> DEMO_CUT_OFF_MINUTES = Map.of("colis-express", 2, "relais-pro", 3);

    private DemoData() {
    }

    /**
     * @param cutOffEveryMinutes 0: the demo cut-offs ({@link #DEMO_CUT_OFF_MINUTES}, one minute to pack); otherwise every carrier
     *                           every this many minutes with no packing lead time
     */
    static void seed(final String bootstrapServers, final String registryUrl, final int cutOffEveryMinutes) {
        final BoundTopics topics = new BoundTopics(AvroSerdes.forRegistryUrl(registryUrl, true), "");
        try (ContractProducer producer = new ContractProducer(bootstrapServers, topics)) {
            for (final String sku : PoolCatalogue.fromClasspath().skus()) {
                producer.send(Topics.STOCK_MOVEMENTS, sku, StockMovement.newBuilder().setMovementId("demo-seed-" + sku).setSku(sku)
                        .setWarehouseId("pool-wh-1").setType(StockMovementType.RECEIPT).setQuantityDelta(UNITS)
                        .setNote("demo stock of the local stack").setOccurredAt(Instant.now()).build());
            }
        } catch (final RuntimeException e) {
            throw new IllegalStateException("Could not seed the demo stock: " + e.getMessage(), e);
        }
        final List<CarrierCalendar> demoCalendars = CarrierCalendarPublisher.defaultCalendars(Instant.now()).stream()
                .map(configured -> CarrierCalendar.newBuilder(configured).setPackingLeadTimeMinutes(cutOffEveryMinutes > 0 ? 0 : 1)
                        .setCutOffEveryMinutes(cutOffEveryMinutes > 0 ? cutOffEveryMinutes
                                : DEMO_CUT_OFF_MINUTES.getOrDefault(configured.getCarrierId(), 5)).build())
                .toList();
        CarrierCalendarPublisher.publish(bootstrapServers, topics, demoCalendars);
    }
}
