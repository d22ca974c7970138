package dev.coffer.storage;

import java.io.IOException;
import java.lang.System.Logger.Level;

/** Takes a chunk that failed a check out of service, so that no later read can serve it. */
final class Quarantine {
    private static final System.Logger LOG = System.getLogger(ChunkStore.class.getName());

    private Quarantine() {}

    /**
     * Moves the chunk named by {@code failure} to quarantine/ and logs it; returns
     * {@code failure} for the caller to throw, with any failure of the move attached.
     */
    static ChunkCorruptedException move(StoreLayout layout, ChunkCorruptedException failure) {
        try {
            if (layout.quarantine(failure.chunk())) {
                LOG.log(Level.WARNING, "{0}; moved to quarantine/", failure.getMessage());
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
            LOG.log(Level.ERROR, "could not quarantine chunk " + failure.chunk(), e);
        }
        return failure;
    }
}
