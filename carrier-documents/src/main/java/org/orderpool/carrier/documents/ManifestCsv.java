package org.orderpool.carrier.documents;

import java.util.List;
import java.util.stream.Collectors;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.ShipmentManifest;

/**
 * A manifest as the CSV a carrier's depot imports: one row per parcel, the manifest's identity
 * repeated on each row, RFC 4180 quoting, UTF-8, CRLF line ends.
 */
public final class ManifestCsv {

    static final List<String> HEADER = List.of("manifest_id", "carrier", "warehouse", "cut_off_utc", "parcel_id", "order_id", "shop",
            "tracking_reference", "service", "weight_grams", "recipient", "company", "line1", "line2", "postal_code", "city", "region",
            "country", "phone");

    private ManifestCsv() {
    }

    public static String render(final ShipmentManifest manifest) {
        final StringBuilder csv = new StringBuilder(row(HEADER));
        for (final ManifestParcel parcel : manifest.getParcels()) {
            final Address to = parcel.getRecipient();
            csv.append(row(List.of(manifest.getManifestId(), manifest.getCarrierId(), manifest.getWarehouseId(),
                    manifest.getCutOffAt().toString(), parcel.getParcelId(), parcel.getOrderId(), parcel.getShopId(),
                    parcel.getTrackingReference(), parcel.getServiceCode(), Integer.toString(parcel.getWeightGrams()), to.getName(),
                    nullToEmpty(to.getCompany()), to.getLine1(), nullToEmpty(to.getLine2()), to.getPostalCode(), to.getCity(),
                    nullToEmpty(to.getRegion()), to.getCountryCode(), nullToEmpty(to.getPhone()))));
        }
        return csv.toString();
    }

    private static String row(final List<String> cells) {
        return cells.stream().map(ManifestCsv::quote).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String quote(final String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private static String nullToEmpty(final String value) {
        return value == null ? "" : value;
    }
}
