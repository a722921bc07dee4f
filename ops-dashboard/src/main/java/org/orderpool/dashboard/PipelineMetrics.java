package org.orderpool.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The pipeline's business figures for Prometheus and Grafana, from the dashboard's view of the topics:
 * orders per stage, fraud decisions, stock per SKU, parcels waiting per carrier's next cut-off.
 */
public final class PipelineMetrics {

    private final PipelineView view;
    private final MultiGauge ordersPerStage;
    private final MultiGauge fraudDecisions;
    private final MultiGauge stockAvailable;
    private final MultiGauge stockReserved;
    private final MultiGauge parcelsWaiting;
    private final MultiGauge secondsToCutOff;

    public PipelineMetrics(final PipelineView view, final MeterRegistry registry) {
        this.view = view;
        this.ordersPerStage = MultiGauge.builder("orderpool.orders.stage").description("Orders whose latest status is this one")
                .register(registry);
        this.fraudDecisions = MultiGauge.builder("orderpool.fraud.decisions").description("Fraud assessments per decision")
                .register(registry);
        this.stockAvailable = MultiGauge.builder("orderpool.stock.available").description("Units that can still be reserved")
                .register(registry);
        this.stockReserved = MultiGauge.builder("orderpool.stock.reserved").description("Units held for orders not yet shipped")
                .register(registry);
        this.parcelsWaiting = MultiGauge.builder("orderpool.parcels.waiting").description("Parcels booked on the carrier's next cut-off")
                .register(registry);
        this.secondsToCutOff = MultiGauge.builder("orderpool.cutoff.seconds.left").description("Seconds to the carrier's next cut-off")
                .register(registry);
        refresh();
    }

    @Scheduled(fixedRate = 5_000)
    @SuppressWarnings("unchecked")
    public void refresh() {
        final Map<String, Object> overview = view.overview(Instant.now());
        ordersPerStage.register(((Map<String, Integer>) overview.get("stages")).entrySet().stream()
                .map(stage -> MultiGauge.Row.of(Tags.of("status", stage.getKey()), stage.getValue())).toList(), true);
        fraudDecisions.register(view.fraudDecisions().entrySet().stream()
                .map(decision -> MultiGauge.Row.of(Tags.of("decision", decision.getKey()), decision.getValue())).toList(), true);
        final List<Map<String, Object>> stock = (List<Map<String, Object>>) overview.get("stock");
        stockAvailable.register(stock.stream().map(s -> MultiGauge.Row.of(Tags.of("sku", (String) s.get("sku")),
                (Number) s.get("available"))).toList(), true);
        stockReserved.register(stock.stream().map(s -> MultiGauge.Row.of(Tags.of("sku", (String) s.get("sku")),
                (Number) s.get("reserved"))).toList(), true);
        final List<Map<String, Object>> cutOffs = (List<Map<String, Object>>) overview.get("cutOffs");
        parcelsWaiting.register(cutOffs.stream().map(c -> MultiGauge.Row.of(Tags.of("carrier", (String) c.get("carrierId"),
                "warehouse", (String) c.get("warehouseId")), (Number) c.get("parcelsForNext"))).toList(), true);
        secondsToCutOff.register(cutOffs.stream().map(c -> MultiGauge.Row.of(Tags.of("carrier", (String) c.get("carrierId"),
                "warehouse", (String) c.get("warehouseId")), (Number) c.get("secondsLeft"))).toList(), true);
    }
}
