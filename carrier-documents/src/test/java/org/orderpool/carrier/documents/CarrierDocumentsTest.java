package org.orderpool.carrier.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.testing.Fixtures;

class CarrierDocumentsTest {

    @Test
    void shouldPrintASlipWhoseBarcodeScansBackToTheManifestId() throws Exception {
        final ShipmentManifest manifest = manifest(3);

        final byte[] pdf = HandOverSlip.render(manifest);
        Files.write(Path.of("target", "hand-over-slip-sample.pdf"), pdf); // for the README's picture

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(scanBarcode(document)).isEqualTo(manifest.getManifestId());
            final String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("3 parcels").contains("3.8 kg").contains("colis-express").contains("Signature");
        }
    }

    @Test
    void shouldPrintABarcodeForAManifestIdOutsideAsciiThatScansToItsEscapedForm() throws Exception {
        final ShipmentManifest manifest = manifest(1);
        manifest.setManifestId("colis-express-dépôt-1-20261120T1400Z");

        try (PDDocument document = Loader.loadPDF(HandOverSlip.render(manifest))) {
            assertThat(scanBarcode(document)).isEqualTo("colis-express-d%C3%A9p%C3%B4t-1-20261120T1400Z");
            assertThat(new PDFTextStripper().getText(document)).contains("Manifest colis-express-dépôt-1-20261120T1400Z")
                    .contains("colis-express-d%C3%A9p%C3%B4t-1-20261120T1400Z");
        }
    }

    @Test
    void shouldEscapeInTheAsciiFormOnlyWhatIsNotPrintableAsciiAndThePercentSign() {
        assertThat(AsciiId.of("colis-express-pool-wh-1-20261120T1400Z")).isEqualTo("colis-express-pool-wh-1-20261120T1400Z");
        assertThat(AsciiId.of("50%-off wh")).isEqualTo("50%25-off%20wh");
        assertThat(AsciiId.of("Łódź\tX")).as("ô, ñ, ò and ó are Code 128 function characters to the barcode writer")
                .isEqualTo("%C5%81%C3%B3d%C5%BA%09X");
        assertThat(AsciiId.of("ñòóô")).isEqualTo("%C3%B1%C3%B2%C3%B3%C3%B4");
    }

    @Test
    void shouldPrintNamesOutsideTheFontsAlphabetWithoutFailing() throws Exception {
        final ShipmentManifest manifest = manifest(1);
        manifest.getParcels().get(0).setTrackingReference("CX-ŁÓDŹ-汉字");

        try (PDDocument document = Loader.loadPDF(HandOverSlip.render(manifest))) {
            assertThat(new PDFTextStripper().getText(document)).contains("CX-?Ó");
        }
    }

    @Test
    void shouldListEveryParcelOnTheCsvWithQuotingWhereNeeded() {
        final ShipmentManifest manifest = manifest(2);
        manifest.getParcels().get(1).getRecipient().setName("Martin, \"Camille\"");

        final String[] rows = ManifestCsv.render(manifest).split("\r\n");

        assertThat(rows).hasSize(3);
        assertThat(rows[0]).startsWith("manifest_id,carrier,warehouse,cut_off_utc,parcel_id,order_id");
        assertThat(rows[1]).startsWith(manifest.getManifestId() + ",colis-express,pool-wh-1,");
        assertThat(rows[2]).contains(",\"Martin, \"\"Camille\"\"\",");
    }

    private static String scanBarcode(final PDDocument document) throws Exception {
        final BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 200);
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128))).getText();
    }

    private static ShipmentManifest manifest(final int parcels) {
        final List<ManifestParcel> lines = new ArrayList<>();
        long weight = 0;
        for (int i = 1; i <= parcels; i++) {
            final Order order = Fixtures.order("o-" + i).line("SKU-TEA-01", i).build();
            final Parcel parcel = Fixtures.parcel(order, "colis-express");
            parcel.setTrackingReference("CX00000" + i);
            final ShipmentManifest single = Fixtures.manifest("colis-express", parcel);
            lines.add(single.getParcels().get(0));
            weight += parcel.getWeightGrams();
        }
        final ShipmentManifest manifest = Fixtures.manifest("colis-express", Fixtures.parcel(Fixtures.order("o-1").build(), "colis-express"));
        manifest.setParcels(lines);
        manifest.setParcelCount(parcels);
        manifest.setTotalWeightGrams(weight);
        return manifest;
    }
}
