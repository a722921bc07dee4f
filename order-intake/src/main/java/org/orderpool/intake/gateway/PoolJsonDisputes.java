package org.orderpool.intake.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import org.orderpool.contracts.DisputeKind;
import org.orderpool.intake.domain.CardNumberGuard;
import org.orderpool.intake.domain.PrintableText;

/**
 * The pool's JSON dispute report, {@code POST /shops/{shopId}/orders/{shopOrderRef}/disputes}: {@code {"shopOrderRef":
 * <the URL's>, "disputeId", "kind": "chargeback" | "inquiry", "reason", "amount": {"amountMinor", "currency"} (or
 * {@code "amount": <minor units>, "currency"} as the pool's orders send amounts), "openedAt"}}. The body names the ref
 * too, as the cancellation endpoint's does, since the signature covers the body only. Every field is checked, and every
 * problem reported at once.
 */
final class PoolJsonDisputes {

    private PoolJsonDisputes() {
    }

    static DisputeReport.Read read(final String urlRef, final JsonNode body) {
        final JsonReader json = new JsonReader();
        final String ref = SignedPathRef.read(json, urlRef, body, "the disputed order");
        final String disputeId = json.text(body, "disputeId", "disputeId", true).strip();
        final String kindText = json.text(body, "kind", "kind", true).strip().toLowerCase(Locale.ROOT);
        final DisputeKind kind = switch (kindText) {
            case "chargeback" -> DisputeKind.CHARGEBACK;
            case "inquiry" -> DisputeKind.INQUIRY;
            case "" -> DisputeKind.UNKNOWN; // reported as required already
            default -> {
                json.error("kind", "unknown_kind", "kind must be chargeback or inquiry, was '"
                        + PrintableText.sanitise(CardNumberGuard.mask(kindText)) + "'");
                yield DisputeKind.UNKNOWN;
            }
        };
        final String reason = json.text(body, "reason", "reason", true).strip().toLowerCase(Locale.ROOT);
        final JsonNode amountNode = body.get("amount");
        final long amountMinor;
        final String currency;
        if (amountNode != null && amountNode.isObject()) {
            amountMinor = json.minorUnits(amountNode, "amountMinor", "amount.amountMinor", true);
            currency = json.text(amountNode, "currency", "amount.currency", true).strip();
        } else {
            amountMinor = json.minorUnits(body, "amount", "amount", true);
            currency = json.text(body, "currency", "currency", true).strip();
        }
        final Instant openedAt = json.instant(body, "openedAt", "openedAt");
        return DisputeReport.Read.of(new DisputeReport(disputeId, ref, kind, reason, json.money(amountMinor, currency), openedAt),
                json.errors());
    }
}
