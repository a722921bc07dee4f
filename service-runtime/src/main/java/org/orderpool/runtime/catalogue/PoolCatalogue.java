package org.orderpool.runtime.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The products the pool stocks: SKU, title and packed weight. Shops may only sell these. Loaded from a
 * CSV with the header {@code sku,title,weightGrams}; the default is {@code catalogue.csv} on the classpath.
 */
public final class PoolCatalogue {

    /** One product of the pool. */
    public record Product(String sku, String title, int weightGrams) {
    }

    private final Map<String, Product> products;

    public PoolCatalogue(final Map<String, Product> products) {
        this.products = Collections.unmodifiableMap(new LinkedHashMap<>(products));
    }

    public static PoolCatalogue fromClasspath() {
        try (InputStream in = PoolCatalogue.class.getResourceAsStream("/catalogue.csv")) {
            if (in == null) {
                throw new IllegalStateException("catalogue.csv is not on the classpath");
            }
            return fromCsv(in);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PoolCatalogue fromCsv(final InputStream csv) {
        final Map<String, Product> products = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null || !line.trim().equals("sku,title,weightGrams")) {
                throw new IllegalArgumentException("catalogue CSV must start with the header sku,title,weightGrams");
            }
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                final String[] cells = line.split(",", -1);
                if (cells.length != 3) {
                    throw new IllegalArgumentException("catalogue line " + number + ": expected sku,title,weightGrams but got '" + line + "'");
                }
                final Product product = new Product(cells[0].trim(), cells[1].trim(), Integer.parseInt(cells[2].trim()));
                if (products.put(product.sku(), product) != null) {
                    throw new IllegalArgumentException("catalogue line " + number + ": SKU " + product.sku() + " appears twice");
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PoolCatalogue(products);
    }

    public boolean contains(final String sku) {
        return products.containsKey(sku);
    }

    public Optional<Product> product(final String sku) {
        return Optional.ofNullable(products.get(sku));
    }

    public Set<String> skus() {
        return products.keySet();
    }
}
