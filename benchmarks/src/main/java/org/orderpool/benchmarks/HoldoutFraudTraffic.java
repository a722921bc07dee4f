package org.orderpool.benchmarks;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.AuthorisationStatus;
import org.orderpool.contracts.Customer;
import org.orderpool.contracts.DisputeKind;
import org.orderpool.contracts.Money;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.PaymentMethod;
import org.orderpool.contracts.SalesChannel;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.ThreeDSecureResult;
import org.orderpool.intake.domain.CardNumberGuard;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.serde.AvroClassTrust;

/**
 * A second, independent week of labelled order traffic for the pool's four shops, for measuring fraud-check.
 * It was written from public descriptions of how card fraud looks and of the honest orders that look like it,
 * without reading fraud-check's rules or the first generator ({@code FraudQualityBenchmark}), and it must not be
 * tuned on what fraud-check decides: its value is that the rules were never fitted to it.
 *
 * <p>What it models, and where from:
 * <ul>
 *   <li><b>Reshipping mules</b>: stolen cards of many issuers and cardholder names, shipped within minutes to hours
 *   to one drop (a recruited person's flat, or a parcel forwarder's suite), from several shops, big resellable
 *   items, the drop address written slightly differently from order to order ("Drops for Stuff: An Analysis of
 *   Reshipping Mule Scams", ACM CCS 2015, and KrebsOnSecurity's summary; Signifyd, "Freight forwarding fraud and
 *   work from home schemes"; USPS Publication 300A, "Reshipping Fraud").</li>
 *   <li><b>BIN / enumeration attacks</b>: one BIN, many card numbers each tried once, low amounts (under the 30 EUR
 *   that PSD2 exempts from strong authentication), scripted bursts seconds apart from one to three IPs, mostly
 *   foreign or data-centre, a new throwaway e-mail each time, most attempts declined (Checkout.com, "Identify
 *   fraud and protect your business", passing on Visa's enumeration guidance; ACFE Fraud Magazine, "The evolution
 *   of PAN enumeration attacks"; Stripe, "Addressing card testing quickly"; Kount, "Card testing").</li>
 *   <li><b>Account takeover</b>: a known customer's e-mail and account, then a new card (or the saved one), a new
 *   delivery address while the billing address stays the victim's, a new IP and often another country, a bigger
 *   basket, express shipping; one attacker behind several accounts (Ravelin, "Six fraud signals to spot account
 *   takeover" and "How to limit the impact of account takeover"; Signifyd, "What is account takeover fraud";
 *   MaxMind, "E-commerce Fraud 101: Account Takeover"; Aite Group via Fierce Retail, "Address changes").</li>
 *   <li><b>Card-not-present with stolen cards</b>: a first order, a large basket of several of the same
 *   resellable item, rush shipping, no 3-D Secure (mostly cards from outside the EEA, where PSD2 does not force
 *   it), card and IP from countries other than the shipping one (American Express, "When card is not present";
 *   Visa's "12 potential signs of CNP fraud" as republished by Paya and others).</li>
 *   <li><b>Friendly fraud</b>: the real cardholder's ordinary-looking order, disputed weeks later ("item not
 *   received", "I don't recognise this", a family member's purchase). Labelled fraud, but not part of the recall
 *   target: at order time it looks like the genuine order it is (Verifi, "What is chargeback fraud"; NoFraud and
 *   Chargeback.com glossaries).</li>
 *   <li><b>Disputes before the week</b> ({@link #generateWithHistory}): about a third of the week's friendly
 *   fraudsters already disputed an earlier order at the pool's shops, and about three in ten of those two or three
 *   (friendly fraud is learned: after an easy first chargeback many file again within 90 days, Global Risk
 *   Technologies / Chargebacks911 as reported by Payments Cards &amp; Mobile, "86 % of fraud in chargebacks"; one
 *   UK shopper in ten filed three or more chargebacks in a year and 15 % of US shoppers five or more, Justt's 2022
 *   survey via The Paypers). Their earlier orders are ordinary ones with their own card, e-mail and home, at the
 *   week's shop or another, 2 to 130 days before the week; the dispute is opened days to weeks later, within the
 *   schemes' 120 days from the transaction (Adyen, "Chargeback guidelines"; paymentsandrisk.com, "Chargeback time
 *   frames"), a chargeback or, less often, an inquiry (retrieval request) first, with the reasons friendly
 *   fraudsters give (not received, unrecognised, "fraudulent" for a household member's purchase, returned but not
 *   credited: Ethoca, "Are cardholders being taught to engage in friendly fraud?"; Sift's survey via
 *   ConsumerAffairs). The pool receives it minutes after it opens from the Shopify shop (disputes/create) and
 *   hours to days after from the others, always before the week. The honest side: about 1 % of the week's honest
 *   card customers once disputed for a real reason (a parcel really lost: product_not_received; a duplicate
 *   charge) or had their issuer raise an inquiry over a statement descriptor they did not recognise (a leading cause
 *   of inquiries, Verifi as reported in the same article); they are labelled legitimate. That is more than the
 *   sources' share of honest disputes (GRT puts 86 % of chargebacks down to friendly fraud, and customers buy less
 *   from a merchant after a chargeback: Verifi and Javelin, "The Chargeback Triangle"), on purpose, so that the
 *   benchmark can measure what a dispute history does to honest customers. One in ten of the other customers has
 *   one or two undisputed earlier orders, so that a history alone marks nobody. Earlier orders are not labelled and
 *   not measured; their shop references lie below the week's, at the shop's rate.</li>
 *   <li><b>Legitimate look-alikes</b>: offices and mobile carriers putting many customers behind one IP (Adyen,
 *   "Shopper used shared IP address"; Cloudflare, "One IP address, many users: detecting CGNAT"), travellers on
 *   hotel Wi-Fi and expatriates, gifts shipped to another country, loyal big spenders, households and flat shares
 *   with several cards at one address, a declined card that succeeds on the retry (soft declines asking for
 *   strong authentication), and a shop's flash sale (velocity thresholds tuned on flash sales: paymentsandrisk.com,
 *   "Velocity rules"; ShieldFlow, "Flash sales and BFCM"). Popular issuers' BINs are common, so many honest
 *   orders share a BIN.</li>
 * </ul>
 *
 * <p>Everything is drawn from one seeded {@link Random} in a fixed order, so a seed always gives the same orders;
 * the history is drawn after the whole week, so the week's orders are those of a generator without history (only
 * the variants of orders whose customers disputed before say so).
 * Card data is what the contract allows (BIN, last four, the provider's fingerprint token, country), never a card
 * number. Prices are the shops' prices of the shop simulator (the catalogue carries weights, not prices); IP
 * addresses come from per-country prefixes of this generator, so an address always has the same country.
 *
 * <p>It does not model what fraud-check cannot see: devices, sessions, login events, AVS or CVC results.
 */
public final class HoldoutFraudTraffic {

    /** The pool's shops and their customers live on Central European Time; the traffic's day follows it. */
    public static final ZoneId POOL_ZONE = ZoneId.of("Europe/Paris");

    /** What an order is, as the label the benchmark measures against. */
    public enum Pattern {
        RESHIPPING_MULE("reshipping-mule", Kind.FRAUD),
        BIN_ATTACK("bin-attack", Kind.FRAUD),
        ACCOUNT_TAKEOVER("account-takeover", Kind.FRAUD),
        STOLEN_CARD("stolen-card-cnp", Kind.FRAUD),
        FRIENDLY_FRAUD("friendly-fraud", Kind.FRAUD_NOT_TARGETED),
        ORDINARY("ordinary", Kind.LEGITIMATE),
        SHARED_IP("shared-ip", Kind.LEGITIMATE),
        TRAVELLER("traveller", Kind.LEGITIMATE),
        GIFT_ABROAD("gift-abroad", Kind.LEGITIMATE),
        LOYAL_BIG_SPENDER("loyal-big-spender", Kind.LEGITIMATE),
        FAMILY_SHARED_ADDRESS("family-shared-address", Kind.LEGITIMATE),
        DECLINE_THEN_SUCCESS("decline-then-success", Kind.LEGITIMATE),
        FLASH_SALE("flash-sale", Kind.LEGITIMATE);

        private enum Kind { FRAUD, FRAUD_NOT_TARGETED, LEGITIMATE }

        private final String label;
        private final Kind kind;

        Pattern(final String label, final Kind kind) {
            this.label = label;
            this.kind = kind;
        }

        public String label() {
            return label;
        }

        public boolean fraud() {
            return kind != Kind.LEGITIMATE;
        }

        /** Fraud that a check at order time is expected to catch; friendly fraud is not. */
        public boolean inRecallTarget() {
            return kind == Kind.FRAUD;
        }
    }

    /** One order with its label, the scenario variant that made it, and the time the pool accepted it. */
    public record LabelledOrder(Order order, Pattern pattern, String variant, Instant acceptedAt) {
    }

    /**
     * Everything the pool sees: the week's labelled orders, and before them the earlier orders of some of the week's
     * customers (accepted in the {@value #HISTORY_DAYS} days before the week, not labelled, not measured) and the
     * disputes reported on them (each received by the pool after its order and before the week).
     *
     * @param week     the week's orders, in the order the pool accepted them
     * @param history  earlier orders, in the order the pool accepted them, all before the week
     * @param disputes the disputes on earlier orders, in the order the pool received them, all before the week
     */
    public record Traffic(List<LabelledOrder> week, List<Order> history, List<OrderDispute> disputes) {
    }

    /** How far back the earlier orders go: inside the card schemes' 120 days to dispute, plus a few days. */
    public static final int HISTORY_DAYS = 130;

    /** The week to generate and how many orders of each pattern. */
    public record Config(LocalDate firstDay, Map<Pattern, Integer> orders) {

        public static final LocalDate DEFAULT_FIRST_DAY = LocalDate.of(2026, 12, 7);

        public Config {
            final Map<Pattern, Integer> copy = new EnumMap<>(Pattern.class);
            for (final Pattern pattern : Pattern.values()) {
                final Integer count = orders.get(pattern);
                if (count == null || count < 0) {
                    throw new IllegalArgumentException("orders of pattern " + pattern.label()
                            + " must be 0 or more, was " + count);
                }
                copy.put(pattern, count);
            }
            orders = Collections.unmodifiableMap(copy);
        }

        /**
         * About 4,400 orders in a week, 4.3 % of them fraud (3.6 % in the recall target): Europe's order-level fraud
         * is put at about 3 % of orders, and card testing adds attempts on top.
         */
        public static Config defaults() {
            final Map<Pattern, Integer> orders = new EnumMap<>(Pattern.class);
            orders.put(Pattern.RESHIPPING_MULE, 40);
            orders.put(Pattern.BIN_ATTACK, 45);
            orders.put(Pattern.ACCOUNT_TAKEOVER, 36);
            orders.put(Pattern.STOLEN_CARD, 36);
            orders.put(Pattern.FRIENDLY_FRAUD, 32);
            orders.put(Pattern.ORDINARY, 3_600);
            orders.put(Pattern.SHARED_IP, 140);
            orders.put(Pattern.TRAVELLER, 60);
            orders.put(Pattern.GIFT_ABROAD, 80);
            orders.put(Pattern.LOYAL_BIG_SPENDER, 60);
            orders.put(Pattern.FAMILY_SHARED_ADDRESS, 60);
            orders.put(Pattern.DECLINE_THEN_SUCCESS, 70);
            orders.put(Pattern.FLASH_SALE, 120);
            return new Config(DEFAULT_FIRST_DAY, orders);
        }

        /** Every pattern's count times the factor, rounded, at least 1 where it was at least 1. */
        public Config scaled(final double factor) {
            if (!(factor > 0)) {
                throw new IllegalArgumentException("scale must be more than 0, was " + factor);
            }
            final Map<Pattern, Integer> scaled = new EnumMap<>(Pattern.class);
            orders.forEach((pattern, count) -> scaled.put(pattern,
                    count == 0 ? 0 : (int) Math.max(1, Math.round(count * factor))));
            return new Config(firstDay, scaled);
        }

        public int orders(final Pattern pattern) {
            return orders.get(pattern);
        }

        public int total() {
            return orders.values().stream().mapToInt(Integer::intValue).sum();
        }

        public Instant weekStart() {
            return firstDay.atStartOfDay(POOL_ZONE).toInstant();
        }

        public Instant weekEnd() {
            return firstDay.plusDays(7).atStartOfDay(POOL_ZONE).toInstant();
        }
    }

    public static final List<String> SHOP_IDS = List.of("tea-house", "ceramics-studio", "bike-corner", "book-nook");

    private HoldoutFraudTraffic() {
    }

    /** The week's orders, in the order the pool accepted them (the week of {@link #generateWithHistory}). */
    public static List<LabelledOrder> generate(final Config config, final long seed) {
        return generateWithHistory(config, seed).week();
    }

