package org.orderpool.shopsync.api;

import java.util.List;
import java.util.Optional;
import org.orderpool.shopsync.domain.OrderView;

/** The orders this instance holds in its state stores (its own partitions only). */
public interface OrderQueries {

    /**
     * @throws StoreUnavailableException while the stores are being rebuilt or moved
     */
    Optional<OrderView> order(String shopId, String shopOrderRef);

    /**
     * The page's orders among this instance's, oldest change first: at most {@code limit} + 1, the extra
     * one telling that there are more.
     *
     * @throws StoreUnavailableException while the stores are being rebuilt or moved
     */
    List<OrderView> page(String shopId, PageQuery query);

    /** The stores cannot answer now (restoring after a restart, or the partitions are moving); worth asking again shortly. */
    final class StoreUnavailableException extends RuntimeException {
        public StoreUnavailableException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
