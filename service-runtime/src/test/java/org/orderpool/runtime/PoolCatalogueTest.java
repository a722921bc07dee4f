package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.orderpool.runtime.catalogue.PoolCatalogue;

class PoolCatalogueTest {

    @Test
    void shouldLoadThePoolsCatalogue() {
        final PoolCatalogue catalogue = PoolCatalogue.fromClasspath();

        assertThat(catalogue.skus()).contains("SKU-TEA-01", "SKU-CHAIR-01");
        assertThat(catalogue.product("SKU-RUG-01")).hasValueSatisfying(p -> assertThat(p.weightGrams()).isEqualTo(6_800));
    }

    @Test
    void shouldRefuseADuplicateSkuOrAMalformedLine() {
        assertThatThrownBy(() -> PoolCatalogue.fromCsv(csv("sku,title,weightGrams\nA,a,1\nA,b,2\n")))
                .hasMessageContaining("line 3: SKU A appears twice");
        assertThatThrownBy(() -> PoolCatalogue.fromCsv(csv("sku,title,weightGrams\nA,a\n"))).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PoolCatalogue.fromCsv(csv("sku;title\n"))).hasMessageContaining("header");
    }

    private static ByteArrayInputStream csv(final String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
