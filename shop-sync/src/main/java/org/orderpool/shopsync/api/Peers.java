package org.orderpool.shopsync.api;

import java.util.List;

/** The other running instances of shop-sync, as base URLs of their shop API ({@code http://host:port}). */
public interface Peers {

    List<String> others();
}
