package org.orderpool.contracts.evolution;

import java.nio.file.Path;
import java.util.List;
import org.orderpool.contracts.topic.Topics;

/**
 * Releases the contract: records the current schema of every subject as its next released version,
 * after checking that each is backward compatible with the previous release. Run it when a contract
 * change ships: {@code ./mvnw -q -pl schemas -am compile exec:java -Dexec.mainClass=org.orderpool.contracts.evolution.ReleaseSchemas}.
 */
public final class ReleaseSchemas {

    private ReleaseSchemas() {
    }

    public static void main(final String[] args) {
        final Path releasedDir = Path.of(args.length > 0 ? args[0] : "released");
        final List<Path> written = new SchemaEvolutionGuard(releasedDir).release(Topics.subjects());
        if (written.isEmpty()) {
            System.out.println("Every subject is already released as it is; nothing written.");
        } else {
            written.forEach(file -> System.out.println("released " + file));
        }
    }
}
