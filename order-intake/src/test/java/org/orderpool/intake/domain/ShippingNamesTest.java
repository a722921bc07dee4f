package org.orderpool.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShippingMethod;

class ShippingNamesTest {

    private final ShippingNames french = new ShippingNames(Map.of(
            ShippingMethod.STANDARD, List.of("Livraison standard", "Colissimo domicile", "flat_rate"),
            ShippingMethod.EXPRESS, List.of("Express 24h"),
            ShippingMethod.PICKUP_POINT, List.of("Point relais")), null);

    @Test
    void shouldMapAShopsOwnNamesWhateverTheirCaseSpacesOrDashes() {
        assertThat(french.resolve(SalesChannel.SHOPIFY, "livraison-standard", null)).contains(ShippingMethod.STANDARD);
        assertThat(french.resolve(SalesChannel.SHOPIFY, "  COLISSIMO DOMICILE ", null)).contains(ShippingMethod.STANDARD);
        assertThat(french.resolve(SalesChannel.SHOPIFY, "custom", "Point Relais")).as("by title").contains(ShippingMethod.PICKUP_POINT);
    }

    @Test
    void shouldTakeTheTitleBeforeTheCodeSinceACodeMayBeAGenericType() {
        assertThat(french.resolve(SalesChannel.WOOCOMMERCE, "flat_rate", "Express 24h")).contains(ShippingMethod.EXPRESS);
        assertThat(french.resolve(SalesChannel.WOOCOMMERCE, "flat_rate", "Flat rate")).contains(ShippingMethod.STANDARD);
    }

    @Test
    void shouldStillTakeThePoolsOwnNamesAndWooCommercesCoreMethodIds() {
        assertThat(ShippingNames.none().resolve(SalesChannel.POOL_JSON, "express", null)).contains(ShippingMethod.EXPRESS);
        assertThat(ShippingNames.none().resolve(SalesChannel.KAFKA, "pickup point", null)).contains(ShippingMethod.PICKUP_POINT);
        assertThat(ShippingNames.none().resolve(SalesChannel.WOOCOMMERCE, "local_pickup", "Retrait")).contains(ShippingMethod.PICKUP_POINT);
        assertThat(ShippingNames.none().resolve(SalesChannel.SHOPIFY, "local_pickup", null)).as("a WooCommerce id only for WooCommerce")
                .isEmpty();
    }

    @Test
    void shouldFallBackOnTheShopsDefaultMethodOnlyWhenItHasOne() {
        final ShippingNames withDefault = new ShippingNames(Map.of(), ShippingMethod.STANDARD);

        assertThat(withDefault.resolve(SalesChannel.SHOPIFY, "standard_shipping", "Standard")).contains(ShippingMethod.STANDARD);
        assertThat(french.resolve(SalesChannel.SHOPIFY, "standard_shipping", "Standard")).isEmpty();
    }

    @Test
    void shouldDescribeTheNamesItMapsForAReason() {
        assertThat(french.describe()).isEqualTo("'Livraison standard', 'Colissimo domicile', 'flat_rate' -> STANDARD;"
                + " 'Express 24h' -> EXPRESS; 'Point relais' -> PICKUP_POINT");
        assertThat(ShippingNames.none().describe()).isEqualTo("none");
    }

    @Test
    void shouldRefuseANameMappedToTwoMethodsOrABlankOne() {
        assertThatThrownBy(() -> new ShippingNames(Map.of(ShippingMethod.STANDARD, List.of("Express"),
                ShippingMethod.EXPRESS, List.of("express")), null)).hasMessageContaining("mapped to both");
        assertThatThrownBy(() -> new ShippingNames(Map.of(ShippingMethod.STANDARD, List.of(" ")), null))
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> new ShippingNames(Map.of(ShippingMethod.UNKNOWN, List.of("x")), null))
                .hasMessageContaining("only to the pool's methods");
    }
}
