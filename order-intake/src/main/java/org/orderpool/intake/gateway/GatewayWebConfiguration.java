package org.orderpool.intake.gateway;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;

/**
 * Makes every refusal of the gateway's HTTP server JSON, including the ones no endpoint sees: Spring's
 * error path ({@link GatewayErrorController}: unknown paths, wrong methods) answers with {@link ContainerErrors},
 * and so does Tomcat itself for what it refuses before Spring (a header too large, a malformed request),
 * through an error report valve that writes JSON instead of Tomcat's HTML page.
 *
 * <p>How long a slow client may hold the server is set in {@code order-intake.yml}
 * ({@code server.tomcat.connection-timeout}: the longest pause between two reads of a request) and by
 * {@link IntakeGateway.Settings#bodyReadTimeout()} (the whole body, read by the gateway or drained by
 * {@link BoundedDrainValve} after a refusal).
 */
@Configuration(proxyBeanMethods = false)
public class GatewayWebConfiguration {

    @Bean
    GatewayTomcat gatewayTomcat(final IntakeGateway gateway) {
        return new GatewayTomcat(gateway.bodyReadTimeout());
    }

    /**
     * Puts the JSON error report valve on Tomcat's host and bounds the draining of unread bodies; runs after
     * Spring Boot's own customizer, which may add Tomcat's HTML error report valve.
     */
    static final class GatewayTomcat implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        private final Duration drainTimeout;

        GatewayTomcat(final Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
        }

        @Override
        public void customize(final ConfigurableTomcatWebServerFactory factory) {
            factory.addEngineValves(new BoundedDrainValve(drainTimeout));
            factory.addContextCustomizers(context -> useJsonErrorReports((Host) context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static void useJsonErrorReports(final Host host) {
        for (final Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new JsonErrorReportValve());
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(JsonErrorReportValve.class.getName()); // or Tomcat adds its HTML one at start
        }
    }

    /** Tomcat's own refusals, as JSON with no server name and no stack trace. */
    public static class JsonErrorReportValve extends ErrorReportValve {

        public JsonErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(final Request request, final Response response, final Throwable throwable) {
            final int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                final Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(ContainerErrors.json(status));
                    response.finishResponse();
                }
            } catch (final IOException | IllegalStateException e) {
                // the client is gone or the response is committed; nothing more can be said
            }
        }
    }
}
