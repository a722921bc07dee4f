package org.orderpool.intake.gateway;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.ApplicationBufferHandler;

/**
 * Bounds the time Tomcat spends on a request body the gateway did not read (a refusal before the body,
 * a body that stalled). Tomcat would drain ("swallow") up to its max-swallow-size of it after answering,
 * waiting up to its idle timeout for each piece, so a client sending a byte now and then could hold a
 * request thread without end. This valve sends the answer first, then drains what is left for at most
 * {@code drainTimeout} and closes the connection when the rest does not come in time; a stalled body
 * (408) is not drained at all.
 *
 * <p>It drains from the connector's request itself, not from the servlet's input stream: after an error
 * dispatch (an unknown path, a method an endpoint does not take) Tomcat has closed that stream, so the drain
 * read nothing and the connection was closed under an answer that had promised to keep it open; the client
 * (the JDK's among them) sent its next request on it and got no answer at all, and a POST is not retried.
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
        final org.apache.coyote.Request body = request.getCoyoteRequest();
        final Discarded discarded = new Discarded();
        long drained = 0;
        try {
            while (System.nanoTime() - deadline < 0 && (limit < 0 || drained <= limit)) {
                final int read = body.doRead(discarded);
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

    /** Where the connector puts each piece of the body it drains: nowhere, the bytes are not looked at. */
    private static final class Discarded implements ApplicationBufferHandler {

        private ByteBuffer piece = EMPTY_BUFFER;

        @Override
        public void setByteBuffer(final ByteBuffer buffer) {
            piece = buffer;
        }

        @Override
        public ByteBuffer getByteBuffer() {
            return piece;
        }

        @Override
        public void expand(final int size) {
            // a drained piece is dropped, never grown
        }
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
