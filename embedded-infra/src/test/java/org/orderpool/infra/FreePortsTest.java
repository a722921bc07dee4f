package org.orderpool.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void shouldPickAFreePortBelowTheEphemeralRangeThatOutgoingConnectionsTake() throws Exception {
        final int port = FreePorts.pick();

        assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.ephemeralRangeStart() - 1);
        try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.isTaken(port)).as("taken once bound").isTrue();
        }
        assertThat(FreePorts.isTaken(port)).isFalse();
    }
}
