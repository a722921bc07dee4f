package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopTokensTest {

    private final ShopTokens tokens = new ShopTokens(Map.of("tea-house", "demo-token-tea-house", "book-nook", "demo-token-book-nook"));

    @Test
    void shouldAuthoriseAShopWithItsOwnBearerToken() {
        assertThat(tokens.authorises("tea-house", "Bearer demo-token-tea-house")).isTrue();
        assertThat(tokens.authorises("tea-house", "bearer demo-token-tea-house")).as("the scheme is case-insensitive").isTrue();
    }

    @Test
    void shouldRefuseAMissingAWrongOrAnotherShopsToken() {
        assertThat(tokens.authorises("tea-house", null)).isFalse();
        assertThat(tokens.authorises("tea-house", "")).isFalse();
        assertThat(tokens.authorises("tea-house", "Bearer ")).isFalse();
        assertThat(tokens.authorises("tea-house", "Bearer demo-token-tea-hous")).isFalse();
        assertThat(tokens.authorises("tea-house", "Bearer demo-token-book-nook")).isFalse();
        assertThat(tokens.authorises("tea-house", "Basic demo-token-tea-house")).isFalse();
        assertThat(tokens.authorises("tea-house", "demo-token-tea-house")).isFalse();
    }

    @Test
    void shouldRefuseAShopItDoesNotKnowWhateverTheToken() {
        assertThat(tokens.authorises("unknown-shop", "Bearer demo-token-tea-house")).isFalse();
        assertThat(tokens.authorises(null, "Bearer demo-token-tea-house")).isFalse();
    }
}
