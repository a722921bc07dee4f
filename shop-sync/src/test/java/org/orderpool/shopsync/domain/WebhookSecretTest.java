package org.orderpool.shopsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void shouldReproduceTheStandardWebhooksTestVector() {
        final WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "secret");

        assertThat(secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330L, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldRefuseASecretWithoutItsPrefixOrThatIsNotBase64NamingTheField() {
        assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "shops.tea-house.webhook-secret"))
                .hasMessageContaining("shops.tea-house.webhook-secret").hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!", "shops.tea-house.webhook-secret"))
                .hasMessageContaining("shops.tea-house.webhook-secret").hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=", "shops.tea-house.webhook-secret"))
                .hasMessageContaining("too short");
    }

    @Test
    void shouldNeverShowTheSecretInItsText() {
        assertThat(WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "secret").toString()).doesNotContain("MfKQ");
    }
}
