package org.orderpool.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every service shares, under {@code orderpool.*}. Defaults are the safe production ones:
 * schemas are registered by the deployment, not by services; topics are created by the deployment.
 */
@ConfigurationProperties("orderpool")
public class PipelineProperties {

    private final SchemaRegistry schemaRegistry = new SchemaRegistry();
    private final Topics topics = new Topics();
    private final Streams streams = new Streams();

    public SchemaRegistry getSchemaRegistry() {
        return schemaRegistry;
    }

    public Topics getTopics() {
        return topics;
    }

    public Streams getStreams() {
        return streams;
    }

    /** Where the schema registry is and how to use it. */
    public static class SchemaRegistry {
        /** Base URL of a registry speaking Confluent's REST API. */
        private String url = "http://localhost:8081/apis/ccompat/v7";
        /** Register schemas on first use (embedded stack, tests) instead of expecting them registered. */
        private boolean autoRegister;

        public String getUrl() {
            return url;
        }

        public void setUrl(final String url) {
            this.url = url;
        }

        public boolean isAutoRegister() {
            return autoRegister;
        }

        public void setAutoRegister(final boolean autoRegister) {
            this.autoRegister = autoRegister;
        }
    }

    /** How the service sees the topic catalogue. */
    public static class Topics {
        /** Prefix of every topic name, for several pipelines on one cluster; empty by default. */
        private String prefix = "";

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(final String prefix) {
            this.prefix = prefix;
        }
    }

    /** How a service's Kafka Streams client lives with failing stream threads (see ThreadFailureBudget). */
    public static class Streams {
        /** Stream-thread failures not caused by the infrastructure that are replaced within the window; one more stops the client. */
        private int maxThreadFailures = 5;
        /** The window those failures are counted in. */
        private Duration threadFailureWindow = Duration.ofMinutes(10);

        public int getMaxThreadFailures() {
            return maxThreadFailures;
        }

        public void setMaxThreadFailures(final int maxThreadFailures) {
            this.maxThreadFailures = maxThreadFailures;
        }

        public Duration getThreadFailureWindow() {
            return threadFailureWindow;
        }

        public void setThreadFailureWindow(final Duration threadFailureWindow) {
            this.threadFailureWindow = threadFailureWindow;
        }
    }
}
