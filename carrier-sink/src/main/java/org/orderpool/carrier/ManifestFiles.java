package org.orderpool.carrier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.orderpool.contracts.ShipmentManifest;

/**
 * Delivers a manifest to a carrier's drop folder as {@code <manifestId>.csv} and {@code <manifestId>.pdf}.
 * Idempotent: a manifest delivered again leaves the files as they are; each file appears whole
 * (written aside, then moved into place), never half-written.
 */
public final class ManifestFiles {

    private final Path folder;

    public ManifestFiles(final Path folder) {
        this.folder = folder;
    }

    /** @return the files written now; empty when the manifest was delivered before */
    public List<Path> deliver(final ShipmentManifest manifest) {
        final Path csv = folder.resolve(manifest.getManifestId() + ".csv");
        final Path pdf = folder.resolve(manifest.getManifestId() + ".pdf");
        try {
            Files.createDirectories(folder);
            final boolean csvWritten = writeOnce(csv, ManifestCsv.render(manifest).getBytes(StandardCharsets.UTF_8));
            final boolean pdfWritten = !Files.exists(pdf) && writeOnce(pdf, HandOverSlip.render(manifest));
            return Arrays.asList(csvWritten ? csv : null, pdfWritten ? pdf : null).stream().filter(p -> p != null).toList();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot deliver manifest " + manifest.getManifestId() + " to " + folder, e);
        }
    }

    private static boolean writeOnce(final Path target, final byte[] content) throws IOException {
        if (Files.exists(target)) {
            return false;
        }
        final Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.write(partial, content);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
