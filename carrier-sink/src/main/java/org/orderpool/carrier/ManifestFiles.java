package org.orderpool.carrier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.orderpool.carrier.documents.AsciiId;
import org.orderpool.carrier.documents.HandOverSlip;
import org.orderpool.carrier.documents.ManifestCsv;
import org.orderpool.contracts.ShipmentManifest;

/**
 * A manifest in a carrier's drop folder as {@code <manifestId>.csv} and {@code <manifestId>.pdf}, in three
 * steps so that a failure leaves no half of it: {@link #render} makes both files in memory (a manifest that
 * cannot be rendered, or whose id cannot name a file, is refused before anything is written);
 * {@link #stage} writes what is missing aside, as hidden {@code .<manifestId>.<ext>.partial} files flushed
 * to disk; {@link Staged#publish} moves them into place atomically, the slip first and the CSV last, so a
 * CSV in the folder means the whole manifest is there. Idempotent: files already in place stay as they are.
 * Failures of the disk are {@link DropFolderUnavailableException}s. Pushing is not its business.
 */
public final class ManifestFiles {

    /** Room under the usual 255-byte limit for the longest suffix ({@code .push-refused}) and the hidden partials. */
    private static final int MAX_NAME_BYTES = 200;
    private static final String NOT_IN_NAMES = "/\\:*?\"<>|";

    private final Path folder;

    public ManifestFiles(final Path folder) {
        this.folder = folder;
    }

    /** A manifest's two files, rendered in memory. */
    public record Rendered(String manifestId, byte[] csv, byte[] pdf) {
    }

    /** The files of a manifest that were missing, written aside and not yet visible. */
    public final class Staged {
        private final String manifestId;
        private final List<Path> partials;
        private final List<Path> targets;

        private Staged(final String manifestId, final List<Path> partials, final List<Path> targets) {
            this.manifestId = manifestId;
            this.partials = partials;
            this.targets = targets;
        }

        /** @return the files that appeared now (CSV, slip); empty when the manifest was there before */
        public List<Path> publish() {
            try {
                for (int i = partials.size() - 1; i >= 0; i--) { // the slip first, the CSV last
                    Files.move(partials.get(i), targets.get(i), StandardCopyOption.ATOMIC_MOVE);
                }
                return targets;
            } catch (final IOException e) {
                throw new DropFolderUnavailableException("cannot move manifest " + manifestId + " into " + folder, e);
            }
        }

        /** Removes what was written aside: nothing of the manifest is added to the folder. */
        public void discard() {
            for (final Path partial : partials) {
                try {
                    Files.deleteIfExists(partial);
                } catch (final IOException e) {
                    throw new DropFolderUnavailableException("cannot remove " + partial + " of manifest " + manifestId, e);
                }
            }
        }
    }

    /** @throws UndeliverableManifestException if the id cannot name a file or a file cannot be rendered */
    public static Rendered render(final ShipmentManifest manifest) {
        final String manifestId = fileName("manifest id", manifest.getManifestId());
        try {
            final byte[] csv = ManifestCsv.render(manifest).getBytes(StandardCharsets.UTF_8);
            return new Rendered(manifestId, csv, HandOverSlip.render(manifest));
        } catch (final RuntimeException e) {
            throw new UndeliverableManifestException("cannot render manifest " + manifestId + ": " + e, e);
        }
    }

    /** Writes aside the files of the manifest not yet in the folder, and forces them to disk. */
    public Staged stage(final Rendered files) {
        final List<Path> partials = new ArrayList<>(2);
        final List<Path> targets = new ArrayList<>(2);
        try {
            Files.createDirectories(folder);
            stageIfMissing(folder.resolve(files.manifestId() + ".csv"), files.csv(), partials, targets);
            stageIfMissing(folder.resolve(files.manifestId() + ".pdf"), files.pdf(), partials, targets);
            return new Staged(files.manifestId(), List.copyOf(partials), List.copyOf(targets));
        } catch (final IOException e) {
            final DropFolderUnavailableException failure = new DropFolderUnavailableException("cannot write manifest "
                    + files.manifestId() + " to " + folder, e);
            try {
                new Staged(files.manifestId(), partials, targets).discard();
            } catch (final DropFolderUnavailableException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
    }

    /** Renders, stages and publishes: a manifest with no push. */
    public List<Path> deliver(final ShipmentManifest manifest) {
        return stage(render(manifest)).publish();
    }

    /** Writes a whole file at once (aside, flushed, then moved over any older one), as the markers are written. */
    public static void replace(final Path target, final String content) throws IOException {
        final Path partial = partialOf(target);
        write(partial, content.getBytes(StandardCharsets.UTF_8));
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Checks that an id can name a file or folder of the drop folder by itself: not blank, not hidden (the
     * partial files are), no path separator, no character Windows shares refuse, no control character, at
     * most 200 bytes in UTF-8. Any other character (letters of any alphabet, say) is kept as it is.
     *
     * @return the id
     * @throws UndeliverableManifestException naming the field otherwise
     */
    public static String fileName(final String field, final String id) {
        final String problem = id == null || id.isBlank() ? "is blank"
                : id.startsWith(".") ? "starts with '.'"
                : id.chars().anyMatch(c -> c < 0x20 || c == 0x7F) ? "holds a control character"
                : id.chars().anyMatch(c -> NOT_IN_NAMES.indexOf(c) >= 0) ? "holds one of " + NOT_IN_NAMES
                : id.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES ? "is longer than " + MAX_NAME_BYTES + " bytes"
                : null;
        if (problem != null) {
            throw new UndeliverableManifestException("the " + field + " '" + AsciiId.of(String.valueOf(id))
                    + "' cannot name a file in the drop folder: it " + problem);
        }
        return id;
    }

    private static void stageIfMissing(final Path target, final byte[] content, final List<Path> partials,
                                       final List<Path> targets) throws IOException {
        if (!Files.exists(target)) {
            final Path partial = partialOf(target);
            partials.add(partial);
            targets.add(target);
            write(partial, content);
        }
    }

    private static Path partialOf(final Path target) {
        return target.resolveSibling("." + target.getFileName() + ".partial");
    }

    private static void write(final Path file, final byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            final ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }
}
