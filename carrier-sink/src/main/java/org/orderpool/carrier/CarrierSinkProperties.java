package org.orderpool.carrier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * carrier-sink's settings under {@code orderpool.carrier-sink}: where manifests are dropped, and which
 * carriers also get them pushed over HTTP.
 */
@ConfigurationProperties("orderpool.carrier-sink")
public class CarrierSinkProperties {

    /** Each carrier's files go to {@code <dropFolder>/<carrierId>/}. */
    private Path dropFolder = Path.of("carrier-drop");
    /** Attempts of one push before it is left for the periodic retry. */
    private int pushAttempts = 5;
    /** Pause before the second attempt; doubled for each further one. */
    private Duration pushFirstDelay = Duration.ofSeconds(1);
    /** How often pushes that failed every attempt are tried again. */
    private Duration retryFailedPushesEvery = Duration.ofMinutes(1);
    /** Per carrier id: {@code push-url} to POST each manifest's CSV to. */
    private Map<String, Carrier> carriers = new LinkedHashMap<>();

    /** One carrier's delivery options. */
    public static class Carrier {
        private String pushUrl;

        public String getPushUrl() {
            return pushUrl;
        }

        public void setPushUrl(final String pushUrl) {
            this.pushUrl = pushUrl;
        }
    }

    public Path getDropFolder() {
        return dropFolder;
    }

    public void setDropFolder(final Path dropFolder) {
        this.dropFolder = dropFolder;
    }

    public int getPushAttempts() {
        return pushAttempts;
    }

    public void setPushAttempts(final int pushAttempts) {
        this.pushAttempts = pushAttempts;
    }

    public Duration getPushFirstDelay() {
        return pushFirstDelay;
    }

    public void setPushFirstDelay(final Duration pushFirstDelay) {
        this.pushFirstDelay = pushFirstDelay;
    }

    public Duration getRetryFailedPushesEvery() {
        return retryFailedPushesEvery;
    }

    public void setRetryFailedPushesEvery(final Duration retryFailedPushesEvery) {
        this.retryFailedPushesEvery = retryFailedPushesEvery;
    }

    public Map<String, Carrier> getCarriers() {
        return carriers;
    }

    public void setCarriers(final Map<String, Carrier> carriers) {
        this.carriers = carriers;
    }
}
