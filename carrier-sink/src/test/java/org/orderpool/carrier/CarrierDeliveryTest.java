package org.orderpool.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.testing.Fixtures;

class CarrierDeliveryTest {

    @Test
    void shouldDeliverAManifestOnceWhateverHowOftenItIsRead(@TempDir final Path dropFolder) throws Exception {
        final ManifestFiles files = new ManifestFiles(dropFolder);
        final ShipmentManifest manifest = manifest(2);

        final List<Path> first = files.deliver(manifest);
        final FileTime written = Files.getLastModifiedTime(first.get(0));
        final List<Path> again = files.deliver(manifest);

        assertThat(first).extracting(p -> p.getFileName().toString())
                .containsExactly(manifest.getManifestId() + ".csv", manifest.getManifestId() + ".pdf");
        assertThat(again).isEmpty();
        assertThat(Files.getLastModifiedTime(first.get(0))).isEqualTo(written);
        try (var listing = Files.list(dropFolder)) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("no partial file left").hasSize(2);
        }
        assertThat(Files.readString(first.get(0), StandardCharsets.UTF_8)).contains(manifest.getParcels().get(1).getParcelId());
    }

    private static ShipmentManifest manifest(final int parcels) {
        final List<ManifestParcel> lines = new ArrayList<>();
        long weight = 0;
        for (int i = 1; i <= parcels; i++) {
            final Order order = Fixtures.order("o-" + i).line("SKU-TEA-01", i).build();
            final Parcel parcel = Fixtures.parcel(order, "colis-express");
            parcel.setTrackingReference("CX00000" + i);
            final ShipmentManifest single = Fixtures.manifest("colis-express", parcel);
            lines.add(single.getParcels().get(0));
            weight += parcel.getWeightGrams();
        }
        final ShipmentManifest manifest = Fixtures.manifest("colis-express", Fixtures.parcel(Fixtures.order("o-1").build(), "colis-express"));
        manifest.setParcels(lines);
        manifest.setParcelCount(parcels);
        manifest.setTotalWeightGrams(weight);
        return manifest;
    }
}
