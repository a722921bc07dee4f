package org.orderpool.shopsync.api;

/** Asks another instance of shop-sync for what it holds ({@link ApiRouter#LOCAL_SCOPE}), with the shop's own token. */
public interface PeerClient {

    /**
     * @param pathAndQuery for example {@code /shops/tea-house/orders?updatedSince=...}, already encoded
     * @return the instance's answer; an instance that could not be reached answers status 0 with the error as body
     */
    Answer get(String baseUrl, String pathAndQuery, String authorization);

    record Answer(int status, String body) {
    }
}
