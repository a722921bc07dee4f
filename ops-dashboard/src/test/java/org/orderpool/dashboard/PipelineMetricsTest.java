package org.orderpool.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.testing.Fixtures;

class PipelineMetricsTest {

    @Test
    void shouldPublishStagesDecisionsStockAndWaitingParcels() {
        final PipelineView view = new PipelineView();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final PipelineMetrics metrics = new PipelineMetrics(view, registry);

        view.onStatus(Fixtures.statusChange(Fixtures.order("o-1").build(), OrderStatus.IN_REVIEW));
        view.onAssessment(Fixtures.assessment("o-1", 55, FraudDecision.REVIEW));
        view.onAssessment(Fixtures.assessment("o-1", 55, FraudDecision.REVIEW)); // read twice
        view.onStockLevel(Fixtures.stockLevel("SKU-TEA-01", 24, 2));
        view.onCalendar(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"));
        view.onParcel(Fixtures.parcel(Fixtures.order("o-2").build(), "colis-express"));
        metrics.refresh();

        assertThat(registry.get("orderpool.orders.stage").tag("status", "IN_REVIEW").gauge().value()).isEqualTo(1);
        assertThat(registry.get("orderpool.orders.stage").tag("status", "MANIFESTED").gauge().value()).isZero();
        assertThat(registry.get("orderpool.fraud.decisions").tag("decision", "REVIEW").gauge().value()).isEqualTo(1);
        assertThat(registry.get("orderpool.stock.available").tag("sku", "SKU-TEA-01").gauge().value()).isEqualTo(22);
        assertThat(registry.get("orderpool.stock.reserved").tag("sku", "SKU-TEA-01").gauge().value()).isEqualTo(2);
        assertThat(registry.get("orderpool.parcels.waiting").tag("carrier", "colis-express").gauge().value()).isEqualTo(1);
    }
}
