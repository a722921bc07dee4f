package org.orderpool.carrier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.orderpool.contracts.ShipmentManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a manifest to its carrier: files in {@code <dropFolder>/<carrierId>/}, then, for carriers with
 * a push URL, an HTTP push. Both are idempotent: a manifest delivered again writes no file and pushes
 * nothing once {@code <manifestId>.pushed} exists. A push that fails every attempt leaves
 * {@code <manifestId>.push-failed} with the error; {@link #retryFailedPushes()} tries those again, so no
 * manifest is lost while a carrier's endpoint is down.
 */
public final class ManifestDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestDelivery.class);

    private final Path dropFolder;
    private final Function<String, Optional<URI>> pushUrlOf;
    private final CarrierPush push;

    public ManifestDelivery(final Path dropFolder, final Function<String, Optional<URI>> pushUrlOf, final CarrierPush push) {
        this.dropFolder = dropFolder;
        this.pushUrlOf = pushUrlOf;
        this.push = push;
    }

    /** @return the files written now; empty when the manifest was delivered before */
    public List<Path> deliver(final ShipmentManifest manifest) {
        final Path folder = folderOf(manifest.getCarrierId());
        final List<Path> written = new ManifestFiles(folder).deliver(manifest);
        if (!written.isEmpty()) {
            LOG.info("Manifest {} for {}: {} parcel(s), {} g, in {}", manifest.getManifestId(), manifest.getCarrierId(),
                    manifest.getParcelCount(), manifest.getTotalWeightGrams(), folder);
        }
        pushUrlOf.apply(manifest.getCarrierId()).ifPresent(url -> pushOnce(folder, manifest.getManifestId(), url));
        return written;
    }

    /** Pushes again every manifest whose push failed before; called periodically. */
    public void retryFailedPushes() {
        if (!Files.isDirectory(dropFolder)) {
            return;
        }
        try (DirectoryStream<Path> carriers = Files.newDirectoryStream(dropFolder, Files::isDirectory)) {
            for (final Path folder : carriers) {
                final Optional<URI> url = pushUrlOf.apply(folder.getFileName().toString());
                if (url.isEmpty()) {
                    continue;
                }
                final List<String> failed = new ArrayList<>();
                try (DirectoryStream<Path> markers = Files.newDirectoryStream(folder, "*.push-failed")) {
                    markers.forEach(marker -> failed.add(marker.getFileName().toString().replace(".push-failed", "")));
                }
                failed.forEach(manifestId -> pushOnce(folder, manifestId, url.get()));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot scan " + dropFolder + " for failed pushes", e);
        }
    }

    public Path folderOf(final String carrierId) {
        return dropFolder.resolve(carrierId);
    }

    private void pushOnce(final Path folder, final String manifestId, final URI url) {
        final Path pushed = folder.resolve(manifestId + ".pushed");
        final Path failed = folder.resolve(manifestId + ".push-failed");
        try {
            if (Files.exists(pushed)) {
                return;
            }
            final String csv = Files.readString(folder.resolve(manifestId + ".csv"), StandardCharsets.UTF_8);
            try {
                push.push(url, manifestId, csv);
                Files.writeString(pushed, url + System.lineSeparator(), StandardCharsets.UTF_8);
                Files.deleteIfExists(failed);
                LOG.info("Manifest {} pushed to {}", manifestId, url);
            } catch (final CarrierPush.PushFailedException e) {
                Files.writeString(failed, e.getMessage() + System.lineSeparator(), StandardCharsets.UTF_8);
                LOG.error("{}; will try again", e.getMessage());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot record the push of " + manifestId + " in " + folder, e);
        }
    }
}
