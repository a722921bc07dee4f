package org.orderpool.shopsync.domain;

import java.time.Instant;

/** A shop's webhook endpoint that answered 410 Gone: its URL then, when, and for which event. */
public record DisabledEndpoint(String url, Instant disabledAt, String webhookId) {
}
