package org.orderpool.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderIdsTest {

    @Test
    void shouldGiveTheSameOrderTheSameIdWhateverTheSpacing() {
        assertThat(OrderIds.forShopOrder("shop-a", "A-1001")).isEqualTo(OrderIds.forShopOrder(" shop-a", "A-1001 "))
                .startsWith("ord-").hasSize(40);
    }

    @Test
    void shouldGiveDifferentOrdersDifferentIds() {
        assertThat(OrderIds.forShopOrder("shop-a", "A-1001")).isNotEqualTo(OrderIds.forShopOrder("shop-b", "A-1001"))
                .isNotEqualTo(OrderIds.forShopOrder("shop-a", "A-1002"));
    }
}
