package org.orderpool.carrier;

/**
 * A manifest that no retry can deliver: the record is not a readable manifest, a file cannot be rendered
 * from it, its ids cannot name a file in the drop folder, or the carrier refused it (a 4xx other than 408
 * and 429). It goes to {@code carrier-sink.dlq} with its original bytes and this message, and nothing of
 * it is left in the drop folder.
 */
public final class UndeliverableManifestException extends RuntimeException {

    public UndeliverableManifestException(final String message) {
        super(message);
    }

    public UndeliverableManifestException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
