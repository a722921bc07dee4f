package org.orderpool.shopsync.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shop API's bearer tokens, one per shop. A request is the shop's when its {@code Authorization}
 * header is {@code Bearer <that shop's token>}. Tokens are compared as SHA-256 digests with a
 * constant-time comparison, so neither the time taken nor the token's length tells an attacker how
 * close a guess was; an unknown shop is compared against a dummy digest and refused the same way.
 */
public final class ShopTokens {

    private static final String BEARER = "bearer ";
    private static final byte[] NOBODY = digest("no shop has this token");

    private final Map<String, byte[]> digests;

    public ShopTokens(final Map<String, String> tokenByShop) {
        final Map<String, byte[]> byShop = new HashMap<>();
        tokenByShop.forEach((shop, token) -> byShop.put(shop, digest(token)));
        this.digests = Map.copyOf(byShop);
    }

    public boolean authorises(final String shopId, final String authorization) {
        final byte[] expected = shopId == null ? NOBODY : digests.getOrDefault(shopId, NOBODY);
        final boolean bearer = authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER);
        final byte[] given = digest(bearer ? authorization.substring(BEARER.length()).strip() : "");
        return MessageDigest.isEqual(expected, given) & bearer & expected != NOBODY;
    }

    private static byte[] digest(final String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
