package org.orderpool.carrier.documents;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.ShipmentManifest;

/**
 * The printable hand-over slip the driver signs at pick-up: carrier, warehouse, cut-off, the parcel
 * count and total weight in large type, the manifest id as a Code 128 barcode the depot scans (its
 * {@link AsciiId} form, printed below the id when it differs), the list of parcels, and signature lines.
 * A4, one page per 30 parcels. Rendered in memory; it writes nothing.
 */
public final class HandOverSlip {

    private static final int PARCELS_PER_PAGE = 30;
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private HandOverSlip() {
    }

    public static byte[] render(final ShipmentManifest manifest) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            final String barcodeText = AsciiId.of(manifest.getManifestId());
            final BitMatrix bars = new Code128Writer().encode(barcodeText, BarcodeFormat.CODE_128, 0, 0);
            final PDImageXObject barcode = LosslessFactory.createFromImage(document, MatrixToImageWriter.toBufferedImage(bars));
            barcode.setInterpolate(false); // crisp bars however the slip is printed or scaled
            final float moduleWidth = Math.min(1.2f, 495f / bars.getWidth());
            final int pages = Math.max(1, (manifest.getParcels().size() + PARCELS_PER_PAGE - 1) / PARCELS_PER_PAGE);
            for (int page = 0; page < pages; page++) {
                final PDPage pdfPage = new PDPage(PDRectangle.A4);
                document.addPage(pdfPage);
                try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
                    float y = 790;
                    y = text(content, BOLD, 20, 50, y, "Hand-over slip - " + manifest.getCarrierId());
                    y = text(content, REGULAR, 11, 50, y - 6, "Warehouse " + manifest.getWarehouseId() + "    cut-off "
                            + manifest.getCutOffAt() + " (UTC)    page " + (page + 1) + " of " + pages);
                    y = text(content, BOLD, 28, 50, y - 14, manifest.getParcelCount() + " parcels   "
                            + String.format(Locale.ROOT, "%.1f kg", manifest.getTotalWeightGrams() / 1000.0));
                    content.drawImage(barcode, 50, y - 90, bars.getWidth() * moduleWidth, 80);
                    y = text(content, REGULAR, 11, 50, y - 106, "Manifest " + manifest.getManifestId());
                    if (!barcodeText.equals(manifest.getManifestId())) {
                        y = text(content, REGULAR, 9, 50, y, "Barcode " + barcodeText + " (the id, percent-encoded)");
                    }
                    y -= 16;
                    final int from = page * PARCELS_PER_PAGE;
                    final int to = Math.min(manifest.getParcels().size(), from + PARCELS_PER_PAGE);
                    for (int i = from; i < to; i++) {
                        final ManifestParcel parcel = manifest.getParcels().get(i);
                        y = text(content, REGULAR, 9, 50, y, String.format(Locale.ROOT, "%3d  %-22s %-16s %6.2f kg  %s %s", i + 1,
                                parcel.getTrackingReference(), parcel.getServiceCode(), parcel.getWeightGrams() / 1000.0,
                                parcel.getRecipient().getCountryCode(), parcel.getRecipient().getPostalCode()));
                    }
                    text(content, REGULAR, 11, 50, 90, "Handed over by (warehouse): ______________________    Time: ________");
                    text(content, REGULAR, 11, 50, 60, "Received by (driver): _________________________    Signature: ____________");
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot render the hand-over slip of " + manifest.getManifestId(), e);
        }
    }

    private static float text(final PDPageContentStream content, final PDType1Font font, final float size, final float x, final float y,
                              final String text) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(printable(font, text));
        content.endText();
        return y - size * 1.4f;
    }

    /** The standard fonts cover Western European text; anything else prints as '?' rather than failing the slip. */
    private static String printable(final PDType1Font font, final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            final String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (final IOException | IllegalArgumentException notInFont) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
