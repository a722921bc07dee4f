package org.orderpool.shopsync.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shop API's bearer tokens, one per shop: a token names its shop ({@link #shopOf}). Tokens are kept and
 * compared as SHA-256 digests, in constant time, with every shop's, so neither the time taken nor the token's
 * length tells an attacker how close a guess was or which shops exist.
 */
public final class ShopTokens {

    private final Map<String, byte[]> digests;

    public ShopTokens(final Map<String, String> tokenByShop) {
        final Map<String, byte[]> byShop = new HashMap<>();
        tokenByShop.forEach((shop, token) -> {
            final byte[] digest = digest(token);
            byShop.forEach((other, known) -> {
                if (MessageDigest.isEqual(known, digest)) {
                    throw new IllegalArgumentException("shops " + other + " and " + shop + " have the same API token: each shop needs "
                            + "its own (a token names its shop)");
                }
            });
            byShop.put(shop, digest);
        });
        this.digests = Map.copyOf(byShop);
    }

    /**
     * The shop whose token this is, if any: compared with every shop's digest, in constant time and without stopping
     * at a match, so the answer's timing tells nothing of which shop, or how close a guess was.
     */
    public Optional<String> shopOf(final String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        final byte[] given = digest(token.strip());
        String owner = null;
        for (final Map.Entry<String, byte[]> entry : digests.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), given)) {
                owner = entry.getKey();
            }
        }
        return Optional.ofNullable(owner);
    }

    private static byte[] digest(final String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
