package dev.coffer.metadata;

import java.util.Optional;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.BackgroundErrorReason;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Follows RocksDB's background error: set when a flush, compaction, MANIFEST or WAL write fails
 * and RocksDB stops accepting writes, cleared when its own recovery completes. That recovery runs
 * only for a full disk and for errors a file system marks retryable (an SstFileManager is set); it
 * did not resume after a WAL write's ENOSPC once room returned (measured, docs/fault-report.md), a
 * plain EIO is "fatal" to RocksDB (paranoid checks: close, remedy, reopen), damaged data
 * "unrecoverable", and RocksJava has no {@code DB::Resume}. So {@link StopRecovery} reopens the
 * store after a full disk or another I/O error, with a fresh instance of this listener, and never
 * after damage. It turns a refused commit into a {@link CatalogStoppedException} and is what health
 * and metrics show.
 *
 * <p>RocksJava 11.8 cannot name every reason (its enum ends at MEMTABLE: a failed MANIFEST write or
 * a flush with an empty WAL throws in its callback and never reaches this listener), so a commit or
 * flush refused with an I/O error or corruption records the stop too.
 */
final class BackgroundErrors extends AbstractEventListener {
    /** What stopped RocksDB, and so what brings it back. */
    enum Stop {
        /** A full disk (ENOSPC, or RocksDB's own space limit): reopened once a probe the size of the WAL fits. */
        NO_SPACE(" (writes resume by themselves once space is freed)"),
        /** Another I/O error (EIO in a flush, compaction or WAL write): reopened once a probe write and fsync succeed. */
        IO(" (the catalogue reopens RocksDB by itself once a probe write to its disk succeeds)"),
        /** Damaged data (a table file or the MANIFEST fails its checks): never reopened by itself. */
        DAMAGE(" (damaged data: writes stay stopped, and a restart meets the same damage; restore the catalogue"
                + " from a backup, or in a cluster replace this node's catalogue with a checkpoint of the others)");

        private final String advice;

        Stop(String advice) {
            this.advice = advice;
        }
    }

    private volatile String stopped;
    private volatile Stop stop;

    BackgroundErrors() {
        super(EnabledEventCallback.ON_BACKGROUND_ERROR, EnabledEventCallback.ON_ERROR_RECOVERY_BEGIN,
                EnabledEventCallback.ON_ERROR_RECOVERY_COMPLETED);
    }

    /** A fresh listener (a new native handle) that remembers this one's stop: for a store opened while still stopped. */
    BackgroundErrors carryingOn() {
        BackgroundErrors next = new BackgroundErrors();
        next.stop = stop;
        next.stopped = stopped;
        return next;
    }

    @Override
    public void onBackgroundError(BackgroundErrorReason reason, Status status) {
        record("a failed " + reason.name().toLowerCase(java.util.Locale.ROOT), status, null);
    }

    /** Lets RocksDB recover on its own where it can. */
    @Override
    public boolean onErrorRecoveryBegin(BackgroundErrorReason reason, Status status) {
        return true;
    }

    @Override
    public void onErrorRecoveryCompleted(Status oldError) {
        stopped = null;
        stop = null;
    }

    /** True when the stop came from a full disk (ENOSPC, or RocksDB's own space limit). */
    boolean noSpace() {
        return stop == Stop.NO_SPACE;
    }

    /** True while stopped by something a reopen may clear once it has passed (a full disk, another I/O error). */
    boolean reopenMayHelp() {
        return stopped != null && (stop == Stop.NO_SPACE || stop == Stop.IO);
    }

    /** Records that reopening the store failed; the store stays stopped and the recovery tries again. */
    void reopenFailed(Exception e) {
        if (stop == null) stop = Stop.IO;
        stopped = "reopening the catalogue after " + (stop == Stop.NO_SPACE ? "a full disk" : "an I/O error")
                + " failed (it tries again): " + e.getMessage();
    }

    /** What a use of the store gets while a reopen has failed. */
    CatalogStoppedException unavailable() {
        return new CatalogStoppedException(stopped == null ? "catalogue closed for a reopen" : stopped, noSpace(), null);
    }

    /** Why the catalogue does not accept writes now, if it does not. */
    Optional<String> stopped() {
        return Optional.ofNullable(stopped);
    }

    /** The exception a failed commit (or flush) becomes: a stop when RocksDB stopped or the disk is full. */
    MetadataException commitFailed(RocksDBException e) {
        if (stopped == null) record("a failed write", e.getStatus(), e.getMessage());
        String why = stopped;
        if (why != null) return new CatalogStoppedException(why, noSpace(), e);
        return new MetadataException("commit failed", e);
    }

    /** Records a stop unless {@code status} is none (null: a status RocksDB did not report as one). */
    private void record(String what, Status status, String message) {
        Stop kind = classify(status, message);
        if (kind == null) return;
        stop = kind;
        stopped = "RocksDB stopped writing after " + what + ": " + describe(status, message) + kind.advice;
    }

    /** The stop a failure is: I/O errors and damage are; a refusal of another kind (busy, not supported) is not. */
    private static Stop classify(Status status, String message) {
        if (status == null) return noSpaceText(message) ? Stop.NO_SPACE : null;
        if (status.getSubCode() == Status.SubCode.NoSpace
                || noSpaceText(status.getState()) || noSpaceText(message)) {
            return Stop.NO_SPACE;
        }
        if (status.getCode() == Status.Code.Corruption) return Stop.DAMAGE;
        if (status.getCode() == Status.Code.IOError) return Stop.IO;
        return null;
    }

    private static String describe(Status status, String message) {
        if (status == null) return message == null ? "unknown status" : message;
        String state = status.getState();
        return status.getCodeString() + (state == null || state.isEmpty() ? "" : " (" + state + ")");
    }

    /** How RocksDB words a full disk: the OS's ENOSPC text, or its SstFileManager's space limit. */
    private static boolean noSpaceText(String message) {
        return message != null && (message.contains("No space left") || message.contains("Max allowed space"));
    }
}