    /** The week's orders and, before them, the earlier orders and disputes of some of its customers. */
    public static Traffic generateWithHistory(final Config config, final long seed) {
        // the builders fill enum defaults through Avro, which instantiates only classes it was told to trust
        AvroClassTrust.trustPackageOf(Order.class);
        return new Generator(config, seed).run();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reference data

    private record Product(String sku, String title, long priceCents, double popularity, boolean resellable,
                           boolean giftable) {
    }

    private record Shop(String id, SalesChannel channel, String refPrefix, int share, List<String> skus,
                        double ipCountryResolved) {
    }

    private record City(String name, List<String> postalCodes, List<String> streets, String region) {
    }

    private record Country(String code, double homeWeight, boolean numberFirst, List<String> firstNames,
                           List<String> lastNames, List<String> mailDomains, List<City> cities, List<String> broadband,
                           List<String> mobile, List<String> phoneFormats, List<String> flatLines) {
    }

    private record Forwarder(String company, String line1, String postalCode, String city, String country,
                             String suitePrefix) {
    }

    private static final Map<String, Product> PRODUCTS = new LinkedHashMap<>();
    private static final List<Shop> SHOPS;
    private static final Map<String, Country> COUNTRIES = new LinkedHashMap<>();
    /** Countries that appear only as an IP's or a card's country. */
    private static final Map<String, List<String>> OTHER_IP_PREFIXES = new LinkedHashMap<>();
    /** Data-centre and VPN exits, by the country their IPs resolve to. */
    private static final Map<String, List<String>> HOSTING_PREFIXES = new LinkedHashMap<>();
    private static final List<Forwarder> FORWARDERS = List.of(
            new Forwarder("ParcelBridge Forwarding BV", "Celsiusweg 41", "5928 PR", "Venlo", "NL", "PB"),
            new Forwarder("EuroTransit Logistik GmbH", "Gewerbering 7", "15831", "Mahlow", "DE", "ET"),
            new Forwarder("Baltic Cargo Hub Sp. z o.o.", "ul. Magazynowa 12", "05-090", "Raszyn", "PL", "BCH"),
            new Forwarder("Fret Express Consolidation SARL", "14 rue de la Logistique", "93290", "Tremblay-en-France",
                    "FR", "FEC"),
            new Forwarder("Iberia Reenvíos SL", "Calle de la Industria 22", "28823", "Coslada", "ES", "IR"));
    private static final List<String> FREE_MAIL = List.of("gmail.com", "outlook.com", "yahoo.com", "hotmail.com",
            "proton.me", "icloud.com");
    private static final List<String> DISPOSABLE_MAIL = List.of("mailinator.com", "yopmail.com", "guerrillamail.com",
            "sharklasers.com", "temp-mail.org", "trashmail.com", "10minutemail.com");
    private static final Set<String> EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI",
            "NO");
    private static final Set<String> NEAR = Set.of("FR", "BE", "DE", "NL", "LU");
    private static final double[] HOUR_WEIGHTS = {1.5, 0.8, 0.5, 0.3, 0.3, 0.5, 1.2, 2.5, 3.5, 4.5, 5, 5, 5.5, 5.5,
        5, 4.8, 5, 5.5, 6.5, 7.5, 8.5, 8.5, 6.5, 3.5};
    private static final double[] DAY_WEIGHTS = {1.05, 1.0, 1.0, 1.0, 0.95, 1.0, 1.15};
    /** The week's friendly fraudsters who already disputed an earlier order at the pool's shops (see the class). */
    private static final double FRIENDLY_REPEAT_SHARE = 0.35;
    /** Of those, the serial ones with two or three earlier disputes. */
    private static final double FRIENDLY_SERIAL_SHARE = 0.3;
    /** The week's honest card customers who once disputed an order for a real reason, or whose issuer inquired. */
    private static final double HONEST_DISPUTER_SHARE = 0.012;
    /** The week's other customers with one or two undisputed earlier orders. */
    private static final double UNDISPUTED_HISTORY_SHARE = 0.1;
    /** What friendly fraudsters give as the reason, in Shopify's names. */
    private static final List<String> FRIENDLY_REASONS = List.of("product_not_received", "fraudulent", "unrecognized",
            "product_unacceptable", "credit_not_processed", "general");
    private static final double[] FRIENDLY_REASON_WEIGHTS = {30, 25, 20, 10, 10, 5};

    static {
        product("SKU-TEA-01", "Sencha green tea 100 g", 1_250, 5, false, true);
        product("SKU-TEA-02", "Assam breakfast tea 250 g", 990, 5, false, false);
        product("SKU-TEA-03", "Rooibos vanilla 100 g", 850, 4, false, true);
        product("SKU-MUG-01", "Stoneware mug blue", 1_890, 4, false, true);
        product("SKU-MUG-02", "Stoneware mug sand", 1_890, 3, false, true);
        product("SKU-POT-01", "Cast-iron teapot 0.8 l", 5_900, 1.5, true, true);
        product("SKU-BOWL-01", "Ceramic bowl 15 cm", 1_450, 4, false, false);
        product("SKU-PLATE-01", "Ceramic plate 27 cm", 1_690, 3, false, false);
        product("SKU-CANDLE-01", "Beeswax candle set", 2_400, 3, false, true);
        product("SKU-SOAP-01", "Olive oil soap 3-pack", 1_100, 3, false, true);
        product("SKU-BIKE-LIGHT-01", "Bike light set USB", 2_100, 4, true, true);
        product("SKU-BIKE-BELL-01", "Brass bike bell", 500, 3, false, true);
        product("SKU-BIKE-BAG-01", "Waxed canvas pannier", 8_900, 1.2, true, false);
        product("SKU-BIKE-TUBE-01", "Inner tube 700x28", 700, 5, false, false);
        product("SKU-BOOK-01", "Field guide to garden birds", 2_200, 4, false, true);
        product("SKU-BOOK-02", "Sourdough baking handbook", 2_800, 3, false, true);
        product("SKU-PRINT-01", "Art print A3 (rolled)", 3_500, 2, false, true);
        product("SKU-PRINT-02", "Art print A2 (rolled)", 5_500, 1.2, true, true);
        product("SKU-RUG-01", "Wool rug 120x180", 24_900, 0.4, true, false);
        product("SKU-CHAIR-01", "Folding oak chair", 15_900, 0.5, true, false);

        SHOPS = List.of(
                new Shop("tea-house", SalesChannel.POOL_JSON, "TH", 4, List.of("SKU-TEA-01", "SKU-TEA-02", "SKU-TEA-03",
                        "SKU-MUG-01", "SKU-MUG-02", "SKU-POT-01"), 1.0),
                new Shop("ceramics-studio", SalesChannel.SHOPIFY, "CS", 3, List.of("SKU-BOWL-01", "SKU-PLATE-01",
                        "SKU-MUG-01", "SKU-MUG-02", "SKU-CANDLE-01", "SKU-RUG-01"), 1.0),
                // a WooCommerce shop without a geolocation plug-in sends the IP but not its country
                new Shop("bike-corner", SalesChannel.WOOCOMMERCE, "BC", 2, List.of("SKU-BIKE-LIGHT-01",
                        "SKU-BIKE-BELL-01", "SKU-BIKE-BAG-01", "SKU-BIKE-TUBE-01", "SKU-CHAIR-01"), 0.85),
                new Shop("book-nook", SalesChannel.KAFKA, "BN", 2, List.of("SKU-BOOK-01", "SKU-BOOK-02", "SKU-PRINT-01",
                        "SKU-PRINT-02", "SKU-SOAP-01"), 1.0));

        final String frenchFirst = "Camille|Léa|Manon|Chloé|Inès|Julie|Sarah|Emma|Louise|Thomas|Lucas|Hugo|Nicolas|"
                + "Julien|Antoine|Maxime|Pierre|Élodie|Mathilde|Baptiste|Claire|Aurélien";
        final String germanFirst = "Lena|Anna|Laura|Julia|Lisa|Katharina|Hannah|Jonas|Lukas|Leon|Felix|Maximilian|"
                + "Paul|Tim|Jan|Niklas|Sophie|Marie|Tobias|Jürgen|Sabine|Stefan";
        final String germanLast = "Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Koch|"
                + "Richter|Klein|Wolf|Schröder|Neumann|Schwarz|Braun|Zimmermann|Hartmann";
        final String englishFirst = "James|Michael|Robert|John|David|William|Jennifer|Linda|Patricia|Jessica|Sarah|"
                + "Emily|Daniel|Matthew|Ashley|Christopher|Olivia|Jack|Harry|Sophie|Chloe|Ryan";
        final String englishLast = "Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Wilson|Taylor|Anderson|Thomas|"
                + "Moore|Walker|Evans|Roberts|Wright|Green|Hall|Clarke|Hughes";
        country("FR", 24, true, frenchFirst,
                "Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefebvre|"
                        + "Michel|Garcia|Fournier|Girard|Bonnet|Roux|Fontaine",
                "orange.fr|free.fr|laposte.net|sfr.fr|gmail.com|hotmail.fr|yahoo.fr|outlook.fr|icloud.com",
                List.of(city("Paris", "75011|75015|75018|75020", "rue Oberkampf|rue de la Roquette|boulevard Voltaire|"
                                + "rue des Pyrénées|rue Lecourbe"),
                        city("Lyon", "69003|69007|69004", "rue des Lilas|cours Gambetta|rue Garibaldi|"
                                + "grande rue de la Croix-Rousse"),
                        city("Marseille", "13001|13006", "rue de Rome|boulevard Baille"),
                        city("Nantes", "44000|44100", "quai de la Fosse|rue Crébillon"),
                        city("Lille", "59000|59800", "rue Solférino|rue Nationale"),
                        city("Bordeaux", "33000|33800", "cours Victor Hugo|rue Sainte-Catherine"),
                        city("Toulouse", "31000|31400", "rue d'Alsace-Lorraine|allées Jean Jaurès"),
                        city("Strasbourg", "67000", "rue du Faubourg National|Grand'Rue")),
                "90.12|90.45|86.245|92.184|82.64|78.192|88.160", "37.170|37.171", "+33 6## ## ## ##|+33 7## ## ## ##",
                "Apt #|Bâtiment B, apt ##|#e étage");
        country("DE", 24, false, germanFirst, germanLast,
                "web.de|gmx.de|gmx.net|t-online.de|gmail.com|outlook.de|posteo.de|freenet.de",
                List.of(city("Berlin", "10115|10245|10437|12043|10967", "Kastanienallee|Boxhagener Straße|Sonnenallee|"
                                + "Bergmannstraße|Schönhauser Allee"),
                        city("Hamburg", "20095|22765|20357", "Ottenser Hauptstraße|Schanzenstraße|Eppendorfer Weg"),
                        city("München", "80331|80469|81667", "Sendlinger Straße|Fraunhoferstraße|Wörthstraße"),
                        city("Köln", "50667|50823", "Ehrenstraße|Venloer Straße"),
                        city("Frankfurt am Main", "60311|60316", "Berger Straße|Schweizer Straße"),
                        city("Leipzig", "04109|04277", "Karl-Liebknecht-Straße|Könneritzstraße"),
                        city("Stuttgart", "70173|70178", "Tübinger Straße|Marienstraße")),
                "91.64|87.123|84.150|93.208|79.246|95.90", "80.187|109.43", "+49 15# ########|+49 17# #######",
                "Wohnung #|#. OG links|#. OG rechts");
        country("NL", 10, false, "Emma|Sophie|Julia|Anna|Lotte|Sanne|Daan|Sem|Lucas|Thijs|Jesse|Bram|Femke|Ruben|Lars",
                "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|"
                        + "de Groot|Bos|Vos",
                "ziggo.nl|kpnmail.nl|gmail.com|hotmail.com|outlook.com|xs4all.nl|planet.nl",
                List.of(city("Amsterdam", "1012 AB|1053 KL|1017 PT|1091 GH", "Prinsengracht|Kinkerstraat|"
                                + "Utrechtsestraat|Eerste Oosterparkstraat"),
                        city("Utrecht", "3511 LN|3581 HX", "Oudegracht|Biltstraat"),
                        city("Rotterdam", "3012 AA|3021 PB", "Witte de Withstraat|Nieuwe Binnenweg"),
                        city("Den Haag", "2511 CV|2514 JM", "Frederikstraat|Prinsestraat"),
                        city("Eindhoven", "5611 EH", "Stratumseind|Kruisstraat")),
                "84.241|77.170|86.88|145.53", "31.21|62.140", "+31 6 ########", "# hoog|huis #|bis");
        country("BE", 8, false, "Lucas|Louis|Noah|Arthur|Emma|Olivia|Louise|Mila|Elise|Lotte|Wout|Sofie|Julien|Manon",
                "Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|Dubois|Lambert|Dupont",
                "telenet.be|skynet.be|proximus.be|gmail.com|hotmail.com",
                List.of(city("Gent", "9000|9050", "Veldstraat|Overpoortstraat"),
                        city("Bruxelles", "1000|1050|1060", "Rue Haute|Chaussée d'Ixelles|Rue de la Victoire"),
                        city("Antwerpen", "2000|2018", "Meir|Kammenstraat"),
                        city("Liège", "4000", "Rue Saint-Gilles|Rue Féronstrée")),
                "81.82|94.224|178.116", "46.183", "+32 4## ## ## ##", "bus #|boîte #");
        country("ES", 8, false, "Lucía|María|Paula|Laura|Carmen|Sofía|Alejandro|Pablo|Daniel|Javier|Sergio|Adrián|"
                        + "Marta|Elena|Hugo",
                "García|Fernández|González|Rodríguez|López|Martínez|Sánchez|Pérez|Gómez|Martín|Jiménez|Ruiz|"
                        + "Hernández|Díaz|Moreno",
                "gmail.com|hotmail.es|yahoo.es|telefonica.net|outlook.es",
                List.of(city("Madrid", "28004|28012|28045", "Calle de Fuencarral|Calle de Embajadores|"
                                + "Paseo de las Delicias"),
                        city("Barcelona", "08001|08012|08037", "Carrer de Verdi|Carrer de Sant Pau|"
                                + "Passeig de Sant Joan"),
                        city("Sevilla", "41001|41003", "Calle Sierpes|Calle Feria"),
                        city("Valencia", "46001|46004", "Carrer de Russafa|Calle de Colón"),
                        city("Bilbao", "48005|48001", "Calle Ledesma|Calle Somera")),
                "83.46|88.12|79.153", "37.133", "+34 6## ### ###", "#º B|#º izq.|#º 2ª");
        country("IT", 8, false, "Giulia|Sofia|Martina|Chiara|Francesca|Alessandro|Lorenzo|Matteo|Andrea|Luca|Marco|"
                        + "Giorgio|Elena|Sara|Davide",
                "Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Gallo|Conti|De Luca|"
                        + "Costa",
                "libero.it|virgilio.it|gmail.com|alice.it|tiscali.it|hotmail.it",
                List.of(city("Milano", "20121|20144|20135", "Via Torino|Corso di Porta Ticinese|Via Padova"),
                        city("Roma", "00153|00184|00185", "Via del Pigneto|Via Cavour|Via Merulana"),
                        city("Torino", "10123|10124", "Via Po|Via Garibaldi"),
                        city("Bologna", "40125|40126", "Via Zamboni|Via Santo Stefano"),
                        city("Napoli", "80134|80138", "Via Toledo|Via dei Tribunali")),
                "79.25|93.35|151.38|87.7", "5.90", "+39 3## ### ####", "Scala B, int. #|int. #");
        country("AT", 4, false, germanFirst, germanLast, "gmx.at|aon.at|chello.at|gmail.com|a1.net",
                List.of(city("Wien", "1070|1060|1020", "Neubaugasse|Mariahilfer Straße|Praterstraße"),
                        city("Graz", "8010", "Sporgasse|Annenstraße"),
                        city("Linz", "4020", "Landstraße|Herrenstraße"),
                        city("Salzburg", "5020", "Linzer Gasse|Getreidegasse")),
                "84.113|188.23", "77.116", "+43 66# #######", "Top #|Stiege 2, Top #");
        country("PT", 3, false, "Beatriz|Maria|Ana|Inês|Mariana|João|Pedro|Tiago|Diogo|Rui",
                "Silva|Santos|Ferreira|Pereira|Oliveira|Costa|Rodrigues|Martins|Sousa|Fernandes",
                "sapo.pt|gmail.com|hotmail.com|netcabo.pt",
                List.of(city("Lisboa", "1100-148|1200-195", "Rua Augusta|Rua da Rosa"),
                        city("Porto", "4000-322|4050-253", "Rua das Flores|Rua de Cedofeita")),
                "85.243|188.81", "148.69", "+351 9# ### ####", "#º Esq.|#º Dto.");
        country("PL", 3, false, "Anna|Katarzyna|Magdalena|Agnieszka|Zofia|Piotr|Jakub|Tomasz|Michał|Paweł",
                "Nowak|Kowalski|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|Zieliński|Szymański|Woźniak",
                "wp.pl|o2.pl|onet.pl|interia.pl|gmail.com",
                List.of(city("Warszawa", "00-950|02-495|00-662", "ul. Marszałkowska|ul. Puławska|ul. Koszykowa"),
                        city("Kraków", "31-042|30-060", "ul. Floriańska|ul. Karmelicka"),
                        city("Wrocław", "50-138", "ul. Świdnicka|ul. Ruska"),
                        city("Gdańsk", "80-831", "ul. Długa|ul. Mariacka")),
                "83.24|89.64", "37.47", "+48 ### ### ###", "m. #|lok. #");
        country("IE", 2, true, "Aoife|Ciarán|Siobhán|Seán|Niamh|Conor|Saoirse|Oisín|Emma|Jack",
                "Murphy|Kelly|O'Brien|Byrne|Ryan|Walsh|O'Sullivan|Doyle|McCarthy|Gallagher",
                "eircom.net|gmail.com|hotmail.com|outlook.ie",
                List.of(city("Dublin", "D02 X285|D08 T2W4|D06 F2R3", "Camden Street|Thomas Street|Rathmines Road"),
                        city("Cork", "T12 R2NC", "Oliver Plunkett Street|MacCurtain Street")),
                "86.46|109.78", "37.228", "+353 8# ### ####", "Apartment #|Flat #");
        country("SE", 2, false, "Elsa|Alice|Maja|Astrid|Wilma|Lucas|Liam|William|Elias|Oscar",
                "Andersson|Johansson|Karlsson|Nilsson|Eriksson|Larsson|Olsson|Persson",
                "telia.com|gmail.com|hotmail.se|bredband.net",
                List.of(city("Stockholm", "114 55|118 26", "Götgatan|Odengatan"),
                        city("Göteborg", "411 37", "Linnégatan|Vasagatan"),
                        city("Malmö", "211 22", "Södergatan|Davidshallsgatan")),
                "81.229|90.224", "90.128", "+46 7# ### ## ##", "lgh 1#0#");
        country("DK", 1, false, "Freja|Ida|Clara|Emma|William|Noah|Oscar|Mikkel",
                "Nielsen|Jensen|Hansen|Pedersen|Andersen|Christensen|Larsen", "gmail.com|hotmail.dk|mail.dk|live.dk",
                List.of(city("København", "2200|1050|2100", "Nørrebrogade|Istedgade|Østerbrogade"),
                        city("Aarhus", "8000", "Frederiksgade|Jægergårdsgade")),
                "87.49|80.62", "2.104", "+45 ## ## ## ##", "#. th.|#. tv.");
        country("FI", 1, false, "Aino|Helmi|Emilia|Onni|Eino|Leo|Väinö|Sofia",
                "Korhonen|Virtanen|Mäkinen|Nieminen|Mäkelä|Hämäläinen|Laine|Heikkinen",
                "gmail.com|luukku.com|kolumbus.fi",
                List.of(city("Helsinki", "00100|00530", "Mannerheimintie|Fleminginkatu"),
                        city("Tampere", "33100", "Hämeenkatu|Kuninkaankatu")),
                "84.248|91.155", "91.152", "+358 4# ### ####", "A #|B #");
        country("CH", 1, false, germanFirst, germanLast, "bluewin.ch|gmx.ch|gmail.com|sunrise.ch",
                List.of(city("Zürich", "8001|8004", "Langstrasse|Badenerstrasse"),
                        city("Genève", "1201|1205", "Rue de Lausanne|Boulevard Carl-Vogt"),
                        city("Basel", "4051|4056", "Spalenberg|Elsässerstrasse")),
                "85.1|178.197", "178.238", "+41 7# ### ## ##", "#. Stock");
        country("GB", 1, true, englishFirst, englishLast, "btinternet.com|gmail.com|hotmail.co.uk|sky.com|outlook.com",
                List.of(city("London", "SW9 8PQ|E8 3RL|N1 7GU", "Brixton Road|Mare Street|Upper Street"),
                        city("Manchester", "M4 1HN", "Oldham Street|Tib Street"),
                        city("Bristol", "BS1 5TR", "Park Street|Gloucester Road")),
                "86.150|81.101", "92.40", "+44 7### ######", "Flat #");
        country("US", 0, true, englishFirst, englishLast, "gmail.com|yahoo.com|aol.com|outlook.com|icloud.com",
                List.of(new City("New York", words("10027|11211"), words("Amsterdam Avenue|Bedford Avenue"), "NY"),
                        new City("Houston", words("77002|77006"), words("Main Street|Westheimer Road"), "TX"),
                        new City("Miami", words("33130|33137"), words("SW 8th Street|Biscayne Boulevard"), "FL"),
                        new City("Chicago", words("60614|60622"), words("N Clark Street|W Division Street"), "IL")),
                "73.162|98.210|24.6", "172.56", "+1 ### ### ####", "Apt #|Unit #");

        otherIps("BR", "177.38|189.6");
        otherIps("VN", "113.161|14.232");
        otherIps("NG", "105.112|197.210");
        otherIps("ID", "36.72|114.124");
        otherIps("TR", "78.180");
        otherIps("IN", "49.36");
        otherIps("MA", "105.66");
        otherIps("TH", "171.96");
        otherIps("AE", "94.200");
        otherIps("JP", "126.227");
        otherIps("GR", "94.66");
        otherIps("HR", "93.136");
        otherIps("UA", "93.72");
        otherIps("RO", "86.120");
        HOSTING_PREFIXES.put("NL", words("185.107|109.201"));
        HOSTING_PREFIXES.put("DE", words("88.99|116.203"));
        HOSTING_PREFIXES.put("FR", words("51.91|54.36"));
        HOSTING_PREFIXES.put("US", words("45.33|104.156"));
        HOSTING_PREFIXES.put("GB", words("178.62"));
        HOSTING_PREFIXES.put("SE", words("193.138"));
        HOSTING_PREFIXES.put("CH", words("179.43"));
        checkPrefixesAreUnique();
    }

