package org.orderpool.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.Parcel;
import org.orderpool.dashboard.security.CustomerDataMask;
import org.orderpool.testing.Fixtures;

class PickListTest {

    private final PipelineView view = new PipelineView();

    @Test
    void shouldListWhatToPickAndPackForEachCarriersNextCutOffOnScreenAndAsPdf() throws IOException {
        view.onCalendar(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"));
        final Order first = Fixtures.order("o-1").line("SKU-TEA-01", 2).line("SKU-MUG-02", 1).build();
        final Order second = Fixtures.order("o-2").line("SKU-TEA-01", 3).build();
        first.getLines().get(0).setTitle("Sencha tea 100 g");
        view.onReservedOrder(Fixtures.reserved(first));
        final Parcel early = Fixtures.parcel(first, "colis-express");
        final Parcel alsoEarly = Fixtures.parcel(second, "colis-express");
        final Parcel later = Fixtures.parcel(Fixtures.order("o-3").line("SKU-TEA-01", 9).build(), "colis-express");
        final Instant cutOff = Instant.parse("2026-11-20T14:00:00Z"); // Friday 15:00 in Paris, the calendar's
        early.setCutOffAt(cutOff);
        alsoEarly.setCutOffAt(cutOff);
        later.setCutOffAt(cutOff.plusSeconds(86_400 * 3));
        List.of(early, alsoEarly, later).forEach(view::onParcel);
        final Instant now = cutOff.minusSeconds(600);

        final PickList list = view.pickLists(now).get(0);

        assertThat(list.cutOffAt()).isEqualTo(early.getCutOffAt());
        assertThat(list.parcels()).extracting(PickList.ParcelToPack::parcelId).containsExactly("o-1-1", "o-2-1");
        assertThat(list.picks()).extracting(PickList.Pick::sku, PickList.Pick::quantity, PickList.Pick::title).containsExactly(
                tuple("SKU-MUG-02", 1, ""),
                tuple("SKU-TEA-01", 5, "Sencha tea 100 g"));
        assertThat(list.picks().get(1).parcels()).containsExactly(new PickList.Into("o-1-1", 2), new PickList.Into("o-2-1", 3));

        try (PDDocument pdf = Loader.loadPDF(PickListPdf.render(list))) {
            final String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Pick list - Colis Express", "5 x  SKU-TEA-01   Sencha tea 100 g", "o-1-1", "o-2-1",
                    first.getShippingAddress().getName()).doesNotContain("o-3-1");
        }
        try (PDDocument pdf = Loader.loadPDF(PickListPdf.render(list.masked(CustomerDataMask.MASK)))) {
            assertThat(new PDFTextStripper().getText(pdf)).doesNotContain(first.getShippingAddress().getName());
        }
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> shown = (List<Map<String, Object>>) CustomerDataMask.mask(view.overview(now).get("pickLists"));
        assertThat(shown.get(0).toString()).contains("SKU-TEA-01").doesNotContain(first.getShippingAddress().getName());
    }
}
