package org.orderpool.infra;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The class path of the running code, to start a child JVM on it (a service, a Kafka tool). */
public final class ClassPath {

    private ClassPath() {
    }

    /** The context class loader's (under {@code mvn exec:java}) or the JVM's (tests, a plain {@code java}). */
    public static String current() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            return Arrays.stream(loader.getURLs()).map(url -> {
                try {
                    return Path.of(url.toURI()).toString();
                } catch (final URISyntaxException e) {
                    throw new IllegalStateException("not a file on the class path: " + url, e);
                }
            }).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    /** The {@code java} of the running JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
