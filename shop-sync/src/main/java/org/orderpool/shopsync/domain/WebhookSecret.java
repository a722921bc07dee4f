package org.orderpool.shopsync.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signing secret, {@code whsec_<base64>}: the key is the base64-decoded part after
 * the prefix. Signs {@code <webhook-id>.<webhook-timestamp>.<body>} with HMAC-SHA256, giving the
 * {@code webhook-signature} value {@code v1,<base64 signature>}.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";

    private final byte[] key;

    private WebhookSecret(final byte[] key) {
        this.key = key;
    }

    /**
     * @param field the configuration property the secret came from, named in the error
     */
    public static WebhookSecret parse(final String secret, final String field) {
        final String value = secret == null ? "" : secret.strip();
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException(field + " must be a Standard Webhooks secret, whsec_ followed by base64");
        }
        final byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": the part after whsec_ is not base64 (" + e.getMessage() + ")", e);
        }
        if (key.length < 16) {
            throw new IllegalArgumentException(field + " is too short: at least 16 bytes (24 base64 characters) after whsec_");
        }
        return new WebhookSecret(key);
    }

    /** The {@code webhook-signature} header value of a message. */
    public String sign(final String webhookId, final long timestampSeconds, final String body) {
        try {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            final byte[] signature = mac.doFinal((webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "whsec_(hidden)";
    }
}
