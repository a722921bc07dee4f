package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackingUrlsTest {

    private final TrackingUrls urls = new TrackingUrls(Map.of("colis-express", "https://track.colis-express.example/{trackingReference}",
            "relais-pro", "https://relais-pro.example/suivi?colis={trackingReference}"), "tracking-urls");

    @Test
    void shouldFillEachCarriersTemplateWithTheTrackingReference() {
        assertThat(urls.urlFor("colis-express", "CE123456789012")).contains("https://track.colis-express.example/CE123456789012");
        assertThat(urls.urlFor("relais-pro", "RP 12/34")).contains("https://relais-pro.example/suivi?colis=RP%2012%2F34");
    }

    @Test
    void shouldGiveNoUrlForACarrierWithoutTemplate() {
        assertThat(urls.urlFor("unknown-carrier", "X1")).isEmpty();
        assertThat(urls.urlFor(null, "X1")).isEmpty();
    }

    @Test
    void shouldRefuseATemplateWithoutPlaceholderOrNotHttpNamingTheCarrier() {
        assertThatThrownBy(() -> new TrackingUrls(Map.of("colis-express", "https://track.example/"), "tracking-urls"))
                .hasMessageContaining("tracking-urls.colis-express").hasMessageContaining("{trackingReference}");
        assertThatThrownBy(() -> new TrackingUrls(Map.of("colis-express", "ftp://track.example/{trackingReference}"), "tracking-urls"))
                .hasMessageContaining("http");
    }
}
