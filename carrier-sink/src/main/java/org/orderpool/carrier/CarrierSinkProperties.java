package org.orderpool.carrier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * carrier-sink's settings under {@code orderpool.carrier-sink}: where manifests are dropped, and which
 * carriers also get them pushed over HTTP. The defaults are here; {@code carrier-sink.yml} sets only the
 * drop folder (per profile) and what an operator changes.
 */
@ConfigurationProperties("orderpool.carrier-sink")
public class CarrierSinkProperties {

    private static final String PREFIX = "orderpool.carrier-sink.";

    /** Each carrier's files go to {@code <dropFolder>/<carrierId>/}. No default: it is the machine's. */
    private Path dropFolder;
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

    /** The drop folder; throws naming the property if it is not set. */
    public Path dropFolder() {
        if (dropFolder == null || dropFolder.toString().isBlank()) {
            throw new IllegalStateException(PREFIX + "drop-folder is not set (CARRIER_DROP_FOLDER in carrier-sink.yml)");
        }
        return dropFolder;
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
        this.pushFirstDelay = positive(pushFirstDelay, "push-first-delay");
    }

    public Duration getRetryFailedPushesEvery() {
        return retryFailedPushesEvery;
    }

    public void setRetryFailedPushesEvery(final Duration retryFailedPushesEvery) {
        this.retryFailedPushesEvery = positive(retryFailedPushesEvery, "retry-failed-pushes-every");
    }

    public Map<String, Carrier> getCarriers() {
        return carriers;
    }

    public void setCarriers(final Map<String, Carrier> carriers) {
        this.carriers = carriers;
    }

    private static Duration positive(final Duration value, final String property) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + property + " must be a positive duration, was " + value);
        }
        return value;
    }
}
