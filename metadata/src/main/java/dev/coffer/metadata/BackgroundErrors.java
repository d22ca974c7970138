package dev.coffer.metadata;

import java.util.Optional;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.BackgroundErrorReason;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Follows RocksDB's background error: set when a flush, compaction or WAL write fails and RocksDB
 * stops accepting writes (on ENOSPC among others), cleared when its own recovery completes. That
 * recovery is enabled (an SstFileManager is set) but, measured in docs/fault-report.md, it did not
 * resume after a WAL write's ENOSPC once room returned, so on a full disk {@link SpaceRecovery}
 * reopens the store, with a fresh instance of this listener. It turns a refused commit into a
 * {@link CatalogStoppedException} and is what health and metrics show.
 */
final class BackgroundErrors extends AbstractEventListener {
    private volatile String stopped;
    private volatile boolean noSpace;

    BackgroundErrors() {
        super(EnabledEventCallback.ON_BACKGROUND_ERROR, EnabledEventCallback.ON_ERROR_RECOVERY_BEGIN,
                EnabledEventCallback.ON_ERROR_RECOVERY_COMPLETED);
    }

    @Override
    public void onBackgroundError(BackgroundErrorReason reason, Status status) {
        noSpace = isNoSpace(status);
        stopped = "RocksDB stopped writing after a failed " + reason.name().toLowerCase(java.util.Locale.ROOT)
                + ": " + describe(status);
    }

    /** Lets RocksDB recover on its own (it does so for a full disk once room returns). */
    @Override
    public boolean onErrorRecoveryBegin(BackgroundErrorReason reason, Status status) {
        return true;
    }

    @Override
    public void onErrorRecoveryCompleted(Status oldError) {
        stopped = null;
        noSpace = false;
    }

    /** True when the stop came from a full disk (ENOSPC, or RocksDB's own space limit). */
    boolean noSpace() {
        return noSpace;
    }

    /** Records that reopening the store after a full disk failed; the store stays stopped. */
    void reopenFailed(Exception e) {
        noSpace = true;
        stopped = "reopening the catalogue after a full disk failed (tried again while the disk is full): " + e.getMessage();
    }

    /** What a use of the store gets while a reopen after a full disk has failed. */
    CatalogStoppedException unavailable() {
        return new CatalogStoppedException(stopped == null ? "catalogue closed for a reopen" : stopped, true, null);
    }

    /** Why the catalogue does not accept writes now, if it does not. */
    Optional<String> stopped() {
        return Optional.ofNullable(stopped);
    }

    /** The exception a failed commit becomes: a stop when RocksDB stopped or the disk is full. */
    MetadataException commitFailed(RocksDBException e) {
        boolean full = isNoSpace(e.getStatus()) || noSpaceText(e.getMessage());
        if (full) noSpace = true;
        String why = stopped;
        if (full || why != null) {
            return new CatalogStoppedException(why != null ? why : "RocksDB: " + e.getMessage(), full || noSpace, e);
        }
        return new MetadataException("commit failed", e);
    }

    private static boolean isNoSpace(Status status) {
        return status != null && (status.getSubCode() == Status.SubCode.NoSpace || noSpaceText(status.getState()));
    }

    private static String describe(Status status) {
        if (status == null) return "unknown status";
        String state = status.getState();
        return status.getCodeString() + (state == null || state.isEmpty() ? "" : " (" + state + ")");
    }

    /** How RocksDB words a full disk: the OS's ENOSPC text, or its SstFileManager's space limit. */
    private static boolean noSpaceText(String message) {
        return message != null && (message.contains("No space left") || message.contains("Max allowed space"));
    }
}
