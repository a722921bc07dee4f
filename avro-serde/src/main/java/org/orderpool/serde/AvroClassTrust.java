package org.orderpool.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes it was not told to trust, when it decodes records and
 * when it copies them. A deserializer built for a SpecificRecord class trusts that class's package
 * (where avro-maven-plugin puts the record's nested types too), in addition to Avro's own defaults;
 * code that uses generated classes before any deserializer exists calls {@link #trustPackageOf}.
 */
public final class AvroClassTrust {

    private static final Set<String> TRUSTED_PACKAGES = ConcurrentHashMap.newKeySet();
    private static boolean installed;

    private AvroClassTrust() {
    }

    /** Lets Avro instantiate every class in the package of {@code type}, from now on, in this JVM. */
    public static synchronized void trustPackageOf(final Class<?> type) {
        TRUSTED_PACKAGES.add(type.getPackageName());
        if (!installed) {
            final ClassSecurityValidator.ClassSecurityPredicate ours =
                    candidate -> TRUSTED_PACKAGES.contains(candidate.getPackageName());
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
            installed = true;
        }
    }
}
