package dev.coffer.metadata;

import org.rocksdb.WriteBatch;

/**
 * Turns (catalogue state, command) into one WriteBatch and a result: a pure function of the two.
 * It reads the state through the tables and the command's fields, and nothing else: no clock, no
 * random source, no counter, no callback into the caller. A precondition that does not hold
 * throws a {@link CatalogRefusal} and the batch is dropped, so a refused command changes nothing.
 * The same command applied to the same state writes the same bytes, which is what lets replicas
 * apply one log ({@code CommandDeterminismTest}).
 *
 * <p>REQUIRES: no other write of what the command touches is applied meanwhile ({@link
 * CommandRunner} holds the command's stripes; a log applies one command at a time).
 */
final class CommandApplier {
    /** A command's batch, not yet committed, and its result; close it (try-with-resources). */
    record Applied(WriteBatch batch, Object result) implements AutoCloseable {
        @Override
        public void close() {
            batch.close();
        }
    }

    private final TypedTable<String, BucketRecord> buckets;
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final TypedTable<VersionKey, ObjectRecord> versions;
    private final GcQueue gc;
    private final ObjectWriter writer;
    private final UploadWriter uploads;
    private final BucketConfigs configs;
    private final IamWriter iam;
    private final JobStates jobs;
    private final NodeStates nodes;
    private final ChunkReplicaRows replicas;
    private final TypedTable<String, byte[]> nodeAddresses;
    private final NotificationTargets notificationTargets;
    private final VersionChain chain;
    private final Outbox outbox;
    private final ChangeEvents events;

    CommandApplier(RocksStore store, GcQueue gc) {
        this.jobs = new JobStates(store);
        this.nodes = new NodeStates(store);
        this.replicas = new ChunkReplicaRows(store);
        this.nodeAddresses = store.table(NodeAddresses.TABLE);
        this.notificationTargets = new NotificationTargets(store);
        this.chain = new VersionChain(store);
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.objects = store.table(CatalogTables.OBJECTS);
        this.versions = store.table(CatalogTables.VERSIONS);
        this.gc = gc;
        this.writer = new ObjectWriter(store, gc);
        this.uploads = new UploadWriter(store, gc, writer);
        this.configs = new BucketConfigs(store);
        this.iam = new IamWriter(store);
        this.outbox = new Outbox(store, configs);
        this.events = new ChangeEvents(outbox);
    }

    Applied apply(CatalogCommand command) {
        WriteBatch batch = new WriteBatch();
        try {
            return new Applied(batch, applyInto(batch, command));
        } catch (RuntimeException e) {
            batch.close();
            throw e;
        }
    }

    /** The change, then the events it makes for the bucket's notification rules, in the same batch. */
    private Object applyInto(WriteBatch batch, CatalogCommand command) {
        CatalogCommand change = command instanceof CatalogCommand.Requested r ? r.command() : command;
        Object result = applyChange(batch, change);
        events.record(batch, change, command instanceof CatalogCommand.Requested r ? r.origin() : EventOrigin.NONE,
                result);
        return result;
    }