    private static void product(final String sku, final String title, final long priceCents, final double popularity,
                                final boolean resellable, final boolean giftable) {
        PRODUCTS.put(sku, new Product(sku, title, priceCents, popularity, resellable, giftable));
    }

    private static void country(final String code, final double homeWeight, final boolean numberFirst,
                                final String firstNames, final String lastNames, final String mailDomains,
                                final List<City> cities, final String broadband, final String mobile,
                                final String phoneFormats, final String flatLines) {
        COUNTRIES.put(code, new Country(code, homeWeight, numberFirst, words(firstNames), words(lastNames),
                words(mailDomains), cities, words(broadband), words(mobile), words(phoneFormats), words(flatLines)));
    }

    private static void otherIps(final String code, final String prefixes) {
        OTHER_IP_PREFIXES.put(code, words(prefixes));
    }

    private static City city(final String name, final String postalCodes, final String streets) {
        return new City(name, words(postalCodes), words(streets), null);
    }

    private static List<String> words(final String pipeSeparated) {
        return List.of(pipeSeparated.split("\\|"));
    }

    /** One prefix belongs to one country, so that every IP of this traffic has one country. */
    private static void checkPrefixesAreUnique() {
        final Set<String> seen = new HashSet<>();
        final List<String> all = new ArrayList<>();
        COUNTRIES.values().forEach(c -> {
            all.addAll(c.broadband());
            all.addAll(c.mobile());
        });
        OTHER_IP_PREFIXES.values().forEach(all::addAll);
        HOSTING_PREFIXES.values().forEach(all::addAll);
        for (final String prefix : all) {
            if (!seen.add(prefix)) {
                throw new IllegalStateException("IP prefix " + prefix + " is given to two countries");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Generation

    private record Card(String bin, String lastFour, String fingerprint, String country) {
    }

    private record Ip(String address, String country) {
    }

    /** A person who orders (an honest customer, a victim, or an identity a fraudster uses). */
    private static final class Person {
        private final String country;
        private final String firstName;
        private final String lastName;
        private final String email;
        private final Address home;
        private final Ip homeIp;
        private final List<Card> cards = new ArrayList<>();
        private final Map<String, String> accounts = new HashMap<>();
        private PaymentMethod prefers = PaymentMethod.CARD;
        private Instant firstSeen;
        private Shop lastShop;
        private long spentCents;
        private int orders;

        private Person(final String country, final String firstName, final String lastName, final String email,
                       final Address home, final Ip homeIp) {
            this.country = country;
            this.firstName = firstName;
            this.lastName = lastName;
            this.email = email;
            this.home = home;
            this.homeIp = homeIp;
        }

        private String fullName() {
            return firstName + " " + lastName;
        }

        private long averageSpend() {
            return orders == 0 ? 4_000 : spentCents / orders;
        }
    }

    /** An order being put together. */
    private static final class Draft {
        private Shop shop;
        private Instant at;
        private String email;
        private String firstName;
        private String lastName;
        private String customerId;
        private Address ship;
        private Address bill;
        private List<OrderLine> lines;
        private ShippingMethod method = ShippingMethod.STANDARD;
        private long discountCents;
        private PaymentFacts payment;
    }

    private static final class Generator {
        private final Config config;
        private final Random random;
        private final Instant weekStart;
        private final Instant weekEnd;
        private final List<LabelledOrder> out = new ArrayList<>();
        /** Who placed each order of {@link #out}, in the order they were made (null for none). */
        private final List<Person> emittedBy = new ArrayList<>();
        /** Each shop's reference before the week's first one; the history's references lie below it. */
        private final Map<String, Integer> refBeforeWeek = new HashMap<>();
        private final List<Order> history = new ArrayList<>();
        private final List<PendingDispute> pendingDisputes = new ArrayList<>();
        private final Set<String> usedDisputeIds = new HashSet<>();
        private final Map<String, Integer> nextRef = new HashMap<>();
        private final Map<String, List<String>> binsByCountry = new HashMap<>();
        private final Map<String, List<Ip>> mobilePools = new HashMap<>();
        private final Set<String> usedEmails = new HashSet<>();
        private final Set<String> usedIps = new HashSet<>();
        private final Set<String> usedFingerprints = new HashSet<>();
        private final Set<String> usedBins = new HashSet<>();
        private final Set<String> usedAddresses = new HashSet<>();
        private final Set<String> usedCustomerIds = new HashSet<>();
        /** Honest customers the pool has seen, in the order they were made. */
        private final List<Person> known = new ArrayList<>();

        private Generator(final Config config, final long seed) {
            this.config = config;
            this.random = new Random(seed);
            this.weekStart = config.weekStart();
            this.weekEnd = config.weekEnd();
            for (final Shop shop : SHOPS) {
                nextRef.put(shop.id(), between(10_000, 60_000));
            }
            refBeforeWeek.putAll(nextRef);
        }

        private Traffic run() {
            ordinary(config.orders(Pattern.ORDINARY));
            loyalBigSpenders(config.orders(Pattern.LOYAL_BIG_SPENDER));
            families(config.orders(Pattern.FAMILY_SHARED_ADDRESS));
            sharedIps(config.orders(Pattern.SHARED_IP));
            travellers(config.orders(Pattern.TRAVELLER));
            giftsAbroad(config.orders(Pattern.GIFT_ABROAD));
            declineThenSuccess(config.orders(Pattern.DECLINE_THEN_SUCCESS));
            flashSale(config.orders(Pattern.FLASH_SALE));
            friendlyFraud(config.orders(Pattern.FRIENDLY_FRAUD));
            reshippingMules(config.orders(Pattern.RESHIPPING_MULE));
            binAttacks(config.orders(Pattern.BIN_ATTACK));
            accountTakeovers(config.orders(Pattern.ACCOUNT_TAKEOVER));
            stolenCards(config.orders(Pattern.STOLEN_CARD));
            // the history's draws come after all of the week's, so the week's orders do not depend on it
            history();
            out.sort(Comparator.comparing(LabelledOrder::acceptedAt).thenComparing(o -> o.order().getOrderId()));
            return new Traffic(List.copyOf(out), historyInOrder(), disputesInOrder());
        }

        // ----- legitimate traffic -----------------------------------------------------------------------------------

        /** New and returning customers of the four shops, by the shops' share of the pool's traffic. */
        private void ordinary(final int count) {
            final List<Person> customers = new ArrayList<>();
            for (final Instant at : sortedTimes(count, this::timeInWeek)) {
                final Person person;
                final Shop shop;
                final boolean returning = !customers.isEmpty() && chance(0.13);
                if (returning) {
                    person = pick(customers);
                    shop = person.lastShop != null && chance(0.6) ? person.lastShop : pickShop();
                } else {
                    person = newPerson(pickHomeCountry());
                    customers.add(person);
                    known.add(person);
                    shop = pickShop();
                }
                final Draft draft = draft(shop, at, person);
                String variant = returning ? "returning" : "new";
                if (chance(0.04)) {
                    draft.ship = workAddress(person);
                    variant = variant + ", to work";
                }
                draft.lines = ordinaryLines(shop);
                draft.method = ordinaryMethod();
                if (chance(0.06)) {
                    draft.discountCents = subtotal(draft.lines) / 10;
                }
                draft.payment = honestPayment(person, draft, everydayIp(person), 0.015);
                emit(Pattern.ORDINARY, variant, draft, person);
            }
        }

        /** Customers who come back several times in the week with large baskets, always the same card and home. */
        private void loyalBigSpenders(final int count) {
            int remaining = count;
            while (remaining > 0) {
                final Person person = newPerson(pickHomeCountry());
                known.add(person);
                final List<Shop> favourites = distinctShops(between(1, 3));
                final int orders = Math.min(remaining, between(3, 6));
                final String variant = orders == 1 ? "1 order in the week" : orders + " orders in the week";
                for (final Instant at : sortedTimes(orders, this::timeInWeek)) {
                    final Shop shop = pick(favourites);
                    final Draft draft = draft(shop, at, person);
                    draft.lines = chance(0.6) ? bigLines(shop, between(12_000, 40_000))
                            : atLeast(scaledUp(ordinaryLines(shop)), between(8_000, 20_000));
                    draft.method = chance(0.3) ? ShippingMethod.EXPRESS : ShippingMethod.STANDARD;
                    if (chance(0.1)) {
                        final Person friend = newPerson(person.country);
                        draft.ship = withName(friend.home, friend.fullName());
                    }
                    final Ip ip = chance(0.7) ? person.homeIp : mobileIp(person.country);
                    final Card card = person.cards.get(chance(0.85) || person.cards.size() == 1 ? 0 : 1);
                    final ThreeDSecureResult threeDs = chance(0.85) ? ThreeDSecureResult.AUTHENTICATED
                            : ThreeDSecureResult.NOT_PERFORMED;
                    draft.payment = cardPayment(card, threeDs, AuthorisationStatus.AUTHORISED, ip);
                    emit(Pattern.LOYAL_BIG_SPENDER, variant, draft, person);
                }
                remaining -= orders;
            }
        }

        /** Families and flat shares: several people, e-mails and cards at one address, behind one home router. */
        private void families(final int count) {
            int remaining = count;
            while (remaining > 0) {
                final boolean family = chance(0.6);
                final String countryCode = pickHomeCountry();
                final Country country = COUNTRIES.get(countryCode);
                final Address home = newAddress(countryCode, "placeholder", true);
                final Ip ip = broadbandIp(countryCode);
                final String familyName = pick(country.lastNames());
                final String householdBin = chance(0.4) ? bin(countryCode) : null;
                final int size = family ? between(2, 4) : between(2, 5);
                final List<Person> members = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    final String first = pick(country.firstNames());
                    final String last = family ? familyName : pick(country.lastNames());
                    final Person member = new Person(countryCode, first, last, uniqueEmail(first, last, country),
                            withName(home, first + " " + last), ip);
                    member.cards.add(householdBin != null ? newCard(countryCode, householdBin) : newCard(countryCode));
                    member.prefers = chance(0.8) ? PaymentMethod.CARD : PaymentMethod.PAYPAL;
                    members.add(member);
                    known.add(member);
                }
                final boolean sameEvening = chance(0.4);
                final Instant evening = localTime(between(0, 6), between(19, 21));
                final int orders = Math.min(remaining, between(size, size * 2));
                final String variant = (family ? "family of " : "flat share of ") + size
                        + (sameEvening ? ", same evening" : "");
                for (int i = 0; i < orders; i++) {
                    final Person member = members.get(i % size);
                    final Instant at = sameEvening ? clamp(evening.plusSeconds(between(0, 3 * 3_600)))
                            : timeInWeek();
                    final Shop shop = pickShop();
                    final Draft draft = draft(shop, at, member);
                    draft.lines = ordinaryLines(shop);
                    draft.method = ordinaryMethod();
                    final Ip used = chance(0.8) ? ip : mobileIp(countryCode);
                    if (member.prefers == PaymentMethod.CARD && chance(0.15)) {
                        final Person partner = members.get((i + 1) % size);
                        draft.payment = cardPayment(partner.cards.get(0), honestThreeDs(partner.cards.get(0).country(),
                                total(draft)), AuthorisationStatus.AUTHORISED, used);
                    } else {
                        draft.payment = honestPayment(member, draft, used, 0.01);
                    }
                    emit(Pattern.FAMILY_SHARED_ADDRESS, variant, draft, member);
                }
                remaining -= orders;
            }
        }

        /** Offices behind one NAT address, and mobile carriers' CGNAT addresses shared by strangers. */
        private void sharedIps(final int count) {
            final int officeOrders = (int) Math.round(count * 0.45);
            int remaining = officeOrders;
            while (remaining > 0) {
                final int orders = Math.min(remaining, between(10, 18));
                office(orders);
                remaining -= orders;
            }
            remaining = count - officeOrders;
            while (remaining > 0) {
                final int orders = Math.min(remaining, between(20, 30));
                carrierAddress(orders);
                remaining -= orders;
            }
        }

        private void office(final int orders) {
            final String countryCode = pick(List.of("FR", "DE", "NL", "BE", "ES", "IT"));
            final Country country = COUNTRIES.get(countryCode);
            final String company = pick(List.of("Atelier Lumière", "Nordlicht Software", "Kanaal Media",
                    "Studio Verde", "Brightwater Consulting", "Hafen Logistik", "Ottica Milano", "Pixelwerk"));
            final String domain = asciiFold(company).replace(" ", "").toLowerCase(Locale.ROOT) + "."
                    + (countryCode.equals("DE") ? "de" : countryCode.toLowerCase(Locale.ROOT));
            final City city = pick(country.cities());
            final Address office = Address.newBuilder(newAddressIn(countryCode, city, company, false))
                    .setCompany(company).build();
            final Ip ip = broadbandIp(countryCode);
            final List<Person> staff = new ArrayList<>();
            final int staffCount = between(8, 20);
            for (int i = 0; i < staffCount; i++) {
                final String first = pick(country.firstNames());
                final String last = pick(country.lastNames());
                final String email = chance(0.4) ? uniqueEmailAt(first, last, domain)
                        : uniqueEmail(first, last, country);
                final Person employee = new Person(countryCode, first, last, email,
                        newAddressIn(countryCode, city, first + " " + last), broadbandIp(countryCode));
                employee.cards.add(newCard(countryCode));
                staff.add(employee);
                known.add(employee);
            }
            for (int i = 0; i < orders; i++) {
                final Person employee = pick(staff);
                final Instant at = chance(0.35) ? workday(12, 14) : workday(9, 18);
                final Shop shop = pickShop();
                final Draft draft = draft(shop, at, employee);
                if (chance(0.55)) {
                    draft.ship = withName(office, employee.fullName());
                }
                draft.lines = chance(0.3) ? giftLines(shop) : ordinaryLines(shop);
                draft.method = ordinaryMethod();
                draft.payment = honestPayment(employee, draft, ip, 0.01);
                emit(Pattern.SHARED_IP, "office NAT " + company, draft, employee);
            }
        }

        private void carrierAddress(final int orders) {
            final String countryCode = pick(List.of("FR", "DE", "ES", "IT", "NL"));
            final Ip ip = uniqueIp(COUNTRIES.get(countryCode).mobile(), countryCode);
            for (int i = 0; i < orders; i++) {
                final Person person = chance(0.2) ? knownFrom(countryCode) : null;
                final Person customer = person != null ? person : newPerson(countryCode);
                if (person == null) {
                    known.add(customer);
                }
                final Instant at = chance(0.3) ? localTime(between(0, 6), between(20, 21)) : timeInWeek();
                final Shop shop = pickShop();
                final Draft draft = draft(shop, at, customer);
                draft.lines = ordinaryLines(shop);
                draft.method = ordinaryMethod();
                draft.payment = honestPayment(customer, draft, ip, 0.015);
                emit(Pattern.SHARED_IP, "mobile CGNAT " + countryCode, draft, customer);
            }
        }

        /** Hotel and café Wi-Fi abroad with the card and home of their own country; expatriates; holiday rentals. */
        private void travellers(final int count) {
            for (int i = 0; i < count; i++) {
                final Instant at = timeInWeek();
                final Person knownPerson = chance(0.35) ? knownBefore(at, Duration.ofHours(6), p -> true) : null;
                final double kind = random.nextDouble();
                if (kind < 0.3) {
                    expatriate(at);
                    continue;
                }
                final Person person = knownPerson != null ? knownPerson : newPerson(pickHomeCountry());
                if (knownPerson == null) {
                    known.add(person);
                }
                final String visited = pickOther(person.country, List.of("ES", "PT", "IT", "GR", "HR", "AT", "CH", "FR",
                        "DE", "MA", "TH", "US", "AE", "JP", "GB"));
                final Shop shop = pickShop();
                final Draft draft = draft(shop, shifted(at, visited), person);
                final String variant;
                if (kind < 0.9 || !COUNTRIES.containsKey(visited)) {
                    variant = "hotel Wi-Fi in " + visited;
                    draft.lines = chance(0.4) ? giftLines(shop) : ordinaryLines(shop);
                } else {
                    variant = "to a holiday rental in " + visited;
                    draft.ship = newAddress(visited, person.fullName(), false);
                    draft.lines = ordinaryLines(shop);
                }
                draft.method = chance(0.2) ? ShippingMethod.EXPRESS : ShippingMethod.STANDARD;
                final Card card = person.cards.get(0);
                final ThreeDSecureResult threeDs = chance(0.88) ? ThreeDSecureResult.AUTHENTICATED
                        : honestThreeDs(card.country(), total(draft));
                draft.payment = cardPayment(card, threeDs, AuthorisationStatus.AUTHORISED, hotelIp(visited));
                emit(Pattern.TRAVELLER, variant, draft, person);
            }
        }

        private void expatriate(final Instant at) {
            final String residence = pickHomeCountry();
            final String origin = pickOther(residence, List.of("IT", "ES", "PT", "PL", "FR", "DE", "GB", "IE", "NL",
                    "US"));
            final Country from = COUNTRIES.get(origin);
            final String first = pick(from.firstNames());
            final String last = pick(from.lastNames());
            final Person person = new Person(residence, first, last, uniqueEmail(first, last, from),
                    newAddress(residence, first + " " + last, true), broadbandIp(residence));
            person.cards.add(newCard(origin));
            known.add(person);
            final Shop shop = pickShop();
            final Draft draft = draft(shop, at, person);
            draft.lines = ordinaryLines(shop);
            draft.method = ordinaryMethod();
            draft.payment = honestPayment(person, draft, everydayIp(person), 0.01);
            emit(Pattern.TRAVELLER, "expatriate in " + residence + " with a card from " + origin, draft, person);
        }

        /** Presents sent to friends and family in another country: billing, card and IP stay at home. */
        private void giftsAbroad(final int count) {
            for (int i = 0; i < count; i++) {
                final Instant at = timeInWeek();
                final Person knownPerson = chance(0.25) ? knownBefore(at, Duration.ofHours(6), p -> true) : null;
                final Person sender = knownPerson != null ? knownPerson : newPerson(pickHomeCountry());
                if (knownPerson == null) {
                    known.add(sender);
                }
                final String destination = chance(0.75) ? pickOther(sender.country, List.of("FR", "DE", "NL", "BE",
                        "ES", "IT", "AT", "PT", "PL", "IE", "SE", "DK")) : pickOther(sender.country, List.of("GB", "CH",
                        "US"));
                final Country there = COUNTRIES.get(destination);
                final String recipient = pick(there.firstNames()) + " " + (chance(0.5) ? sender.lastName
                        : pick(there.lastNames()));
                final Shop shop = pickShop();
                final Draft draft = draft(shop, at, sender);
                draft.ship = newAddress(destination, recipient, true);
                draft.lines = giftLines(shop);
                draft.method = chance(0.3) ? ShippingMethod.EXPRESS : ShippingMethod.STANDARD;
                draft.payment = honestPayment(sender, draft, everydayIp(sender), 0.01);
                emit(Pattern.GIFT_ABROAD, "to " + destination, draft, sender);
            }
        }

        /**
         * A first attempt declined (an SCA soft decline, a mistyped one-time code, insufficient funds), then the same
         * card or another card of the same person succeeds minutes later.
         */
        private void declineThenSuccess(final int count) {
            int remaining = count;
            while (remaining > 0) {
                Instant at = timeInWeek();
                final Person knownPerson = chance(0.3) ? knownBefore(at, Duration.ofHours(2), p -> true) : null;
                final Person person = knownPerson != null ? knownPerson : newPerson(pickHomeCountry());
                if (knownPerson == null) {
                    known.add(person);
                }
                final int declines = chance(0.2) ? 2 : 1;
                final Shop shop = pickShop();
                final List<OrderLine> lines = ordinaryLines(shop);
                final ShippingMethod method = ordinaryMethod();
                final Ip ip = everydayIp(person);
                final boolean otherCard = chance(0.4);
                final double reason = random.nextDouble();
                final String why = reason < 0.4 ? "soft decline, then 3-D Secure" : reason < 0.7 ? "mistyped code"
                        : "insufficient funds";
                final String variant = declines + (declines == 1 ? " decline (" : " declines (") + why + "), then "
                        + (otherCard ? "another card" : "the same card");
                for (int attempt = 0; attempt <= declines && remaining > 0; attempt++) {
                    final boolean last = attempt == declines;
                    final Draft draft = draft(shop, clamp(at), person);
                    draft.lines = lines;
                    draft.method = method;
                    final Card card;
                    if (last && otherCard) {
                        if (person.cards.size() == 1) {
                            person.cards.add(newCard(person.country));
                        }
                        card = person.cards.get(1);
                    } else {
                        card = person.cards.get(0);
                    }
                    final ThreeDSecureResult threeDs = last ? ThreeDSecureResult.AUTHENTICATED
                            : reason < 0.4 ? ThreeDSecureResult.NOT_PERFORMED
                            : reason < 0.7 ? ThreeDSecureResult.FAILED : ThreeDSecureResult.AUTHENTICATED;
                    draft.payment = cardPayment(card, threeDs, last ? AuthorisationStatus.AUTHORISED
                            : AuthorisationStatus.DECLINED, ip);
                    emit(Pattern.DECLINE_THEN_SUCCESS, variant, draft, person);
                    remaining--;
                    at = at.plusSeconds(between(40, 15 * 60));
                }
            }
        }

        /** A shop's two-hour flash sale: a burst of small orders from many customers, many of them on mobile. */
        private void flashSale(final int count) {
            if (count == 0) {
                return;
            }
            final Shop shop = shop("ceramics-studio");
            final Instant start = localTime(3, 19).truncatedTo(ChronoUnit.HOURS);
            final Map<String, List<Ip>> busyGateways = new HashMap<>();
            for (int i = 0; i < count; i++) {
                final Instant at = clamp(start.plusMillis((long) Math.min(2 * 3_600_000.0,
                        -Math.log(1 - random.nextDouble()) * 25 * 60_000)));
                final Person knownPerson = chance(0.15) ? knownBefore(at, Duration.ofHours(1), p -> true) : null;
                final Person person = knownPerson != null ? knownPerson
                        : newPerson(pick(List.of("FR", "FR", "FR", "BE", "DE", "NL", "ES", "IT")));
                if (knownPerson == null) {
                    known.add(person);
                }
                final Draft draft = draft(shop, at, person);
                final List<OrderLine> lines = new ArrayList<>();
                lines.add(line(1, PRODUCTS.get("SKU-MUG-02"), weightedIndex(new double[] {0, 5, 3, 1, 2})));
                if (chance(0.25)) {
                    lines.add(line(2, PRODUCTS.get(pick(List.of("SKU-BOWL-01", "SKU-PLATE-01", "SKU-CANDLE-01"))), 1));
                }
                draft.lines = lines;
                final OrderLine mugs = lines.get(0);
                draft.discountCents = mugs.getQuantity() * mugs.getUnitPrice().getAmountMinor() * 3 / 10;
                draft.method = pickWeighted(List.of(ShippingMethod.STANDARD, ShippingMethod.PICKUP_POINT,
                        ShippingMethod.EXPRESS), new double[] {60, 35, 5});
                final Ip ip = chance(0.6) ? pick(busyGateways.computeIfAbsent(person.country, c -> gatewayPool(c, 25)))
                        : person.homeIp;
                draft.payment = honestPayment(person, draft, ip, 0.03);
                emit(Pattern.FLASH_SALE, "mug sale, 30 % off", draft, person);
            }
        }

        // ----- fraud ------------------------------------------------------------------------------------------------

        /** Real customers' real orders, disputed later: nothing at checkout tells them apart. */
        private void friendlyFraud(final int count) {
            int remaining = count;
            while (remaining > 0) {
                final Instant at = timeInWeek();
                final Person knownPerson = chance(0.4) ? knownBefore(at, Duration.ofHours(6), p -> true) : null;
                final Person person = knownPerson != null ? knownPerson : newPerson(pickHomeCountry());
                final String variant = pick(List.of("item not received", "not recognised", "family member's purchase",
                        "buyer's remorse"));
                final int orders = chance(0.2) ? 2 : 1;
                Instant when = at;
                for (int i = 0; i < orders && remaining > 0; i++) {
                    final Shop shop = pickShop();
                    final Draft draft = draft(shop, clamp(when), person);
                    draft.lines = chance(0.4) ? bigLines(shop, between(6_000, 16_000)) : scaledUp(ordinaryLines(shop));
                    draft.method = pickWeighted(List.of(ShippingMethod.STANDARD, ShippingMethod.EXPRESS,
                            ShippingMethod.PICKUP_POINT), new double[] {60, 25, 15});
                    final Card card = person.cards.get(0);
                    draft.payment = cardPayment(card, chance(0.8) ? ThreeDSecureResult.AUTHENTICATED
                            : ThreeDSecureResult.NOT_PERFORMED, AuthorisationStatus.AUTHORISED, everydayIp(person));
                    emit(Pattern.FRIENDLY_FRAUD, orders == 2 ? variant + ", twice" : variant, draft, person);
                    remaining--;
                    when = when.plus(Duration.ofHours(between(20, 72)));
                }
            }
        }

        /** Stolen cards of many people, shipped within hours to one drop, from several shops. */
        private void reshippingMules(final int count) {
            int remaining = count;
            while (remaining > 0) {
                final int size = Math.min(remaining, between(5, 12));
                final String dropCountry = pickWeighted(List.of("DE", "NL", "FR", "BE", "PL", "ES", "IT"),
                        new double[] {25, 20, 15, 10, 10, 10, 10});
                final Country country = COUNTRIES.get(dropCountry);
                final String muleName = pick(country.firstNames()) + " " + pick(country.lastNames());
                final double kind = random.nextDouble();
                final Forwarder forwarder = kind < 0.3 ? forwarderIn(dropCountry) : null;
                final Address drop = forwarder != null ? forwarderAddress(forwarder, muleName, null)
                        : newAddress(dropCountry, muleName, kind < 0.8);
                final String suite = forwarder != null ? suite(forwarder) : null;
                final boolean cardholderAsRecipient = chance(0.5);
                final List<Shop> shops = distinctShops(between(2, 4));
                final Ip sharedIp = chance(0.25) ? (chance(0.5) ? hostingIp(dropCountry) : broadbandIp(dropCountry))
                        : null;
                final String variant = (forwarder != null ? "forwarder suite" : kind < 0.8 ? "flat" : "house") + " in "
                        + dropCountry + (sharedIp != null ? ", one IP" : "");
                Instant at = campaignStart(Duration.ofHours(20));
                for (int i = 0; i < size; i++) {
                    at = at.plusSeconds(between(2 * 60, 90 * 60));
                    final String cardCountry = pickWeighted(List.of("US", "GB", dropCountry, "FR", "DE", "IT", "ES"),
                            new double[] {35, 20, 20, 7, 7, 6, 5});
                    final Person holder = identity(cardCountry);
                    final Card card = newCard(cardCountry);
                    final Shop shop = pick(shops);
                    final Draft draft = new Draft();
                    draft.shop = shop;
                    draft.at = clamp(at);
                    draft.email = fraudsterEmail(holder);
                    draft.firstName = holder.firstName;
                    draft.lastName = holder.lastName;
                    draft.customerId = chance(0.2) ? newCustomerId() : null;
                    final String recipient = cardholderAsRecipient ? holder.fullName() : muleName;
                    Address ship = withName(drop, recipient);
                    if (forwarder != null) {
                        ship = Address.newBuilder(ship).setLine2("Suite " + (chance(0.5) ? suite : suite(forwarder)))
                                .build();
                    }
                    draft.ship = chance(0.35) ? reformatted(ship) : ship;
                    draft.bill = chance(0.5) && COUNTRIES.containsKey(cardCountry) ? holder.home : draft.ship;
                    draft.lines = bigLines(shop, between(15_000, 60_000));
                    draft.method = chance(0.4) ? ShippingMethod.EXPRESS : ShippingMethod.STANDARD;
                    final Ip ip = sharedIp != null ? sharedIp : chance(0.65) ? broadbandIp(dropCountry)
                            : chance(0.5) ? hostingIp(pick(List.copyOf(HOSTING_PREFIXES.keySet()))) : foreignIp();
                    final ThreeDSecureResult threeDs = fraudThreeDs(cardCountry);
                    draft.payment = cardPayment(card, threeDs, fraudAuthorisation(threeDs, 0.85), ip);
                    emit(Pattern.RESHIPPING_MULE, variant, draft, null);
                }
                remaining -= size;
            }
        }

        /** Scripted tries of many card numbers of one BIN, each once, for small amounts, most of them declined. */
        private void binAttacks(final int count) {
            int remaining = count;
            while (remaining > 0) {
                final int size = Math.min(remaining, between(10, 20));
                final String issuer = pickWeighted(List.of("FR", "DE", "ES", "IT", "NL", "US", "GB", "BR"),
                        new double[] {15, 15, 10, 10, 5, 25, 15, 5});
                final String bin = COUNTRIES.containsKey(issuer) && chance(0.6) ? bin(issuer) : freshBin();
                final List<Shop> shops = distinctShops(chance(0.7) ? 1 : 2);
                final String attacker = pickWeighted(List.of("US", "VN", "BR", "ID", "NG", "RO", "hosting"),
                        new double[] {20, 15, 15, 10, 10, 10, 20});
                final List<Ip> ips = new ArrayList<>();
                final int ipCount = between(1, 3);
                for (int i = 0; i < ipCount; i++) {
                    ips.add(attacker.equals("hosting") ? hostingIp(pick(List.copyOf(HOSTING_PREFIXES.keySet())))
                            : ipIn(attacker));
                }
                final Address fixedAddress = chance(0.3) ? newAddress(pickHomeCountry(), "x", false) : null;
                final String variant = "BIN " + bin + " from " + ips.size() + (ips.size() == 1 ? " IP in " : " IPs in ")
                        + ips.get(0).country();
                Instant at = campaignStart(Duration.ofHours(2));
                final Set<String> lastFours = new HashSet<>();
                for (int i = 0; i < size; i++) {
                    at = at.plusSeconds(between(5, 150));
                    final Shop shop = pick(shops);
                    final Person identity = identity(pick(List.of("FR", "DE", "ES", "IT", "NL", "US", "GB")));
                    final Draft draft = new Draft();
                    draft.shop = shop;
                    draft.at = clamp(at);
                    draft.email = throwawayEmail();
                    draft.firstName = identity.firstName;
                    draft.lastName = identity.lastName;
                    draft.ship = fixedAddress != null ? withName(fixedAddress, identity.fullName())
                            : newAddress(pickHomeCountry(), identity.fullName(), false);
                    draft.lines = List.of(line(1, cheapest(shop), 1));
                    draft.method = chance(0.6) ? ShippingMethod.STANDARD : ShippingMethod.PICKUP_POINT;
                    String lastFour;
                    do {
                        lastFour = digits(4);
                    } while (!lastFours.add(lastFour));
                    final Card card = new Card(bin, lastFour, fingerprint(), issuer);
                    final ThreeDSecureResult threeDs = pickWeighted(List.of(ThreeDSecureResult.NOT_PERFORMED,
                            ThreeDSecureResult.FAILED, ThreeDSecureResult.ATTEMPTED, ThreeDSecureResult.NOT_ENROLLED),
                            new double[] {75, 10, 10, 5});
                    draft.payment = cardPayment(card, threeDs, fraudAuthorisation(threeDs, 0.28), pick(ips));
                    emit(Pattern.BIN_ATTACK, variant, draft, null);
                }
                remaining -= size;
            }
        }

        /**
         * Known customers' accounts used by someone else: the victim's e-mail, account and billing address, a new
         * delivery address, a new card (or the saved one), a new IP, a bigger basket; one attacker behind several.
         */
        private void accountTakeovers(final int count) {
            int remaining = count;
            Address ringDrop = null;
            Ip ringIp = null;
            int misses = 0;
            while (remaining > 0) {
                final Instant at = timeInWeek();
                final Person victim = knownBefore(at, Duration.ofHours(12),
                        p -> p.accounts.values().stream().anyMatch(id -> id != null));
                if (victim == null) {
                    if (++misses > 1_000) {
                        throw new IllegalStateException("account takeovers need customers with an account who "
                                + "ordered earlier in the week; generate some ordinary orders too");
                    }
                    continue;
                }
                final boolean ring = ringDrop != null && chance(0.35);
                if (!ring) {
                    final double where = random.nextDouble();
                    final String dropCountry = where < 0.55 ? victim.country : pickOther(victim.country,
                            List.of("DE", "NL", "FR", "BE", "PL", "ES", "IT"));
                    final Forwarder forwarder = where >= 0.8 ? forwarderIn(dropCountry) : null;
                    ringDrop = forwarder != null ? forwarderAddress(forwarder, victim.fullName(), suite(forwarder))
                            : newAddress(dropCountry, victim.fullName(), chance(0.6));
                    final double network = random.nextDouble();
                    ringIp = network < 0.35 ? foreignIp() : network < 0.7
                            ? hostingIp(pick(List.copyOf(HOSTING_PREFIXES.keySet()))) : broadbandIp(victim.country);
                }
                final Address drop = withName(ringDrop, chance(0.6) ? victim.fullName()
                        : identity(ringDrop.getCountryCode()).fullName());
                final boolean savedCard = chance(0.25);
                final Card card = savedCard ? victim.cards.get(0) : newCard(pickWeighted(List.of(victim.country,
                        "FR", "DE", "US", "GB"), new double[] {40, 10, 10, 25, 15}));
                final String account = pick(victim.accounts.entrySet().stream().filter(e -> e.getValue() != null)
                        .map(Map.Entry::getKey).sorted().toList());
                final int orders = Math.min(remaining, chance(0.35) ? 2 : 1);
                final String variant = (savedCard ? "saved card" : "new card") + ", drop in "
                        + drop.getCountryCode() + ", IP in " + ringIp.country() + (ring ? ", same attacker" : "");
                Instant when = at;
                for (int i = 0; i < orders; i++) {
                    final Shop shop = i == 0 ? shop(account) : pickShop();
                    final Draft draft = new Draft();
                    draft.shop = shop;
                    draft.at = clamp(when);
                    draft.email = victim.email;
                    draft.firstName = victim.firstName;
                    draft.lastName = victim.lastName;
                    draft.customerId = victim.accounts.get(shop.id());
                    draft.ship = drop;
                    draft.bill = victim.home;
                    draft.lines = bigLines(shop, Math.max(15_000, victim.averageSpend() * between(25, 60) / 10));
                    draft.method = chance(0.5) ? ShippingMethod.EXPRESS : ShippingMethod.STANDARD;
                    final ThreeDSecureResult threeDs = savedCard ? pickWeighted(List.of(
                            ThreeDSecureResult.NOT_PERFORMED, ThreeDSecureResult.FAILED, ThreeDSecureResult.ATTEMPTED),
                            new double[] {60, 20, 20}) : fraudThreeDs(card.country());
                    draft.payment = cardPayment(card, threeDs, fraudAuthorisation(threeDs, 0.9), ringIp);
                    emit(Pattern.ACCOUNT_TAKEOVER, i == 0 ? variant : variant + ", second shop", draft, null);
                    when = when.plusSeconds(between(5 * 60, 120 * 60));
                }
                remaining -= orders;
            }
        }

        /** First orders with somebody else's card: big baskets of resellable goods, rush, no 3-D Secure, far away. */
        private void stolenCards(final int count) {
            int remaining = count;
            while (remaining > 0) {
                final String shipCountry = pickWeighted(List.of("DE", "FR", "NL", "BE", "ES", "IT", "PL", "AT"),
                        new double[] {25, 20, 15, 10, 10, 10, 5, 5});
                final List<String> issuers = pickWeighted(List.of(List.of("US"), List.of("GB"),
                        List.of("FR", "DE", "IT", "ES", "NL", "BE", "PT"), List.of("BR")),
                        new double[] {35, 25, 30, 10});
                final String cardCountry = pickOther(shipCountry, issuers);
                final double network = random.nextDouble();
                final Ip ip;
                if (network < 0.35 && !cardCountry.equals(shipCountry)) {
                    ip = ipIn(cardCountry);
                } else if (network < 0.7) {
                    ip = foreignIp();
                } else {
                    ip = hostingIp(pickOther(shipCountry, List.copyOf(HOSTING_PREFIXES.keySet())));
                }
                final Person holder = identity(cardCountry);
                final String email = fraudsterEmail(holder);
                final Address ship = newAddress(shipCountry, chance(0.6) ? holder.fullName()
                        : identity(shipCountry).fullName(), chance(0.5));
                final int cards = Math.min(remaining, chance(0.2) ? 2 : 1);
                final String variant = "card " + cardCountry + ", IP " + ip.country() + ", to " + shipCountry
                        + (cards == 2 ? ", second card" : "");
                Instant at = timeInWeek();
                for (int i = 0; i < cards; i++) {
                    final Shop shop = pickShop();
                    final Draft draft = new Draft();
                    draft.shop = shop;
                    draft.at = clamp(at);
                    draft.email = email;
                    draft.firstName = holder.firstName;
                    draft.lastName = holder.lastName;
                    draft.customerId = chance(0.15) ? newCustomerId() : null;
                    draft.ship = ship;
                    draft.bill = chance(0.55) && COUNTRIES.containsKey(cardCountry) ? holder.home : ship;
                    draft.lines = multiplesOfResellable(shop, between(25_000, 150_000));
                    draft.method = chance(0.55) ? ShippingMethod.EXPRESS : ShippingMethod.STANDARD;
                    final ThreeDSecureResult threeDs = pickWeighted(List.of(ThreeDSecureResult.NOT_PERFORMED,
                            ThreeDSecureResult.NOT_ENROLLED, ThreeDSecureResult.ATTEMPTED), new double[] {55, 20, 25});
                    draft.payment = cardPayment(newCard(cardCountry), threeDs, chance(0.88)
                            ? AuthorisationStatus.AUTHORISED : AuthorisationStatus.DECLINED, ip);
                    emit(Pattern.STOLEN_CARD, variant, draft, null);
                    at = at.plusSeconds(between(3 * 60, 30 * 60));
                }
                remaining -= cards;
            }
        }

        // ----- building orders --------------------------------------------------------------------------------------

        private Draft draft(final Shop shop, final Instant at, final Person person) {
            final Draft draft = new Draft();
            draft.shop = shop;
            draft.at = at;
            draft.email = person.email;
            draft.firstName = person.firstName;
            draft.lastName = person.lastName;
            if (!person.accounts.containsKey(shop.id())) {
                person.accounts.put(shop.id(), chance(0.65) ? newCustomerId() : null);
            }
            draft.customerId = person.accounts.get(shop.id());
            draft.ship = person.home;
            draft.bill = person.home;
            return draft;
        }

        private void emit(final Pattern pattern, final String variant, final Draft draft, final Person person) {
            final Shop shop = draft.shop;
            final String shopOrderRef = shop.refPrefix() + "-" + nextRef.merge(shop.id(), 1, Integer::sum);
            final Order order = order(draft, shopOrderRef);
            final Instant acceptedAt = order.getAcceptedAt();
            final long total = order.getTotal().getAmountMinor();
            out.add(new LabelledOrder(order, pattern, variant, acceptedAt));
            emittedBy.add(person);
            if (person != null) {
                if (person.firstSeen == null || acceptedAt.isBefore(person.firstSeen)) {
                    person.firstSeen = acceptedAt;
                }
                person.lastShop = shop;
                person.spentCents += total;
                person.orders++;
            }
        }

        /** The order a draft makes, with the shop's reference; its draws are the same for the week and history. */
        private Order order(final Draft draft, final String shopOrderRef) {
            final Shop shop = draft.shop;
            final ShippingMethod method = method(draft);
            final long subtotal = subtotal(draft.lines);
            final long discount = Math.min(draft.discountCents, subtotal);
            final long shipping = shippingCents(method, draft.ship.getCountryCode(), subtotal - discount);
            final long total = subtotal - discount + shipping;
            PaymentFacts payment = draft.payment;
            if (payment.getClientIpCountry() != null && !chance(shop.ipCountryResolved())) {
                payment = PaymentFacts.newBuilder(payment).setClientIpCountry(null).build();
            }
            final Instant acceptedAt = draft.at;
            final long delay = shop.channel() == SalesChannel.KAFKA ? between(500, 15_000) : between(250, 4_000);
            return Order.newBuilder()
                    .setOrderId(OrderIds.forShopOrder(shop.id(), shopOrderRef))
                    .setShopId(shop.id())
                    .setShopOrderRef(shopOrderRef)
                    .setChannel(shop.channel())
                    .setCustomer(Customer.newBuilder().setEmail(draft.email.toLowerCase(Locale.ROOT))
                            .setFirstName(draft.firstName).setLastName(draft.lastName)
                            .setShopCustomerId(draft.customerId).build())
                    .setShippingAddress(draft.ship)
                    .setBillingAddress(draft.bill == null ? draft.ship : draft.bill)
                    .setLines(draft.lines)
                    .setShippingMethod(method)
                    .setShippingCost(eur(shipping))
                    .setDiscount(discount > 0 ? eur(discount) : null)
                    .setTotal(eur(total))
                    .setPayment(payment)
                    .setPlacedAt(acceptedAt.minusMillis(delay))
                    .setAcceptedAt(acceptedAt)
                    .build();
        }

        private long total(final Draft draft) {
            final long subtotal = subtotal(draft.lines);
            final long discount = Math.min(draft.discountCents, subtotal);
            return subtotal - discount + shippingCents(method(draft), draft.ship.getCountryCode(), subtotal - discount);
        }

        /** Pick-up points exist only in the EEA; elsewhere the parcel goes standard. */
        private static ShippingMethod method(final Draft draft) {
            return draft.method == ShippingMethod.PICKUP_POINT && !EEA.contains(draft.ship.getCountryCode())
                    ? ShippingMethod.STANDARD : draft.method;
        }

        private static long shippingCents(final ShippingMethod method, final String country, final long goods) {
            final boolean eea = EEA.contains(country);
            final boolean near = NEAR.contains(country);
            return switch (method) {
                case EXPRESS -> eea ? (near ? 1_290 : 1_690) : 2_990;
                case PICKUP_POINT -> 390;
                default -> eea && goods >= 7_500 ? 0 : near ? 490 : eea ? 790 : 1_590;
            };
        }

        private static long subtotal(final List<OrderLine> lines) {
            return lines.stream().mapToLong(l -> l.getQuantity() * l.getUnitPrice().getAmountMinor()).sum();
        }

        private static Money eur(final long cents) {
            return new Money(cents, "EUR");
        }

        private static OrderLine line(final int lineId, final Product product, final int quantity) {
            return OrderLine.newBuilder().setLineId(Integer.toString(lineId)).setSku(product.sku())
                    .setTitle(product.title()).setQuantity(quantity).setUnitPrice(eur(product.priceCents())).build();
        }

        private List<OrderLine> ordinaryLines(final Shop shop) {
            final int count = 1 + weightedIndex(new double[] {55, 30, 12, 3});
            final List<Product> range = new ArrayList<>(shop.skus().stream().map(PRODUCTS::get).toList());
            final List<OrderLine> lines = new ArrayList<>();
            for (int i = 0; i < count && !range.isEmpty(); i++) {
                final Product product = pickWeighted(range, range.stream().mapToDouble(Product::popularity).toArray());
                range.remove(product);
                lines.add(line(i + 1, product, 1 + weightedIndex(new double[] {75, 18, 5, 2})));
            }
            return lines;
        }

        private List<OrderLine> scaledUp(final List<OrderLine> lines) {
            return lines.stream().map(l -> OrderLine.newBuilder(l).setQuantity(l.getQuantity() * between(2, 3)).build())
                    .toList();
        }

        /** The same lines, the first one's quantity raised until the basket is worth the amount. */
        private static List<OrderLine> atLeast(final List<OrderLine> lines, final long cents) {
            final OrderLine first = lines.get(0);
            final long others = subtotal(lines) - first.getQuantity() * first.getUnitPrice().getAmountMinor();
            final long unit = first.getUnitPrice().getAmountMinor();
            final long needed = Math.max(first.getQuantity(), (cents - others + unit - 1) / unit);
            final List<OrderLine> raised = new ArrayList<>(lines);
            raised.set(0, OrderLine.newBuilder(first).setQuantity((int) Math.min(needed, 50)).build());
            return raised;
        }

        private List<OrderLine> giftLines(final Shop shop) {
            final List<Product> gifts = shop.skus().stream().map(PRODUCTS::get).filter(Product::giftable).toList();
            final List<OrderLine> lines = new ArrayList<>();
            lines.add(line(1, pick(gifts), 1));
            if (chance(0.4)) {
                final Product second = pick(gifts);
                if (!second.sku().equals(lines.get(0).getSku())) {
                    lines.add(line(2, second, 1));
                }
            }
            return lines;
        }

        /** The shop's most resellable goods until the basket is worth at least the amount. */
        private List<OrderLine> bigLines(final Shop shop, final long atLeastCents) {
            final List<Product> valuable = shop.skus().stream().map(PRODUCTS::get).filter(Product::resellable)
                    .sorted(Comparator.comparingLong(Product::priceCents).reversed()).toList();
            final List<Product> range = valuable.isEmpty() ? shop.skus().stream().map(PRODUCTS::get).toList()
                    : valuable;
            final Map<String, Integer> quantities = new LinkedHashMap<>();
            long sum = 0;
            while (sum < atLeastCents) {
                final Product product = pick(range);
                quantities.merge(product.sku(), 1, Integer::sum);
                sum += product.priceCents();
            }
            final List<OrderLine> lines = new ArrayList<>();
            quantities.forEach((sku, quantity) -> lines.add(line(lines.size() + 1, PRODUCTS.get(sku), quantity)));
            return lines;
        }

        /** Several of the same big-ticket item: what a fence can sell on. */
        private List<OrderLine> multiplesOfResellable(final Shop shop, final long atLeastCents) {
            final Product top = shop.skus().stream().map(PRODUCTS::get).filter(Product::resellable)
                    .max(Comparator.comparingLong(Product::priceCents)).orElseThrow();
            final int quantity = (int) Math.max(2, Math.min(12, atLeastCents / top.priceCents()));
            final List<OrderLine> lines = new ArrayList<>();
            lines.add(line(1, top, quantity));
            if (chance(0.4)) {
                lines.addAll(bigLines(shop, top.priceCents()).stream()
                        .filter(l -> !l.getSku().equals(top.sku()))
                        .map(l -> OrderLine.newBuilder(l).setLineId("2").build()).limit(1).toList());
            }
            return lines;
        }

        private static Product cheapest(final Shop shop) {
            return shop.skus().stream().map(PRODUCTS::get).min(Comparator.comparingLong(Product::priceCents))
                    .orElseThrow();
        }

        private ShippingMethod ordinaryMethod() {
            return pickWeighted(List.of(ShippingMethod.STANDARD, ShippingMethod.PICKUP_POINT, ShippingMethod.EXPRESS),
                    new double[] {70, 20, 10});
        }

        // ----- payments ---------------------------------------------------------------------------------------------

        private PaymentFacts honestPayment(final Person person, final Draft draft, final Ip ip,
                                           final double declineRate) {
            final PaymentMethod method = chance(0.9) ? person.prefers : pickWeighted(List.of(PaymentMethod.CARD,
                    PaymentMethod.PAYPAL, PaymentMethod.BANK_TRANSFER), new double[] {72, 22, 6});
            return switch (method) {
                case PAYPAL -> PaymentFacts.newBuilder().setMethod(PaymentMethod.PAYPAL)
                        .setAuthorisation(AuthorisationStatus.AUTHORISED).setClientIp(ip.address())
                        .setClientIpCountry(ip.country()).build();
                case BANK_TRANSFER -> PaymentFacts.newBuilder().setMethod(PaymentMethod.BANK_TRANSFER)
                        .setAuthorisation(AuthorisationStatus.PENDING).setClientIp(ip.address())
                        .setClientIpCountry(ip.country()).build();
                default -> {
                    final Card card = person.cards.get(person.cards.size() > 1 && chance(0.3) ? 1 : 0);
                    yield cardPayment(card, honestThreeDs(card.country(), total(draft)), chance(declineRate)
                            ? AuthorisationStatus.DECLINED : AuthorisationStatus.AUTHORISED, ip);
                }
            };
        }

        private static PaymentFacts cardPayment(final Card card, final ThreeDSecureResult threeDs,
                                                final AuthorisationStatus authorisation, final Ip ip) {
            return PaymentFacts.newBuilder().setMethod(PaymentMethod.CARD).setCardBin(card.bin())
                    .setCardLastFour(card.lastFour()).setCardFingerprint(card.fingerprint())
                    .setCardCountry(card.country()).setThreeDSecure(threeDs).setAuthorisation(authorisation)
                    .setClientIp(ip.address()).setClientIpCountry(ip.country()).build();
        }

        /**
         * PSD2 makes issuers in the EEA authenticate card payments, except low-value (under 30 EUR) and
         * low-risk ones the provider exempts; cards from outside the EEA are authenticated less often.
         */
        private ThreeDSecureResult honestThreeDs(final String cardCountry, final long totalCents) {
            final List<ThreeDSecureResult> results = List.of(ThreeDSecureResult.AUTHENTICATED,
                    ThreeDSecureResult.NOT_PERFORMED, ThreeDSecureResult.ATTEMPTED, ThreeDSecureResult.NOT_ENROLLED);
            if (!EEA.contains(cardCountry)) {
                return pickWeighted(results, new double[] {55, 30, 10, 5});
            }
            return totalCents < 3_000 ? pickWeighted(results, new double[] {45, 50, 5, 0})
                    : pickWeighted(results, new double[] {88, 7, 4, 1});
        }

        /** A failed authentication is mostly declined; otherwise the issuer approves at the given rate. */
        private AuthorisationStatus fraudAuthorisation(final ThreeDSecureResult threeDs, final double approvalRate) {
            final double rate = threeDs == ThreeDSecureResult.FAILED ? 0.1 : approvalRate;
            return chance(rate) ? AuthorisationStatus.AUTHORISED : AuthorisationStatus.DECLINED;
        }

        /** Stolen EEA cards are mostly used where authentication is skipped; a few with a phished one-time code. */
        private ThreeDSecureResult fraudThreeDs(final String cardCountry) {
            final List<ThreeDSecureResult> results = List.of(ThreeDSecureResult.NOT_PERFORMED,
                    ThreeDSecureResult.ATTEMPTED, ThreeDSecureResult.AUTHENTICATED, ThreeDSecureResult.NOT_ENROLLED,
                    ThreeDSecureResult.FAILED);
            return EEA.contains(cardCountry) ? pickWeighted(results, new double[] {45, 25, 15, 5, 10})
                    : pickWeighted(results, new double[] {55, 20, 5, 20, 0});
        }

        // ----- before the week: earlier orders and the disputes on them ---------------------------------------------

        /** A dispute on the history order at an index, waiting for the order's final reference. */
        private record PendingDispute(int historyIndex, DisputeKind kind, String reason, Duration opensAfter,
                                      Duration reportedAfter) {
        }

        /**
         * Earlier orders and disputes for the week's customers: friendly fraudsters who disputed before, honest
         * customers who once disputed for a real reason, and undisputed earlier orders of others, so that having a
         * history says nothing by itself. The week's orders stay as they are; only the variants of the orders whose
         * customers disputed before say so.
         */
        private void history() {
            final Map<Person, List<Integer>> friendly = new LinkedHashMap<>();
            final Map<Person, List<Integer>> honest = new LinkedHashMap<>();
            final Set<Person> inTargetFraud = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < out.size(); i++) {
                final Person person = emittedBy.get(i);
                final Pattern pattern = out.get(i).pattern();
                if (person == null || person.home == null || person.homeIp == null || person.cards.isEmpty()) {
                    continue;
                }
                if (pattern == Pattern.FRIENDLY_FRAUD) {
                    friendly.computeIfAbsent(person, p -> new ArrayList<>()).add(i);
                } else if (pattern.inRecallTarget()) {
                    inTargetFraud.add(person);
                } else {
                    honest.computeIfAbsent(person, p -> new ArrayList<>()).add(i);
                }
            }
            // a known customer who turns friendly fraudster is one; a victim of a fraud pattern gets no history
            friendly.keySet().forEach(honest::remove);
            inTargetFraud.forEach(honest::remove);
            inTargetFraud.forEach(friendly::remove);
            for (final Map.Entry<Person, List<Integer>> entry : friendly.entrySet()) {
                final Person person = entry.getKey();
                final Shop weekShop = shop(out.get(entry.getValue().get(0)).order().getShopId());
                if (chance(FRIENDLY_REPEAT_SHARE)) {
                    final int disputes = chance(FRIENDLY_SERIAL_SHARE) ? between(2, 3) : 1;
                    for (int d = 0; d < disputes; d++) {
                        final String reason = pickWeighted(FRIENDLY_REASONS, FRIENDLY_REASON_WEIGHTS);
                        final DisputeKind kind = chance(0.15) ? DisputeKind.INQUIRY : DisputeKind.CHARGEBACK;
                        disputedOrder(person, chance(0.6) ? weekShop : pickShop(), true, kind, reason);
                    }
                    relabel(entry.getValue(), disputes == 1 ? ", disputed an earlier order"
                            : ", disputed " + disputes + " earlier orders");
                }
                if (chance(UNDISPUTED_HISTORY_SHARE)) {
                    undisputedOrders(person);
                }
            }
            for (final Map.Entry<Person, List<Integer>> entry : honest.entrySet()) {
                final Person person = entry.getKey();
                final Shop weekShop = shop(out.get(entry.getValue().get(0)).order().getShopId());
                if (chance(HONEST_DISPUTER_SHARE)) {
                    final double what = random.nextDouble();
                    final DisputeKind kind = what < 0.65 ? DisputeKind.CHARGEBACK : DisputeKind.INQUIRY;
                    final String reason = what < 0.45 ? "product_not_received" : what < 0.65 ? "duplicate"
                            : chance(0.6) ? "unrecognized" : "general";
                    disputedOrder(person, chance(0.6) ? weekShop : pickShop(), false, kind, reason);
                    relabel(entry.getValue(), kind == DisputeKind.INQUIRY ? ", issuer's inquiry on an earlier order"
                            : ", earlier " + reason + " chargeback");
                    if (chance(0.4)) {
                        undisputedOrders(person);
                    }
                } else if (chance(UNDISPUTED_HISTORY_SHARE)) {
                    undisputedOrders(person);
                }
            }
            assignHistoryReferences();
        }

        /** One or two earlier orders nobody disputed. */
        private void undisputedOrders(final Person person) {
            final int orders = chance(0.7) ? 1 : 2;
            for (int i = 0; i < orders; i++) {
                final Shop shop = person.lastShop != null && chance(0.6) ? person.lastShop : pickShop();
                earlierOrder(person, shop, daysBefore(between(2, HISTORY_DAYS)), false);
            }
        }

        /**
         * An earlier order and the dispute on it. The cardholder opens the dispute days to weeks after the order
         * (a parcel is missed after its delivery window, a charge is noticed on the statement), within the schemes'
         * 120 days; a Shopify shop's platform reports it within minutes (disputes/create), the other shops within
         * hours to days. Both happen before the week, so the order lies further back.
         */
        private void disputedOrder(final Person person, final Shop shop, final boolean friendlyFraud,
                                   final DisputeKind kind, final String reason) {
            final int openDays = switch (reason) {
                case "product_not_received" -> between(12, 45);
                case "duplicate" -> between(3, 35);
                case "credit_not_processed", "product_unacceptable" -> between(15, 75);
                default -> between(18, friendlyFraud ? 100 : 60);
            };
            final Duration opensAfter = Duration.ofDays(openDays).plusMinutes(between(0, 24 * 60));
            final Duration reportedAfter = shop.channel() == SalesChannel.SHOPIFY
                    ? Duration.ofSeconds(between(5, 20 * 60)) : Duration.ofMinutes(between(60, 3 * 24 * 60));
            final long earliestDay = opensAfter.plus(reportedAfter).toDays() + 2;
            final Instant at = daysBefore(between((int) earliestDay, Math.max((int) earliestDay, HISTORY_DAYS)));
            final int index = earlierOrder(person, shop, at, friendlyFraud);
            if (!history.get(index).getAcceptedAt().plus(opensAfter).plus(reportedAfter).isBefore(weekStart)) {
                throw new IllegalStateException("a dispute of the history would reach the pool in the week");
            }
            pendingDisputes.add(new PendingDispute(index, kind, reason, opensAfter, reportedAfter));
        }

        /** An earlier order of the person at the shop, paid by the person's own card; its index in the history. */
        private int earlierOrder(final Person person, final Shop shop, final Instant at, final boolean bigger) {
            final Draft draft = draft(shop, at, person);
            draft.lines = bigger && chance(0.4) ? bigLines(shop, between(6_000, 16_000)) : ordinaryLines(shop);
            draft.method = ordinaryMethod();
            final Card card = person.cards.get(person.cards.size() > 1 && chance(0.15) ? 1 : 0);
            draft.payment = cardPayment(card, honestThreeDs(card.country(), total(draft)),
                    AuthorisationStatus.AUTHORISED, everydayIp(person));
            // the reference is a placeholder until all earlier orders of the shop are known
            history.add(order(draft, shop.refPrefix() + "-0"));
            return history.size() - 1;
        }

        /** A time of day as the week's, the given number of days before the week. */
        private Instant daysBefore(final int days) {
            final LocalDateTime local = config.firstDay().minusDays(days).atTime(weightedIndex(HOUR_WEIGHTS),
                    random.nextInt(60), random.nextInt(60));
            return local.atZone(POOL_ZONE).toInstant().plusMillis(random.nextInt(1_000));
        }

        private void relabel(final List<Integer> indices, final String suffix) {
            for (final int i : indices) {
                final LabelledOrder labelled = out.get(i);
                out.set(i, new LabelledOrder(labelled.order(), labelled.pattern(), labelled.variant() + suffix,
                        labelled.acceptedAt()));
            }
        }

        /**
         * Each shop numbers its orders in sequence: an earlier order gets a reference below the week's first, as far
         * below as the shop's week rate puts it (squeezed where the week's first reference is low).
         */
        private void assignHistoryReferences() {
            final Map<String, Integer> weekOrders = new HashMap<>();
            out.forEach(o -> weekOrders.merge(o.order().getShopId(), 1, Integer::sum));
            for (final Shop shop : SHOPS) {
                final List<Integer> indices = new ArrayList<>();
                for (int i = 0; i < history.size(); i++) {
                    if (history.get(i).getShopId().equals(shop.id())) {
                        indices.add(i);
                    }
                }
                indices.sort(Comparator.comparing((Integer i) -> history.get(i).getAcceptedAt()).reversed());
                final int before = refBeforeWeek.get(shop.id());
                final double perDay = Math.min(weekOrders.getOrDefault(shop.id(), 1) / 7.0,
                        (before - indices.size() - 1.0) / (HISTORY_DAYS + 1));
                int previous = before + 1;
                for (final int i : indices) {
                    final Order order = history.get(i);
                    final double days = Duration.between(order.getAcceptedAt(), weekStart).toMillis() / 86_400_000.0;
                    final int ref = Math.min(previous - 1, (int) Math.round(before - days * perDay));
                    if (ref < 1) {
                        throw new IllegalStateException("no reference left below " + before + " for " + shop.id());
                    }
                    final String shopOrderRef = shop.refPrefix() + "-" + ref;
                    history.set(i, Order.newBuilder(order).setShopOrderRef(shopOrderRef)
                            .setOrderId(OrderIds.forShopOrder(shop.id(), shopOrderRef)).build());
                    previous = ref;
                }
            }
        }

        private List<Order> historyInOrder() {
            final List<Order> sorted = new ArrayList<>(history);
            sorted.sort(Comparator.comparing(Order::getAcceptedAt).thenComparing(Order::getOrderId));
            return List.copyOf(sorted);
        }

        private List<OrderDispute> disputesInOrder() {
            final List<OrderDispute> disputes = new ArrayList<>();
            for (final PendingDispute pending : pendingDisputes) {
                final Order order = history.get(pending.historyIndex());
                final Instant opened = order.getAcceptedAt().plus(pending.opensAfter());
                disputes.add(OrderDispute.newBuilder()
                        .setDisputeId(order.getShopId() + ":" + disputeId(order.getChannel()))
                        .setOrderId(order.getOrderId())
                        .setShopId(order.getShopId())
                        .setShopOrderRef(order.getShopOrderRef())
                        .setKind(pending.kind())
                        .setReason(pending.reason())
                        .setAmount(order.getTotal())
                        .setOpenedAt(opened)
                        .setReceivedAt(opened.plus(pending.reportedAfter()))
                        .build());
            }
            disputes.sort(Comparator.comparing(OrderDispute::getReceivedAt).thenComparing(OrderDispute::getDisputeId));
            return List.copyOf(disputes);
        }

        /** Shopify numbers its disputes; the other shops' payment providers use a prefixed token. */
        private String disputeId(final SalesChannel channel) {
            String id;
            do {
                id = channel == SalesChannel.SHOPIFY ? "1" + digits(9) : "dp_" + hex(16);
            } while (!usedDisputeIds.add(id));
            return id;
        }

        // ----- people, cards, addresses, networks -------------------------------------------------------------------

        private Person newPerson(final String countryCode) {
            final Country country = COUNTRIES.get(countryCode);
            final String first = pick(country.firstNames());
            final String last = pick(country.lastNames());
            final Person person = new Person(countryCode, first, last, uniqueEmail(first, last, country),
                    newAddress(countryCode, first + " " + last, true), homeIp(countryCode));
            // a few people bank abroad: neobanks issue their cards from LT, DE, NL and IE
            person.cards.add(newCard(chance(0.95) ? countryCode : pickOther(countryCode, List.of("LT", "DE", "NL",
                    "IE"))));
            if (chance(0.1)) {
                person.cards.add(newCard(countryCode));
            }
            person.prefers = pickWeighted(List.of(PaymentMethod.CARD, PaymentMethod.PAYPAL,
                    PaymentMethod.BANK_TRANSFER), new double[] {72, 22, 6});
            return person;
        }

        /** A name (and, where its country is known, a home) for a cardholder whose card a fraudster uses. */
        private Person identity(final String countryCode) {
            final Country country = COUNTRIES.getOrDefault(countryCode, countryCode.equals("BR") ? COUNTRIES.get("PT")
                    : COUNTRIES.get("US"));
            final String first = pick(country.firstNames());
            final String last = pick(country.lastNames());
            final Address home = COUNTRIES.containsKey(countryCode) ? newAddress(countryCode, first + " " + last, true)
                    : null;
            return new Person(countryCode, first, last, first + "." + last + "@unused.invalid", home, null);
        }

        private Person knownBefore(final Instant at, final Duration margin, final Predicate<Person> filter) {
            final Instant before = at.minus(margin);
            final List<Person> candidates = known.stream()
                    .filter(p -> p.firstSeen != null && p.firstSeen.isBefore(before) && filter.test(p)).toList();
            return candidates.isEmpty() ? null : pick(candidates);
        }

        private Person knownFrom(final String countryCode) {
            final List<Person> candidates = known.stream().filter(p -> p.country.equals(countryCode)).toList();
            return candidates.isEmpty() ? null : pick(candidates);
        }

        private String uniqueEmail(final String first, final String last, final Country country) {
            return uniqueEmailAt(first, last, pick(country.mailDomains()));
        }

        private String uniqueEmailAt(final String first, final String last, final String domain) {
            final String f = asciiFold(first).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            final String l = asciiFold(last).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            for (int attempt = 0; ; attempt++) {
                final String local = switch (attempt == 0 ? between(0, 5) : between(2, 5)) {
                    case 0 -> f + "." + l;
                    case 1 -> f + l;
                    case 2 -> f.charAt(0) + "." + l + between(60, 99);
                    case 3 -> f + "_" + l + between(1, 99);
                    case 4 -> f + l.charAt(0) + between(100, 999);
                    default -> l + "." + f + between(1, 30);
                };
                final String email = local + "@" + domain;
                if (usedEmails.add(email)) {
                    return email;
                }
            }
        }

        /** What a fraudster types: a name-like free-mail address with digits, sometimes a disposable one. */
        private String fraudsterEmail(final Person holder) {
            if (chance(0.2)) {
                return throwawayEmail();
            }
            final String f = asciiFold(holder.firstName).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            final String l = asciiFold(holder.lastName).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            String email;
            do {
                email = (chance(0.5) ? f + l : f + "." + l) + between(10, 9_999) + "@" + pick(FREE_MAIL);
            } while (!usedEmails.add(email));
            return email;
        }

        private String throwawayEmail() {
            String email;
            do {
                final StringBuilder local = new StringBuilder();
                final int length = between(6, 12);
                for (int i = 0; i < length; i++) {
                    local.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
                }
                email = local + "@" + (chance(0.7) ? pick(DISPOSABLE_MAIL) : pick(FREE_MAIL));
            } while (!usedEmails.add(email));
            return email;
        }

        private String newCustomerId() {
            String id;
            do {
                id = "C" + digits(8);
            } while (!usedCustomerIds.add(id));
            return id;
        }

        private Card newCard(final String countryCode) {
            return newCard(countryCode, bin(countryCode));
        }

        private Card newCard(final String countryCode, final String bin) {
            return new Card(bin, digits(4), fingerprint(), countryCode);
        }

        private String fingerprint() {
            final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            String fingerprint;
            do {
                final StringBuilder token = new StringBuilder("fp_");
                for (int i = 0; i < 16; i++) {
                    token.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                fingerprint = token.toString();
            } while (!usedFingerprints.add(fingerprint));
            return fingerprint;
        }

        /** A BIN of one of the country's issuers; a few big issuers hold most cards, so popular BINs are common. */
        private String bin(final String countryCode) {
            final List<String> bins = binsByCountry.computeIfAbsent(countryCode, c -> {
                final List<String> issued = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    issued.add(freshBin());
                }
                return issued;
            });
            return pickWeighted(bins, new double[] {34, 24, 16, 11, 8, 7});
        }

        private String freshBin() {
            String bin;
            do {
                final double network = random.nextDouble();
                final String prefix = network < 0.55 ? "4" : network < 0.9 ? "5" + between(1, 5) : "2" + between(2, 7);
                bin = prefix + digits((chance(0.3) ? 8 : 6) - prefix.length());
            } while (!usedBins.add(bin));
            return bin;
        }

        private Address newAddress(final String countryCode, final String name, final boolean maybeFlat) {
            final Country country = COUNTRIES.get(countryCode);
            return newAddressIn(countryCode, pick(country.cities()), name, maybeFlat);
        }

        private Address newAddressIn(final String countryCode, final City city, final String name) {
            return newAddressIn(countryCode, city, name, true);
        }

        private Address newAddressIn(final String countryCode, final City city, final String name,
                                     final boolean maybeFlat) {
            final Country country = COUNTRIES.get(countryCode);
            for (int attempt = 0; ; attempt++) {
                final String street = pick(city.streets());
                final int number = between(1, 180);
                final String line1 = country.numberFirst() ? number + " " + street : street + " " + number;
                final String line2 = attempt > 20 ? "Apt " + between(1, 999)
                        : maybeFlat && chance(0.3) ? fill(pick(country.flatLines())) : null;
                final String postalCode = pick(city.postalCodes());
                if (usedAddresses.add(line1 + "|" + line2 + "|" + postalCode + "|" + countryCode)) {
                    return Address.newBuilder().setName(name).setLine1(line1).setLine2(line2).setPostalCode(postalCode)
                            .setCity(city.name()).setRegion(city.region()).setCountryCode(countryCode)
                            .setPhone(chance(0.6) ? phone(country) : null).build();
                }
            }
        }

        private Address workAddress(final Person person) {
            final Address work = newAddress(person.country, person.fullName(), false);
            return Address.newBuilder(work).setCompany(pick(List.of("Mairie", "Klinikum", "Studio", "Bibliothèque",
                    "Logistics Hub", "Universiteit"))).build();
        }

        private static Address withName(final Address address, final String name) {
            return Address.newBuilder(address).setName(name).build();
        }

        private Forwarder forwarderIn(final String countryCode) {
            return FORWARDERS.stream().filter(f -> f.country().equals(countryCode)).findFirst()
                    .orElseGet(() -> pick(FORWARDERS));
        }

        private Address forwarderAddress(final Forwarder forwarder, final String name, final String suite) {
            return Address.newBuilder().setName(name).setCompany(forwarder.company()).setLine1(forwarder.line1())
                    .setLine2(suite == null ? null : "Suite " + suite).setPostalCode(forwarder.postalCode())
                    .setCity(forwarder.city()).setCountryCode(forwarder.country()).build();
        }

        private String suite(final Forwarder forwarder) {
            return forwarder.suitePrefix() + "-" + digits(5);
        }

        /** The same place, written another way: case, abbreviation, punctuation, no accents. */
        private Address reformatted(final Address address) {
            final String line1 = address.getLine1();
            final String changed = switch (between(0, 3)) {
                case 0 -> line1.toUpperCase(Locale.ROOT);
                case 1 -> line1.replace("straße", "str.").replace("Straße", "Str.").replace("rue ", "r. ")
                        .replace("Calle ", "C/ ").replace("Via ", "V. ").replace("ul. ", "");
                case 2 -> asciiFold(line1).toLowerCase(Locale.ROOT);
                default -> line1.replaceFirst("(\\d+)", "$1,");
            };
            return Address.newBuilder(address).setLine1(changed).build();
        }

        private Ip homeIp(final String countryCode) {
            if (Set.of("FR", "DE", "BE", "NL").contains(countryCode) && chance(0.12)) {
                final String prefix = switch (countryCode) {
                    case "FR" -> "2a01:cb1c";
                    case "DE" -> "2003:e2";
                    case "BE" -> "2a02:a03f";
                    default -> "2001:1c00";
                };
                String address;
                do {
                    address = prefix + ":" + hex(4) + ":" + hex(4) + "::" + hex(3);
                } while (!usedIps.add(address));
                return new Ip(address, countryCode);
            }
            return broadbandIp(countryCode);
        }

        private Ip broadbandIp(final String countryCode) {
            return uniqueIp(COUNTRIES.get(countryCode).broadband(), countryCode);
        }

        private Ip ipIn(final String countryCode) {
            return COUNTRIES.containsKey(countryCode) ? broadbandIp(countryCode)
                    : uniqueIp(OTHER_IP_PREFIXES.get(countryCode), countryCode);
        }

        private Ip hostingIp(final String countryCode) {
            return uniqueIp(HOSTING_PREFIXES.getOrDefault(countryCode, HOSTING_PREFIXES.get("NL")),
                    HOSTING_PREFIXES.containsKey(countryCode) ? countryCode : "NL");
        }

        private Ip foreignIp() {
            return ipIn(pick(List.copyOf(OTHER_IP_PREFIXES.keySet())));
        }

        /** A hotel's or café's Wi-Fi: a few addresses per country, so guests share them. */
        private Ip hotelIp(final String countryCode) {
            return chance(0.2) ? pick(mobilePools.computeIfAbsent("hotel-" + countryCode,
                    c -> List.of(ipIn(countryCode), ipIn(countryCode), ipIn(countryCode)))) : ipIn(countryCode);
        }

        /** Home broadband most of the time, the phone's carrier address some of the time. */
        private Ip everydayIp(final Person person) {
            final double where = random.nextDouble();
            return where < 0.72 ? person.homeIp : where < 0.97 ? mobileIp(person.country) : broadbandIp(person.country);
        }

        /** A carrier's CGNAT address: a pool per country large enough that strangers rarely meet on one. */
        private Ip mobileIp(final String countryCode) {
            return pick(mobilePools.computeIfAbsent(countryCode, c -> gatewayPool(c, 400)));
        }

        private List<Ip> gatewayPool(final String countryCode, final int size) {
            final List<Ip> pool = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                pool.add(uniqueIp(COUNTRIES.get(countryCode).mobile(), countryCode));
            }
            return pool;
        }

        private Ip uniqueIp(final List<String> prefixes, final String countryCode) {
            String ip;
            do {
                ip = address(pick(prefixes));
            } while (!usedIps.add(ip));
            return new Ip(ip, countryCode);
        }

        private String address(final String prefix) {
            final StringBuilder ip = new StringBuilder(prefix);
            for (int octets = prefix.split("\\.").length; octets < 4; octets++) {
                ip.append('.').append(between(1, 254));
            }
            return ip.toString();
        }

        /**
         * A mobile number in the country's format. One that happens to read as a card number (a 13-digit German
         * number starting 49 can pass the Luhn check) is drawn again: order-intake refuses such an order, so it
         * never reaches fraud-check.
         */
        private String phone(final Country country) {
            String phone;
            do {
                phone = fill(pick(country.phoneFormats()));
            } while (CardNumberGuard.containsCardNumber(phone));
            return phone;
        }

        // ----- time -------------------------------------------------------------------------------------------------

        /** A time in the week, more in the evenings and on Sunday, as online shopping is. */
        private Instant timeInWeek() {
            return localTime(weightedIndex(DAY_WEIGHTS), weightedIndex(HOUR_WEIGHTS));
        }

        private Instant localTime(final int day, final int hour) {
            final LocalDateTime local = config.firstDay().plusDays(day).atTime(hour, random.nextInt(60),
                    random.nextInt(60));
            return clamp(local.atZone(POOL_ZONE).toInstant().plusMillis(random.nextInt(1_000)));
        }

        private Instant workday(final int fromHour, final int toHour) {
            return localTime(between(0, 4), between(fromHour, toHour - 1));
        }

        /** A time of day in the visited country's zone, shifted back to the pool's. */
        private Instant shifted(final Instant poolTime, final String visited) {
            final int hours = switch (visited) {
                case "TH" -> -6;
                case "JP" -> -8;
                case "AE" -> -3;
                case "US" -> 6;
                case "GB", "PT", "MA" -> 1;
                case "GR" -> -1;
                default -> 0;
            };
            return clamp(poolTime.plus(Duration.ofHours(hours)));
        }

        private Instant campaignStart(final Duration span) {
            for (int attempt = 0; attempt < 100; attempt++) {
                final Instant start = timeInWeek();
                if (start.plus(span).isBefore(weekEnd)) {
                    return start;
                }
            }
            return weekEnd.minus(span);
        }

        private List<Instant> sortedTimes(final int count, final Supplier<Instant> time) {
            final List<Instant> times = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                times.add(time.get());
            }
            Collections.sort(times);
            return times;
        }

