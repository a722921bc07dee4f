package org.orderpool.simulator;

import java.time.Duration;

/**
 * How the simulated shops behave.
 *
 * @param ordersPerMinute  checkouts per minute over all shops (each shop gets its traffic share)
 * @param maxOrders        stop after this many checkouts; 0 for no limit
 * @param runFor           stop after this long; zero for no limit
 * @param duplicateShare   share of checkouts whose webhook or record is delivered twice
 * @param cancelShare      share of checkouts the shop cancels a few seconds later
 * @param unpaidShare      share of checkouts placed before they are paid (bank transfer, a pending payment): the
 *                         platform's paid update follows a few seconds later
 * @param badRequestShare  share of deliveries that are wrong (forged signature, unknown SKU)
 * @param fraudShare       share of checkouts that start a fraud pattern instead
 * @param restockEvery     how often the warehouse receives a delivery of a few SKUs
 * @param seed             the random seed, so a run can be repeated
 */
public record SimulatorSettings(double ordersPerMinute, int maxOrders, Duration runFor, double duplicateShare, double cancelShare,
                                double badRequestShare, double fraudShare, Duration restockEvery, long seed, double unpaidShare) {

    public static SimulatorSettings demo() {
        return new SimulatorSettings(30, 0, Duration.ZERO, 0.04, 0.06, 0.03, 0.03, Duration.ofSeconds(30), 7, 0.2);
    }

    /** These settings with another rate and limits. */
    public SimulatorSettings limitedTo(final double perMinute, final int max, final Duration duration) {
        return new SimulatorSettings(perMinute, max, duration, duplicateShare, cancelShare, badRequestShare, fraudShare, restockEvery, seed,
                unpaidShare);
    }
}
