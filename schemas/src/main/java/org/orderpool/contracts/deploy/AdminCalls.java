package org.orderpool.contracts.deploy;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** One admin operation against the cluster, with an error that says what could not be done and where. */
final class AdminCalls {

    interface Call {
        Object call(Admin admin) throws Exception;
    }

    private AdminCalls() {
    }

    static void run(final Map<String, Object> kafkaClient, final String what, final Call call) {
        try (Admin admin = Admin.create(kafkaClient)) {
            call.call(admin);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        } catch (final Exception e) {
            throw new IllegalStateException("Could not " + what + " on " + kafkaClient.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + ": " + e.getMessage(), e);
        }
    }
}
