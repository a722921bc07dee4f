package org.orderpool.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerDataMaskTest {

    @Test
    void shouldMaskNamesAddressesAndEmailsAndWithholdRawBytes() {
        final Map<String, Object> json = Map.of(
                "customer", Map.of("email", "hanna.berg@example.org", "firstName", "Hanna", "lastName", "Berg"),
                "shippingAddress", Map.of("name", "Hanna Berg", "line1", "1 Rue X", "city", "Lyon", "countryCode", "FR"),
                "reasons", List.of("customer.email: 'hanna.berg@example.org' is not deliverable"),
                "valuePreview", "Hanna Berg 1 Rue X",
                "sku", "SKU-TEA-01", "quantity", 2);

        @SuppressWarnings("unchecked")
        final Map<String, Object> masked = (Map<String, Object>) CustomerDataMask.mask(json);

        assertThat(masked.get("customer")).isEqualTo(Map.of("email", "h***@example.org", "firstName", "***", "lastName", "***"));
        assertThat(masked.get("shippingAddress")).isEqualTo(Map.of("name", "***", "line1", "***", "city", "***", "countryCode", "FR"));
        assertThat(masked.get("reasons")).isEqualTo(List.of("customer.email: 'h***@example.org' is not deliverable"));
        assertThat(masked.get("valuePreview")).isEqualTo(CustomerDataMask.WITHHELD);
        assertThat(masked).containsEntry("sku", "SKU-TEA-01").containsEntry("quantity", 2);
        assertThat(json.get("valuePreview")).as("the input is not changed").isEqualTo("Hanna Berg 1 Rue X");
    }
}
