package org.orderpool.shopsync.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON shops read from shop-sync, webhooks and API alike: fields in declaration order, instants as
 * ISO-8601 strings in UTC. One mapper, so a parcel looks the same in a webhook and in the API.
 */
public final class ShopJson {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ShopJson() {
    }

    public static String write(final Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(final String json, final Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
