package org.orderpool.intake.gateway;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;

/**
 * Bounds the time Tomcat spends on a request body the gateway did not read (a refusal before the body,
 * a body that stalled). Tomcat would drain ("swallow") up to its max-swallow-size of it after answering,
 * waiting up to its idle timeout for each piece, so a client sending a byte now and then could hold a
 * request thread without end. This valve sends the answer first, then drains what is left for at most
 * {@code drainTimeout} and closes the connection when the rest does not come in time; a stalled body
 * (408) is not drained at all.
 */
final class BoundedDrainValve extends ValveBase {

    private final Duration drainTimeout;

    BoundedDrainValve(final Duration drainTimeout) {
        super(true);
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void invoke(final Request request, final Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.isAsync() || bodyFullyRead(request)) {
            return;
        }
        if (response.getStatus() == 408) {
            closeWithoutDraining(request);
            return;
        }
        response.flushBuffer(); // the answer goes out before anything more is read
        final long deadline = System.nanoTime() + drainTimeout.toNanos();
        final long limit = maxSwallowSize(request);
        final InputStream body = request.getStream();
        final byte[] buffer = new byte[8192];
        long drained = 0;
        try {
            while (System.nanoTime() - deadline < 0 && (limit < 0 || drained <= limit)) {
                final int read = body.read(buffer);
                if (read < 0) {
                    return;
                }
                drained += read;
            }
        } catch (final IOException stalledOrGone) {
            // nothing more will come in time
        }
        closeWithoutDraining(request);
    }

    private static boolean bodyFullyRead(final Request request) {
        final AtomicBoolean fullyRead = new AtomicBoolean();
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        return fullyRead.get();
    }

    private static void closeWithoutDraining(final Request request) {
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }

    private static long maxSwallowSize(final Request request) {
        final ProtocolHandler protocol = request.getConnector().getProtocolHandler();
        return protocol instanceof AbstractHttp11Protocol<?> http11 ? http11.getMaxSwallowSize() : 2L * 1024 * 1024;
    }
}
