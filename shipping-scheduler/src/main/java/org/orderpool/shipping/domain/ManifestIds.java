package org.orderpool.shipping.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Manifest ids: carrier, warehouse and the cut-off's UTC minute, for example
 * {@code colis-express-pool-wh-1-20261120T1400Z}. The same slot always gets the same id, so a manifest
 * issued again after a crash is recognised as the same one by every reader. Two cut-offs of one carrier
 * and warehouse in the same minute would share an id, so the minute is what a slot is: calendars hold
 * whole minutes, and a closed minute never opens again ({@link CarrierSlots}).
 */
public final class ManifestIds {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private ManifestIds() {
    }

    public static String of(final String carrierId, final String warehouseId, final Instant cutOff) {
        return carrierId + "-" + warehouseId + "-" + MINUTE.format(cutOff);
    }

    /** The slot a cut-off names: its UTC minute. */
    static Instant slotOf(final Instant cutOff) {
        return cutOff.truncatedTo(ChronoUnit.MINUTES);
    }
}
