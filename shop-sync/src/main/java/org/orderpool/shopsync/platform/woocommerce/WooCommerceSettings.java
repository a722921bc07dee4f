package org.orderpool.shopsync.platform.woocommerce;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shop's WooCommerce connection: its site, a REST API key (consumer key and secret, sent as HTTP
 * Basic over HTTPS), the names its Shipment Tracking extension knows the pool's carriers by, and the
 * product (or product variation) of each SKU the shop sells, and whether it takes backorders.
 */
public record WooCommerceSettings(String shopId, URI siteUrl, String consumerKey, String consumerSecret,
                                  Map<String, String> carrierNames, Map<String, Item> items, boolean backorders) {

    public WooCommerceSettings {
        carrierNames = Map.copyOf(carrierNames);
        items = Map.copyOf(items);
    }

    /** A product ({@code 41}) or a variation of one ({@code 40/43}: product 40, variation 43). */
    public record Item(long productId, Long variationId) {

        private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,18})(?:/([1-9][0-9]{0,18}))?");

        /** @param field the configuration property, named in the error */
        public static Item parse(final String value, final String field) {
            final Matcher matcher = FORM.matcher(value == null ? "" : value.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException(field + " must be a WooCommerce product id (41) or product/variation (40/43), not '"
                        + value + "'");
            }
            return new Item(Long.parseLong(matcher.group(1)), matcher.group(2) == null ? null : Long.parseLong(matcher.group(2)));
        }

        /** The id the batch endpoint knows the item by: the variation's for a variation. */
        public long id() {
            return variationId != null ? variationId : productId;
        }
    }
}
