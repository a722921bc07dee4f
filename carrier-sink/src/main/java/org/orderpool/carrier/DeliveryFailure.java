package org.orderpool.carrier;

import org.orderpool.runtime.TransientFailures;

/**
 * What a failure to deliver a manifest calls for. Plain Java: the listener's error handler turns each
 * kind into a back-off ({@link CarrierSinkConfiguration}), and the health follows the passing ones.
 */
public enum DeliveryFailure {

    /** The machine, not the manifest: the drop folder's disk, an unreachable registry, a retriable Kafka error. */
    PASSING,
    /** The manifest itself ({@link UndeliverableManifestException}): no retry will deliver it. */
    HOPELESS,
    /** Anything else: a bug, most likely; a few retries, then the dead letters. */
    UNEXPECTED;

    public static DeliveryFailure of(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UndeliverableManifestException) {
                return HOPELESS;
            }
            if (cause instanceof DropFolderUnavailableException) {
                return PASSING;
            }
        }
        return TransientFailures.isTransient(failure) ? PASSING : UNEXPECTED;
    }
}
