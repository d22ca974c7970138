package dev.coffer.metadata;

/**
 * Which of the {@link HotRecords} a command may change, and the stamps moved around its commit:
 * the latest version of one key, or the buckets (their records and configurations, and with
 * them every key's entry, which holds its bucket's versioning), or none. A command kind not
 * named here counts as a bucket change, so a new kind can only make the cache forget too much.
 */
final class HotChanges {
    private HotChanges() {
    }

    /** Runs {@code commit}, the command's batch commit, between the stamps' moves. */
    static void around(HotRecords hot, CatalogCommand command, Runnable commit) {
        CatalogCommand c = command instanceof CatalogCommand.Requested r ? r.command() : command;
        ObjectKey key = keyOf(c);
        if (key != null) {
            hot.beginKey(key.bucket(), key.key());
            try {
                commit.run();
            } finally {
                hot.endKey(key.bucket(), key.key());
            }
        } else if (touchesNone(c)) {
            commit.run();
        } else {
            hot.beginBuckets();
            try {
                commit.run();
            } finally {
                hot.endBuckets();
            }
        }
    }

    /** The key whose current version (latest, versions, null version) the command may change; null if none. */
    private static ObjectKey keyOf(CatalogCommand c) {
        if (c instanceof CatalogCommand.PutObject o) return new ObjectKey(o.bucket(), o.key());
        if (c instanceof CatalogCommand.DeleteObject o) return new ObjectKey(o.bucket(), o.key());
        if (c instanceof CatalogCommand.DeleteVersion o) return new ObjectKey(o.bucket(), o.key());
        if (c instanceof CatalogCommand.SetObjectAttribute o) return new ObjectKey(o.bucket(), o.key());
        if (c instanceof CatalogCommand.ExpireCurrent o) return new ObjectKey(o.bucket(), o.key());
        if (c instanceof CatalogCommand.CompleteUpload u) return new ObjectKey(u.bucket(), u.key());
        return null;
    }

    /** Commands that write no bucket, bucket configuration or object row (uploads, GC, jobs, nodes, identities, outbox). */
    private static boolean touchesNone(CatalogCommand c) {
        return c instanceof CatalogCommand.CreateUpload || c instanceof CatalogCommand.PutPart
                || c instanceof CatalogCommand.AbortUpload || c instanceof CatalogCommand.CompleteGc
                || c instanceof CatalogCommand.SetJobCursor || c instanceof CatalogCommand.SetNotificationTarget
                || c instanceof CatalogCommand.SetNodeDraining || c instanceof CatalogCommand.SetNodeAddress
                || c instanceof CatalogCommand.SetChunkReplicas || c instanceof CatalogCommand.CompleteEvents
                || c instanceof CatalogCommand.Iam;
    }
}