        private Instant clamp(final Instant at) {
            if (at.isBefore(weekStart)) {
                return weekStart;
            }
            return at.isBefore(weekEnd) ? at : weekEnd.minusMillis(1 + random.nextInt(60_000));
        }

        // ----- random helpers ---------------------------------------------------------------------------------------

        private Shop pickShop() {
            return pickWeighted(SHOPS, SHOPS.stream().mapToDouble(Shop::share).toArray());
        }

        private static Shop shop(final String id) {
            return SHOPS.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        }

        private List<Shop> distinctShops(final int count) {
            final List<Shop> shuffled = new ArrayList<>(SHOPS);
            Collections.shuffle(shuffled, random);
            return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
        }

        private String pickHomeCountry() {
            final List<String> codes = List.copyOf(COUNTRIES.keySet());
            return pickWeighted(codes, codes.stream().mapToDouble(c -> COUNTRIES.get(c).homeWeight()).toArray());
        }

        private String pickOther(final String not, final List<String> choices) {
            final List<String> others = choices.stream().filter(c -> !c.equals(not)).toList();
            return pick(others.isEmpty() ? List.of(not.equals("DE") ? "FR" : "DE") : others);
        }

        private boolean chance(final double probability) {
            return random.nextDouble() < probability;
        }

        private int between(final int fromInclusive, final int toInclusive) {
            return fromInclusive + random.nextInt(toInclusive - fromInclusive + 1);
        }

        private <T> T pick(final List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        private <T> T pickWeighted(final List<T> items, final double[] weights) {
            return items.get(weightedIndex(weights));
        }

        private int weightedIndex(final double[] weights) {
            double sum = 0;
            for (final double weight : weights) {
                sum += weight;
            }
            double ticket = random.nextDouble() * sum;
            for (int i = 0; i < weights.length; i++) {
                ticket -= weights[i];
                if (ticket < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }

        private String digits(final int count) {
            final StringBuilder digits = new StringBuilder();
            for (int i = 0; i < count; i++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            return digits.toString();
        }

        private String hex(final int count) {
            final StringBuilder hex = new StringBuilder();
            for (int i = 0; i < count; i++) {
                hex.append("0123456789abcdef".charAt(random.nextInt(16)));
            }
            return hex.toString();
        }

        /** A format with each '#' replaced by a random digit. */
        private String fill(final String format) {
            final StringBuilder filled = new StringBuilder();
            for (final char c : format.toCharArray()) {
                filled.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c);
            }
            return filled.toString();
        }
    }

    private static String asciiFold(final String text) {
        final String decomposed = Normalizer.normalize(text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L")
                .replace("ø", "o").replace("æ", "ae"), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "");
    }
}
