package dev.coffer.metadata;

import org.rocksdb.WriteBatch;

/**
 * Which S3 event a change makes, from the command and what applying it gave, handed to the
 * {@link Outbox} in the change's own batch. A pure function like the applier: the event's time is
 * the command's, its sequencer the new version's stamp (or, when the change makes no version, the
 * command's proposed stamp), so every replica writes the same events.
 */
final class ChangeEvents {
    private final Outbox outbox;

    ChangeEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void record(WriteBatch batch, CatalogCommand command, EventOrigin origin, Object result) {
        CatalogCommand.Choice choice = command.choice();
        if (command instanceof CatalogCommand.PutObject c && result instanceof ObjectWriter.Result r) {
            String api = origin.api() == null ? "Put" : origin.api();
            created(batch, choice, c.bucket(), c.key(), "ObjectCreated:" + api, r.published(), origin);
        } else if (command instanceof CatalogCommand.CompleteUpload c && result instanceof ObjectVersion v) {
            created(batch, choice, c.bucket(), c.key(), "ObjectCreated:CompleteMultipartUpload", v, origin);
        } else if (command instanceof CatalogCommand.DeleteObject c && result instanceof DeleteOutcome o) {
            removed(batch, choice, c.bucket(), c.key(), "ObjectRemoved:", o, origin);
        } else if (command instanceof CatalogCommand.DeleteVersion c && result instanceof DeleteOutcome o) {
            String family = EventOrigin.LIFECYCLE.api().equals(origin.api()) ? "LifecycleExpiration:" : "ObjectRemoved:";
            removed(batch, choice, c.bucket(), c.key(), family, o, origin);
        } else if (command instanceof CatalogCommand.ExpireCurrent c && result instanceof DeleteOutcome o) {
            removed(batch, choice, c.bucket(), c.key(), "LifecycleExpiration:", o, origin);
        }
    }

    private void created(WriteBatch batch, CatalogCommand.Choice choice, String bucket, String key, String name,
                         ObjectVersion v, EventOrigin origin) {
        String versionId = v.reportedVersionId();
        outbox.record(batch, choice, bucket, key, name, v.record().size(), v.record().etag(), versionId,
                sequencer(choice, v.record().versionId()), origin);
    }

    /**
     * A delete marker made (DeleteMarkerCreated), or a version or key removed (Delete); a delete of
     * nothing makes no event. Deleting a delete marker by its version id is a Delete, as in S3.
     */
    private void removed(WriteBatch batch, CatalogCommand.Choice choice, String bucket, String key, String family,
                         DeleteOutcome o, EventOrigin origin) {
        boolean markerMade = o.deleteMarker() && o.removed() == null;
        if (!markerMade && o.removed() == null) return;
        String name = family + (markerMade ? "DeleteMarkerCreated" : "Delete");
        String own = markerMade && o.versionId() != null && !o.versionId().equals(VersionIds.NULL) ? o.versionId() : null;
        outbox.record(batch, choice, bucket, key, name, -1, null, o.versionId(), sequencer(choice, own), origin);
    }

    /** 16 hex digits; a version's stamp orders the versions of one key as they were applied. */
    private static String sequencer(CatalogCommand.Choice choice, String versionId) {
        long stamp = versionId != null && !versionId.equals(VersionIds.NULL) && VersionIds.isWellFormed(versionId)
                ? VersionIds.stamp(versionId) : choice.stamp();
        return String.format("%016X", stamp);
    }
}
