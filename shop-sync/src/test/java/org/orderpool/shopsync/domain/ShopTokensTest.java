package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShopTokensTest {

    private final ShopTokens tokens = new ShopTokens(Map.of("tea-house", "demo-token-tea-house", "book-nook", "demo-token-book-nook"));

    @Test
    void shouldNameTheShopWhoseTokenItIs() {
        assertThat(tokens.shopOf("demo-token-tea-house")).contains("tea-house");
        assertThat(tokens.shopOf(" demo-token-book-nook ")).contains("book-nook");
    }

    @Test
    void shouldRefuseTwoShopsWithOneTokenNamingThemButNotTheToken() {
        assertThatThrownBy(() -> new ShopTokens(new TreeMap<>(Map.of("a-shop", "shared-token-123", "b-shop", "shared-token-123"))))
                .hasMessageContaining("a-shop and b-shop").hasMessageNotContaining("shared-token-123");
    }

    @Test
    void shouldNameNoShopForAMissingOrAWrongToken() {
        assertThat(tokens.shopOf(null)).isEmpty();
        assertThat(tokens.shopOf("")).isEmpty();
        assertThat(tokens.shopOf("demo-token-tea-hous")).isEmpty();
        assertThat(tokens.shopOf("demo-token-tea-house-and-more")).isEmpty();
    }
}
