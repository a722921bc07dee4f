package org.orderpool.shopsync.api;

import java.util.List;
import org.orderpool.shopsync.domain.StockSlot;

/** The stock slots this instance holds in its state stores (its own partitions of stock.levels only). */
public interface StockQueries {

    /** None: a deployment without stock. */
    StockQueries NONE = shopId -> List.of();

    /**
     * The shop's slots among this instance's.
     *
     * @throws OrderQueries.StoreUnavailableException while the stores are being rebuilt or moved
     */
    List<StockSlot> stock(String shopId);
}