    private Object applyChange(WriteBatch batch, CatalogCommand command) {
        CatalogCommand.Choice choice = command.choice();
        if (command instanceof CatalogCommand.PutObject c) {
            return writer.put(batch, choice, object(c.bucket(), c.key()), c.record(), c.condition());
        }
        if (command instanceof CatalogCommand.DeleteObject c) {
            return writer.deleteLatest(batch, choice, object(c.bucket(), c.key()), c.condition());
        }
        if (command instanceof CatalogCommand.DeleteVersion c) {
            return writer.deleteVersion(batch, choice, object(c.bucket(), c.key()), c.versionId(), c.bypassGovernance());
        }
        if (command instanceof CatalogCommand.PutPart c) {
            uploads.putPart(batch, choice, upload(c.bucket(), c.key(), c.uploadId()), c.part());
            return null;
        }
        if (command instanceof CatalogCommand.CompleteUpload c) {
            return uploads.complete(batch, c, upload(c.bucket(), c.key(), c.uploadId()));
        }
        if (command instanceof CatalogCommand.AbortUpload c) {
            uploads.abort(batch, choice, upload(c.bucket(), c.key(), c.uploadId()));
            return null;
        }
        if (command instanceof CatalogCommand.CreateUpload c) {
            uploads.create(batch, c.upload());
            return null;
        }
        if (command instanceof CatalogCommand.CreateBucket c) {
            String name = c.bucket().name();
            if (c.bucket().objectLock() && c.bucket().versioning() != Versioning.ENABLED) {
                throw new IllegalArgumentException("a bucket with Object Lock is created with versioning enabled");
            }
            if (buckets.get(name).isPresent()) throw new BucketExistsException(name);
            buckets.put(batch, name, c.bucket());
            c.configs().forEach((config, value) -> configs.set(batch, name, config, value));
            return null;
        }
        if (command instanceof CatalogCommand.DeleteBucket c) {
            deleteBucket(batch, choice, c.bucket());
            return null;
        }
        if (command instanceof CatalogCommand.SetVersioning c) {
            if (c.state() == Versioning.UNVERSIONED) {
                throw new IllegalArgumentException("a bucket never returns to unversioned");
            }
            BucketRecord b = buckets.get(c.bucket()).orElseThrow(() -> new NoSuchBucketException(c.bucket()));
            if (b.objectLock() && c.state() != Versioning.ENABLED) {
                throw new ObjectLockStateException(c.bucket(), ObjectLockStateException.Problem.LOCK_KEEPS_VERSIONING);
            }
            buckets.put(batch, c.bucket(), b.withVersioning(c.state()));
            return null;
        }
        if (command instanceof CatalogCommand.Iam c) {
            return iam.apply(batch, c);
        }
        if (command instanceof CatalogCommand.SetObjectLockConfiguration c) {
            BucketRecord b = buckets.get(c.bucket()).orElseThrow(() -> new NoSuchBucketException(c.bucket()));
            if (!b.objectLock() && b.versioning() != Versioning.ENABLED) {
                throw new ObjectLockStateException(c.bucket(), ObjectLockStateException.Problem.VERSIONING_NOT_ENABLED);
            }
            buckets.put(batch, c.bucket(), b.withObjectLock(c.rule()));
            return null;
        }
        if (command instanceof CatalogCommand.CompleteGc c) {
            gc.remove(batch, c.done());
            replicas.removeAll(batch, c.done());
            return null;
        }
        if (command instanceof CatalogCommand.SetBucketConfig c) {
            if (buckets.get(c.bucket()).isEmpty()) throw new NoSuchBucketException(c.bucket());
            configs.set(batch, c.bucket(), c.name(), c.value());
            return null;
        }
        if (command instanceof CatalogCommand.SetObjectAttribute c) {
            return writer.setAttribute(batch, choice, object(c.bucket(), c.key()), c.versionId(), c.name(), c.value(),
                    c.bypassGovernance());
        }
        if (command instanceof CatalogCommand.SetJobCursor c) {
            jobs.set(batch, c.job(), c.cursor());
            return null;
        }
        if (command instanceof CatalogCommand.SetNodeDraining c) {
            nodes.set(batch, c.node(), c.draining());
            return null;
        }
        if (command instanceof CatalogCommand.SetChunkReplicas c) {
            replicas.set(batch, c.chunkId(), c.before(), c.after());
            return null;
        }
        if (command instanceof CatalogCommand.SetNodeAddress c) {
            NodeAddresses.apply(nodeAddresses, batch, c.node(), c.address());
            return null;
        }
        if (command instanceof CatalogCommand.SetNotificationTarget c) {
            notificationTargets.set(batch, c.id(), c.value());
            return null;
        }
        if (command instanceof CatalogCommand.CompleteEvents c) {
            outbox.remove(batch, c.done());
            return null;
        }
        if (command instanceof CatalogCommand.ExpireCurrent c) {
            ObjectKey id = object(c.bucket(), c.key());
            boolean same = chain.current(id)
                    .filter(r -> java.util.Objects.equals(r.versionId(), c.versionId())
                            && r.lastModifiedMillis() == c.lastModifiedMillis())
                    .isPresent();
            if (!same) throw new VersionChanged(c.bucket(), c.key());
            return writer.deleteLatest(batch, choice, id, WriteCondition.NONE);
        }
        throw new IllegalArgumentException("unknown command " + command.getClass().getSimpleName());
    }

    private void deleteBucket(WriteBatch batch, CatalogCommand.Choice choice, String name) {
        if (buckets.get(name).isEmpty()) {
            throw new NoSuchBucketException(name);
        }
        byte[] start = KeyCodecs.bucketStart(name); // one seek each into [name 0x00, name 0x01)
        if (objects.anyKeyWithPrefix(start) || versions.anyKeyWithPrefix(start)) {
            throw new BucketNotEmptyException(name);
        }
        buckets.delete(batch, name);
        configs.removeAll(batch, name);
        uploads.removeAllInBucket(batch, choice, name);
    }

    /** Checks the key can be stored before anything is read. */
    private static ObjectKey object(String bucket, String key) {
        ObjectKey id = new ObjectKey(bucket, key);
        KeyCodecs.OBJECT_KEY.encode(id);
        return id;
    }

    private static UploadKey upload(String bucket, String key, String uploadId) {
        UploadKey id = new UploadKey(bucket, key, uploadId);
        UploadKeyCodecs.UPLOAD.encode(id);
        return id;
    }
}
