package org.orderpool.fraud.topology;

import static org.orderpool.runtime.CompactFields.ints;
import static org.orderpool.runtime.CompactFields.text;
import static org.orderpool.runtime.CompactFields.texts;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.orderpool.fraud.domain.AssessedOrder;
import org.orderpool.fraud.domain.History;
import org.orderpool.fraud.domain.Observation;
import org.orderpool.fraud.domain.Profile;
import org.orderpool.fraud.domain.ShopBasket;
import org.orderpool.runtime.CompactStateSerde;

/**
 * The compact forms of the pool view's busiest stores (assessed orders, one per order, whose last day is read back when
 * the pool's task starts; histories, three per order; a shop's basket, read and written for each of its orders). Each
 * still reads the JSON fraud-check wrote before it, an observation still reads format 1 (without its IP and address,
 * which its key said), and an assessed order format 1 (its identities alone).
 */
final class FraudStateSerdes {

    /** The first compact form: a history's, and an observation's before 2026-12-02 (without its IP and address). */
    static final byte FIRST_FORMAT = 1;
    /** An observation's since 2026-12-02: one record per order, naming all its traits; an assessed order's since 2026-12-08. */
    static final byte OBSERVATION_FORMAT = 2;
    /** An assessed order's before 2026-12-08: its identities alone (shop, card, e-mail, address). */
    static final byte IDENTITIES_FORMAT = 1;

    private FraudStateSerdes() {
    }

    /**
     * The pool's day of observations before 2026-12-08, when each order's observation had a store of its own: read (when
     * the pool's task starts), no longer written.
     */
    static CompactStateSerde<Observation> observations() {
        return CompactStateSerde.of(Observation.class, FIRST_FORMAT, OBSERVATION_FORMAT, FraudStateSerdes::writeObservation,
                FraudStateSerdes::readObservation);
    }

    /**
     * An assessed order, one per order: its observation (format 2, as {@link #observations()} writes it), from which its
     * identities follow; before 2026-12-08 its identities alone (format 1, and the JSON before that).
     */
    static CompactStateSerde<AssessedOrder> assessedOrders() {
        return CompactStateSerde.of(AssessedOrder.class, IDENTITIES_FORMAT, OBSERVATION_FORMAT, (out, o) -> {
            if (o.observation() == null) {
                throw new IOException("an assessed order is written with its observation");
            }
            writeObservation(out, o.observation());
        }, (format, in) -> format == IDENTITIES_FORMAT
                ? new AssessedOrder(text(in), text(in), text(in), text(in), null)
                : AssessedOrder.of(readObservation(format, in)));
    }

    private static void writeObservation(final DataOutputStream out, final Observation o) throws IOException {
        text(out, o.orderId());
        out.writeLong(o.atMillis());
        text(out, o.shopId());
        text(out, o.cardFingerprint());
        text(out, o.cardBin());
        text(out, o.email());
        if (o.holderNames().size() > 65_535) {
            throw new IOException("an observation keeps at most 65,535 holder names, not " + o.holderNames().size());
        }
        out.writeShort(o.holderNames().size());
        for (final String name : o.holderNames()) {
            text(out, name);
        }
        out.writeBoolean(o.declined());
        text(out, o.clientIp());
        text(out, o.shippingAddressKey());
    }

    private static Observation readObservation(final byte format, final DataInputStream in) throws IOException {
        final String orderId = text(in);
        final long at = in.readLong();
        final String shop = text(in);
        final String card = text(in);
        final String bin = text(in);
        final String email = text(in);
        final int names = in.readUnsignedShort();
        final List<String> holderNames = new ArrayList<>(names);
        for (int i = 0; i < names; i++) {
            holderNames.add(text(in));
        }
        final boolean declined = in.readBoolean();
        return format == FIRST_FORMAT ? new Observation(orderId, at, shop, card, bin, email, holderNames, declined)
                : new Observation(orderId, at, shop, card, bin, email, holderNames, declined, text(in), text(in));
    }

    /** A shop's usual basket, read and written for every order of the shop. */
    static CompactStateSerde<ShopBasket> baskets() {
        return CompactStateSerde.of(ShopBasket.class, (out, b) -> {
            out.writeLong(b.usualMinor());
            out.writeInt(b.samples());
        }, (format, in) -> new ShopBasket(in.readLong(), in.readInt()));
    }

    static CompactStateSerde<History> histories() {
        return CompactStateSerde.of(History.class, (out, h) -> {
            out.writeLong(h.firstSeenAtMillis());
            out.writeLong(h.lastSeenAtMillis());
            out.writeInt(h.orders());
            out.writeLong(h.usualMinor());
            final Profile p = h.profile();
            ints(out, p.cards());
            texts(out, p.cardCountries());
            texts(out, p.ipCountries());
            ints(out, p.addresses());
            out.writeInt(p.phone());
        }, (format, in) -> new History(in.readLong(), in.readLong(), in.readInt(), in.readLong(),
                new Profile(ints(in), texts(in), texts(in), ints(in), in.readInt())));
    }
}
