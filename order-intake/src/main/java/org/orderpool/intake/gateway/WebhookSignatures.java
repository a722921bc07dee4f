package org.orderpool.intake.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures as the three formats compute them, compared in constant time. */
public final class WebhookSignatures {

    private WebhookSignatures() {
    }

    public static byte[] hmacSha256(final String secret, final byte[]... parts) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (final byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The pool format's header value for a body sent at {@code unixSeconds}. */
    public static String poolSignature(final String secret, final long unixSeconds, final byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmacSha256(secret, (unixSeconds + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    /** Shopify's and WooCommerce's header value: base64 of the HMAC of the raw body. */
    public static String base64Signature(final String secret, final byte[] body) {
        return Base64.getEncoder().encodeToString(hmacSha256(secret, body));
    }

    /** Constant-time comparison, so the time taken says nothing about how much of a forged signature was right. */
    static boolean matches(final String expected, final String provided) {
        return provided != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                provided.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
