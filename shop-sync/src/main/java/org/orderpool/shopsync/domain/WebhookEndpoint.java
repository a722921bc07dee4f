package org.orderpool.shopsync.domain;

import java.net.URI;
import java.time.Instant;

/**
 * Where a shop receives its status webhooks, with the secret they are signed with. An endpoint that
 * answered 410 Gone is disabled ({@link DisabledEndpoint}) until ops re-enable it: by setting
 * {@code enabledSince} to a time after the 410 (the shop's {@code webhook-enabled-since}), or by giving the
 * shop another URL.
 */
public record WebhookEndpoint(String shopId, URI url, WebhookSecret secret, Instant enabledSince) {

    public boolean isDisabledBy(final DisabledEndpoint disabled) {
        return disabled != null && disabled.url().equals(url.toString())
                && (enabledSince == null || disabled.disabledAt().isAfter(enabledSince));
    }
}
