package org.orderpool.contracts.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Keeps the contract evolvable: every registry subject's current schema must be BACKWARD compatible
 * with its last released version (a consumer on the new schema reads everything written with the
 * released one), which is the rule Confluent Schema Registry applies by default.
 *
 * <p>Released versions live in the repository as {@code <releasedDir>/<subject>/v<N>.avsc}; releasing
 * writes {@code v<N+1>} for every subject whose schema changed, and refuses incompatible changes.
 */
public final class SchemaEvolutionGuard {

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private final Path releasedDir;

    public SchemaEvolutionGuard(final Path releasedDir) {
        this.releasedDir = releasedDir;
    }

    /** A released version of one subject. */
    public record Release(String subject, int version, Schema schema) {
    }

    /** The problems of the current schemas against the released ones; empty when the contract may ship. */
    public List<String> check(final Map<String, Schema> currentBySubject) {
        final List<String> problems = new ArrayList<>();
        currentBySubject.forEach((subject, current) -> {
            final Optional<Release> released = latestRelease(subject);
            if (released.isEmpty()) {
                problems.add(subject + ": no released version under " + releasedDir
                        + "; release the contract (see README, 'Changing a schema')");
            } else {
                incompatibility(current, released.get().schema()).ifPresent(reason -> problems.add(subject
                        + ": not backward compatible with released v" + released.get().version() + ": " + reason));
            }
        });
        return problems;
    }

    /**
     * Why a reader using {@code current} could not read data written with {@code released}, or empty
     * when it can.
     */
    public static Optional<String> incompatibility(final Schema current, final Schema released) {
        final SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of(result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .collect(Collectors.joining("; ")));
    }

    public Optional<Release> latestRelease(final String subject) {
        final Path dir = releasedDir.resolve(subject);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> VERSION_FILE.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .max(Comparator.naturalOrder())
                    .map(version -> new Release(subject, version, read(dir.resolve("v" + version + ".avsc"))));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a new released version for every subject whose schema differs from its last release.
     *
     * @return the files written
     * @throws IllegalStateException listing the subjects that are not backward compatible; nothing is written then
     */
    public List<Path> release(final Map<String, Schema> currentBySubject) {
        final List<String> incompatible = new ArrayList<>();
        currentBySubject.forEach((subject, current) -> latestRelease(subject)
                .flatMap(released -> incompatibility(current, released.schema()))
                .ifPresent(reason -> incompatible.add(subject + ": " + reason)));
        if (!incompatible.isEmpty()) {
            throw new IllegalStateException("Refusing to release incompatible schemas:\n" + String.join("\n", incompatible));
        }
        final List<Path> written = new ArrayList<>();
        currentBySubject.forEach((subject, current) -> {
            final Optional<Release> released = latestRelease(subject);
            if (released.isPresent() && released.get().schema().equals(current)) {
                return;
            }
            final int version = released.map(r -> r.version() + 1).orElse(1);
            final Path file = releasedDir.resolve(subject).resolve("v" + version + ".avsc");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, current.toString(true) + "\n", StandardCharsets.UTF_8);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            written.add(file);
        });
        return written;
    }

    private static Schema read(final Path file) {
        try {
            return new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
