package org.orderpool.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelLine;

/**
 * What the warehouse picks and packs for one carrier's next cut-off: every SKU with its title and the
 * units to pick, and for each the parcels they go into; and every parcel with its contents and who it
 * is for. Plain data, built from the parcels scheduled on that cut-off.
 */
public record PickList(String carrierId, String carrierName, String warehouseId, Instant cutOffAt, List<Pick> picks,
                       List<ParcelToPack> parcels) {

    /** Units of one SKU to pick, and which parcel each goes into. */
    public record Pick(String sku, String title, int quantity, List<Into> parcels) {
    }

    /** Units of a SKU for one parcel. */
    public record Into(String parcelId, int quantity) {
    }

    /** Units of a SKU in one parcel. */
    public record Line(String sku, int quantity) {
    }

    /** One parcel to pack. */
    public record ParcelToPack(String parcelId, String orderId, String shopId, String serviceCode, int weightGrams, String recipientName,
                               String city, String countryCode, List<Line> lines) {
    }

    /** The pick list of the parcels booked on one cut-off, SKUs in order, parcels in order. */
    public static PickList of(final String carrierId, final String carrierName, final String warehouseId, final Instant cutOffAt,
                              final Collection<Parcel> parcels, final Function<String, String> titles) {
        final Map<String, List<Into>> bySku = new TreeMap<>();
        final List<ParcelToPack> toPack = new ArrayList<>();
        parcels.stream().sorted(Comparator.comparing(Parcel::getParcelId)).forEach(parcel -> {
            final List<Line> lines = new ArrayList<>();
            for (final ParcelLine line : parcel.getLines()) {
                bySku.computeIfAbsent(line.getSku(), sku -> new ArrayList<>()).add(new Into(parcel.getParcelId(), line.getQuantity()));
                lines.add(new Line(line.getSku(), line.getQuantity()));
            }
            toPack.add(new ParcelToPack(parcel.getParcelId(), parcel.getOrderId(), parcel.getShopId(), parcel.getServiceCode(),
                    parcel.getWeightGrams(), parcel.getRecipient().getName(), parcel.getRecipient().getCity(),
                    parcel.getRecipient().getCountryCode(), List.copyOf(lines)));
        });
        final List<Pick> picks = new ArrayList<>();
        bySku.forEach((sku, into) -> {
            final String title = titles.apply(sku);
            picks.add(new Pick(sku, title == null ? "" : title, into.stream().mapToInt(Into::quantity).sum(), List.copyOf(into)));
        });
        return new PickList(carrierId, carrierName, warehouseId, cutOffAt, List.copyOf(picks), List.copyOf(toPack));
    }

    /** The same list with recipients masked, for a viewer. */
    public PickList masked(final String mask) {
        return new PickList(carrierId, carrierName, warehouseId, cutOffAt, picks, parcels.stream().map(p -> new ParcelToPack(p.parcelId(),
                p.orderId(), p.shopId(), p.serviceCode(), p.weightGrams(), mask, mask, p.countryCode(), p.lines())).toList());
    }

    public Map<String, Object> json() {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("carrierId", carrierId);
        json.put("carrierName", carrierName);
        json.put("warehouseId", warehouseId);
        json.put("cutOffAt", cutOffAt.toString());
        json.put("picks", picks.stream().map(p -> Map.of("sku", p.sku(), "title", p.title(), "quantity", p.quantity(), "parcels",
                p.parcels().stream().map(i -> Map.of("parcelId", i.parcelId(), "quantity", i.quantity())).toList())).toList());
        json.put("parcels", parcels.stream().map(p -> {
            final Map<String, Object> parcel = new LinkedHashMap<>();
            parcel.put("parcelId", p.parcelId());
            parcel.put("orderId", p.orderId());
            parcel.put("shopId", p.shopId());
            parcel.put("serviceCode", p.serviceCode());
            parcel.put("weightGrams", p.weightGrams());
            parcel.put("recipientName", p.recipientName());
            parcel.put("city", p.city());
            parcel.put("countryCode", p.countryCode());
            parcel.put("lines", p.lines().stream().map(l -> Map.of("sku", l.sku(), "quantity", l.quantity())).toList());
            return parcel;
        }).toList());
        return json;
    }
}
