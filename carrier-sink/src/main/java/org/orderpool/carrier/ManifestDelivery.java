package org.orderpool.carrier;

import java.io.IOException;
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
 * Delivers a manifest to its carrier: files in {@code <dropFolder>/<carrierId>/} and, for carriers with a
 * push URL, an HTTP push; both or nothing. In order:
 * <ol>
 *   <li>both files are rendered in memory; a manifest that cannot be rendered, or whose ids cannot name a
 *   file, is an {@link UndeliverableManifestException} and nothing is written;</li>
 *   <li>the files are written aside ({@link ManifestFiles#stage}); a disk that fails is a
 *   {@link DropFolderUnavailableException} and nothing is pushed;</li>
 *   <li>the CSV is pushed, unless {@code <manifestId>.pushed} or {@code .push-refused} says it was
 *   answered before. A refusal (a 4xx other than 408 and 429) removes what was written aside and is an
 *   {@link UndeliverableManifestException}: nothing of the manifest reaches the folder. An acceptance
 *   leaves {@code <manifestId>.pushed};</li>
 *   <li>the files are moved into place; if the push failed every attempt for a passing reason,
 *   {@code <manifestId>.push-failed} then says why, and {@link #retryFailedPushes()} pushes it again
 *   until the carrier answers: accepted ({@code .pushed}) or refused ({@code .push-refused}, with the
 *   answer, and never asked again).</li>
 * </ol>
 * Every step is idempotent, so a manifest delivered again after any failure or crash completes what is
 * missing, and a push is repeated only if its acceptance could not be recorded (the carrier tells the
 * repeat by its {@code Idempotency-Key}).
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

    /**
     * @return the files written now; empty when the manifest was delivered before
     * @throws UndeliverableManifestException when no retry can deliver it; nothing of it was added to the folder
     * @throws DropFolderUnavailableException when the folder cannot be written; delivering it again completes it
     */
    public List<Path> deliver(final ShipmentManifest manifest) {
        final Path folder = folderOf(manifest.getCarrierId());
        final ManifestFiles.Rendered rendered = ManifestFiles.render(manifest);
        final ManifestFiles.Staged staged = new ManifestFiles(folder).stage(rendered);
        final String manifestId = rendered.manifestId();
        final Optional<URI> url = pushUrlOf.apply(manifest.getCarrierId());
        Optional<String> pushFailure = Optional.empty();
        if (url.isPresent() && !answeredBefore(folder, manifestId)) {
            try {
                pushFailure = pushNow(folder, manifestId, url.get(), new String(rendered.csv(), StandardCharsets.UTF_8));
            } catch (final CarrierPush.PushRefusedException refused) {
                staged.discard();
                if (Files.exists(folder.resolve(manifestId + ".csv"))) {
                    // Its files were delivered by an earlier run whose push was not answered: say why it stops here.
                    record(folder.resolve(manifestId + ".push-refused"), refused.getMessage(), manifestId);
                    deleteIfExists(folder.resolve(manifestId + ".push-failed"), manifestId);
                }
                throw new UndeliverableManifestException("manifest " + manifestId + " for " + manifest.getCarrierId()
                        + ": " + refused.getMessage(), refused);
            }
        }
        final List<Path> written = staged.publish();
        if (!written.isEmpty()) {
            LOG.info("Manifest {} for {}: {} parcel(s), {} g, in {}", manifestId, manifest.getCarrierId(),
                    manifest.getParcelCount(), manifest.getTotalWeightGrams(), folder);
        }
        if (pushFailure.isPresent()) {
            record(folder.resolve(manifestId + ".push-failed"), pushFailure.get(), manifestId);
            LOG.error("{}; its files are in {}, the push will be tried again", pushFailure.get(), folder);
        }
        return written;
    }

    /**
     * Pushes again every manifest whose push failed before; called periodically. A manifest that cannot
     * be pushed or recorded now is logged and left for the next call; the others go on.
     *
     * @return the manifests whose push is still waiting
     */
    public List<String> retryFailedPushes() {
        final List<String> waiting = new ArrayList<>();
        if (!Files.isDirectory(dropFolder)) {
            return waiting;
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
                for (final String manifestId : failed) {
                    if (!retryPush(folder, manifestId, url.get())) {
                        waiting.add(manifestId);
                    }
                }
            }
        } catch (final IOException e) {
            throw new DropFolderUnavailableException("cannot scan " + dropFolder + " for failed pushes", e);
        }
        return waiting;
    }

    /** @throws UndeliverableManifestException if the carrier id cannot name a folder of the drop folder */
    public Path folderOf(final String carrierId) {
        return dropFolder.resolve(ManifestFiles.fileName("carrier id", carrierId));
    }

    /** @return true when the push is settled (accepted or refused), false when it still waits */
    private boolean retryPush(final Path folder, final String manifestId, final URI url) {
        try {
            if (answeredBefore(folder, manifestId)) {
                deleteIfExists(folder.resolve(manifestId + ".push-failed"), manifestId);
                return true;
            }
            final String csv = Files.readString(folder.resolve(manifestId + ".csv"), StandardCharsets.UTF_8);
            final Optional<String> failure = pushNow(folder, manifestId, url, csv);
            if (failure.isPresent()) {
                record(folder.resolve(manifestId + ".push-failed"), failure.get(), manifestId);
                LOG.warn("{}; will try again", failure.get());
                return false;
            }
            return true;
        } catch (final CarrierPush.PushRefusedException refused) {
            record(folder.resolve(manifestId + ".push-refused"), refused.getMessage(), manifestId);
            deleteIfExists(folder.resolve(manifestId + ".push-failed"), manifestId);
            LOG.error("Manifest {}: {}; its files are in {}, it will not be pushed again", manifestId, refused.getMessage(),
                    folder);
            return true;
        } catch (final IOException | DropFolderUnavailableException e) {
            LOG.error("Cannot retry the push of manifest {} in {}: {}; will try again", manifestId, folder, e.toString());
            return false;
        }
    }

    /** @return the passing failure, empty when the carrier accepted the manifest */
    private Optional<String> pushNow(final Path folder, final String manifestId, final URI url, final String csv)
            throws CarrierPush.PushRefusedException {
        try {
            push.push(url, manifestId, csv);
        } catch (final CarrierPush.PushFailedException e) {
            return Optional.of(e.getMessage());
        }
        record(folder.resolve(manifestId + ".pushed"), url.toString(), manifestId);
        deleteIfExists(folder.resolve(manifestId + ".push-failed"), manifestId);
        LOG.info("Manifest {} pushed to {}", manifestId, url);
        return Optional.empty();
    }

    private static boolean answeredBefore(final Path folder, final String manifestId) {
        return Files.exists(folder.resolve(manifestId + ".pushed"))
                || Files.exists(folder.resolve(manifestId + ".push-refused"));
    }

    private static void record(final Path marker, final String content, final String manifestId) {
        try {
            ManifestFiles.replace(marker, content + System.lineSeparator());
        } catch (final IOException e) {
            throw new DropFolderUnavailableException("cannot record " + marker.getFileName() + " of manifest "
                    + manifestId, e);
        }
    }

    private static void deleteIfExists(final Path marker, final String manifestId) {
        try {
            Files.deleteIfExists(marker);
        } catch (final IOException e) {
            throw new DropFolderUnavailableException("cannot remove " + marker.getFileName() + " of manifest "
                    + manifestId, e);
        }
    }
}
