package org.orderpool.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.orderpool.intake.domain.CardNumberGuard;
import org.orderpool.intake.domain.PrintableText;

/**
 * The order ref of a signed pool JSON request that names its order in the URL (a cancellation, a dispute): the
 * signature covers the body only, so the body must name the same order, or a signed body could be replayed against
 * another URL. Checked once here for every such endpoint.
 */
final class SignedPathRef {

    private SignedPathRef() {
    }

    /**
     * @param whatTheBodyNames how the refusal names the order, e.g. "the order cancelled"
     * @return the URL's ref, stripped; its problems, if any, are added to {@code json}'s errors under {@code shopOrderRef}
     */
    static String read(final JsonReader json, final String urlRef, final JsonNode body, final String whatTheBodyNames) {
        final String ref = urlRef == null ? "" : urlRef.strip();
        final String bodyRef = json.text(body, "shopOrderRef", "shopOrderRef", true);
        if (PrintableText.firstRefused(ref) >= 0) {
            json.error("shopOrderRef", PrintableText.CODE, PrintableText.reason("the URL's shopOrderRef", ref));
        } else if (CardNumberGuard.containsCardNumber(ref)) {
            json.error("shopOrderRef", "card_number", "the URL's order ref holds what looks like a full card number");
        } else if (ref.isEmpty()) {
            json.error("shopOrderRef", "required", "the URL names no order ref");
        } else if (!bodyRef.isEmpty() && !bodyRef.strip().equals(ref)) {
            json.error("shopOrderRef", "ref_mismatch", "the body names order ref '"
                    + PrintableText.sanitise(CardNumberGuard.mask(bodyRef)) + "' but the URL names '" + ref
                    + "'; the signature covers the body, so both must name " + whatTheBodyNames);
        }
        return ref;
    }
}
