package org.orderpool.shopsync.topology;

import java.time.Duration;
import java.util.List;
import org.orderpool.shopsync.domain.RetrySchedule;
import org.orderpool.shopsync.domain.ShopPlatforms;
import org.orderpool.shopsync.platform.PlatformCalls;

/** What the topology needs to keep shops' platforms in step: which shop is where, how to call, and the calls themselves. */
public record PlatformSide(ShopPlatforms shops, PlatformSettings settings, PlatformCalls calls) {

    /** No shop on a platform: webhooks and the API only. */
    public static PlatformSide none() {
        return new PlatformSide(ShopPlatforms.none(), new PlatformSettings(new RetrySchedule(List.of(Duration.ZERO), 0), 1, 1),
                PlatformCalls.none());
    }
}
