package org.orderpool.carrier;

import java.io.IOException;

/**
 * The drop folder cannot be written or read (full, unmounted, no permission): a passing failure of the
 * machine, not of the manifest, so the manifest is delivered again after a pause rather than dead-lettered.
 */
public final class DropFolderUnavailableException extends RuntimeException {

    public DropFolderUnavailableException(final String message, final IOException cause) {
        super(message + ": " + cause, cause);
    }
}
