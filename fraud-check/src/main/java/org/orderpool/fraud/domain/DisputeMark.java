package org.orderpool.fraud.domain;

/**
 * "This card, e-mail or shipping address disputed a payment": what the pool keeps under the identity of an order a shop
 * reported a dispute on, at the pool's time of the report. It names the identity's kind, never its value (a card is a
 * fingerprint token in the store's key, never a number here).
 *
 * @param disputeId        the platform's id of the dispute (a resent report counts once)
 * @param orderId          the disputed order
 * @param shopId           the shop the disputed order was placed at
 * @param identity         which of the disputed order's identities this mark is kept under
 * @param reportedAtMillis when the pool took the report (pool time), never the shop's "opened at"
 * @param kind             chargeback, inquiry or unknown, lower case
 * @param reason           the platform's reason, lower case (fraudulent, unrecognized, product_not_received, ...)
 */
public record DisputeMark(String disputeId, String orderId, String shopId, Trait identity, long reportedAtMillis, String kind,
                          String reason) {

    /** How an assessment names the identity: never its value. */
    public String identityName() {
        return switch (identity) {
            case CARD -> "card";
            case EMAIL -> "e-mail";
            case ADDRESS -> "shipping address";
            case IP -> "IP";
            case BIN -> "BIN";
        };
    }
}
