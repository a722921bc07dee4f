package org.orderpool.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The printable pick list (A4, PDFBox as the hand-over slip): carrier, warehouse and cut-off; what to
 * pick, SKU by SKU with title, units and a tick box; then what to pack into each parcel and for whom.
 * Rendered in memory; it writes nothing.
 */
public final class PickListPdf {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final float TOP = 800;
    private static final float BOTTOM = 50;
    private static final float LINE = 14;

    private PickListPdf() {
    }

    public static byte[] render(final PickList list) {
        final List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"H", "Pick list - " + list.carrierName() + " (" + list.carrierId() + ")"});
        lines.add(new String[] {"T", "Warehouse " + list.warehouseId() + "    cut-off " + TIME.format(list.cutOffAt()) + "    "
                + list.parcels().size() + " parcels, " + list.picks().stream().mapToInt(PickList.Pick::quantity).sum() + " units"});
        lines.add(new String[] {"S", "Pick"});
        for (final PickList.Pick pick : list.picks()) {
            lines.add(new String[] {"T", "[  ]  " + pick.quantity() + " x  " + pick.sku() + "   " + pick.title()});
        }
        lines.add(new String[] {"S", "Pack"});
        for (final PickList.ParcelToPack parcel : list.parcels()) {
            lines.add(new String[] {"B", "[  ]  " + parcel.parcelId() + "   " + parcel.serviceCode() + "   "
                    + String.format(Locale.ROOT, "%.2f kg", parcel.weightGrams() / 1000.0) + "   " + parcel.recipientName() + ", "
                    + parcel.city() + " " + parcel.countryCode()});
            for (final PickList.Line line : parcel.lines()) {
                lines.add(new String[] {"T", "          " + line.quantity() + " x  " + line.sku()});
            }
        }
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPageContentStream content = null;
            float y = 0;
            try {
                for (final String[] line : lines) {
                    if (content == null || y < BOTTOM) {
                        if (content != null) {
                            content.close();
                        }
                        final PDPage page = new PDPage(PDRectangle.A4);
                        document.addPage(page);
                        content = new PDPageContentStream(document, page);
                        y = TOP;
                    }
                    final boolean heading = line[0].equals("H") || line[0].equals("S");
                    final float size = line[0].equals("H") ? 18 : line[0].equals("S") ? 14 : 10;
                    if (line[0].equals("S")) {
                        y -= 8;
                    }
                    content.beginText();
                    content.setFont(heading || line[0].equals("B") ? BOLD : REGULAR, size);
                    content.newLineAtOffset(50, y);
                    content.showText(printable(line[1]));
                    content.endText();
                    y -= heading ? size + 6 : LINE;
                }
            } finally {
                if (content != null) {
                    content.close();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException("could not render the pick list of " + list.carrierId(), e);
        }
    }

    /** What the standard Helvetica can print: other characters become '?'. */
    static String printable(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xFF ? (char) c : '?'));
        return out.toString();
    }
}
