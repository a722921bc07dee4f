package org.orderpool.shopsync.webhook;

import java.net.URI;

/** One signed attempt to deliver a webhook: the Standard Webhooks headers and the exact body that was signed. */
public record WebhookRequest(URI url, String webhookId, long timestampSeconds, String signature, String body) {
}
