package dev.coffer.metadata;

import java.util.List;
import java.util.Objects;

/**
 * A change to the catalogue, as data: every value the change needs, chosen once by the node that
 * took the request ({@link Choice}), and the preconditions it depends on. {@link CommandApplier}
 * turns (catalogue state, command) into one WriteBatch and a result, deterministically; a
 * precondition that does not hold is a {@link CatalogRefusal} and changes nothing. Encoded for a
 * log by {@link CommandCodec}; the encoding is written down in {@code metadata/COMMANDS.md}.
 */
public sealed interface CatalogCommand {
    /** The values chosen for this command by the node that took the request. */
    Choice choice();

    /**
     * What the taking node chose, so that applying never reads a clock, a random source or a
     * counter.
     *
     * @param sequence this command's place among the node's commands; it names the GC entries the
     *     command queues (so two commands never write the same GC key)
     * @param millis the time of the change: delete markers' Last-Modified, GC entries' queue time,
     *     completions' remembered time
     * @param stamp a proposed version stamp ({@link VersionIds}); applying takes it, or one above
     *     the key's newest version if that is higher
     * @param random the random half of a new version id
     */
    record Choice(long sequence, long millis, long stamp, long random) {}

    /** An identity command ({@link IamCommands}); they live in their own file and apply one at a time. */
    non-sealed interface Iam extends CatalogCommand {}

    /**
     * Creates the bucket with its first configurations ({@link BucketConfigs}: its Object Ownership
     * and ACL, …) in the same batch, so no crash leaves the bucket without them. Refused when a
     * bucket of that name exists.
     *
     * @param configs configuration name to value, kept in name order; empty for none
     */
    record CreateBucket(Choice choice, BucketRecord bucket, java.util.SortedMap<String, byte[]> configs)
            implements CatalogCommand {
        public CreateBucket {
            java.util.TreeMap<String, byte[]> copy = new java.util.TreeMap<>();
            configs.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(value, "value").clone()));
            configs = java.util.Collections.unmodifiableSortedMap(copy);
        }

        public CreateBucket(Choice choice, BucketRecord bucket) {
            this(choice, bucket, new java.util.TreeMap<>());
        }
    }

    /** Refused unless the bucket exists and holds no object or version; discards its uploads in progress. */
    record DeleteBucket(Choice choice, String bucket) implements CatalogCommand {}

    record SetVersioning(Choice choice, String bucket, Versioning state) implements CatalogCommand {}

    /** Publishes {@code record} at the key if {@code condition} holds; the bucket's versioning decides the rest. */
    record PutObject(Choice choice, String bucket, String key, ObjectRecord record, WriteCondition condition)
            implements CatalogCommand {
        public PutObject {
            Objects.requireNonNull(record, "record");
            condition = condition == null ? WriteCondition.NONE : condition;
        }
    }

    /**
     * DeleteObject without a version id: removes the key, or adds a delete marker, if {@code
     * condition} holds for the key's current object (S3's conditional deletes: If-Match with an
     * ETag or {@code *}; a delete marker as the latest version is no current object).
     */
    record DeleteObject(Choice choice, String bucket, String key, WriteCondition condition) implements CatalogCommand {
        public DeleteObject {
            condition = condition == null ? WriteCondition.NONE : condition;
        }

        /** Without a condition. */
        public DeleteObject(Choice choice, String bucket, String key) {
            this(choice, bucket, key, WriteCondition.NONE);
        }
    }

    /**
     * DeleteObject of one version ("null" for the null version); a missing version is no refusal.
     * Refused while Object Lock protects the version: a legal hold, a COMPLIANCE retention in
     * effect at {@code choice.millis()}, or a GOVERNANCE one unless {@code bypassGovernance} (the
     * taking node checked the requester may bypass it).
     */
    record DeleteVersion(Choice choice, String bucket, String key, String versionId, boolean bypassGovernance)
            implements CatalogCommand {
        /** Without a governance bypass. */
        public DeleteVersion(Choice choice, String bucket, String key, String versionId) {
            this(choice, bucket, key, versionId, false);
        }
    }

    /**
     * PutObjectLockConfiguration: enables Object Lock on the bucket (for good) and sets its default
     * retention ({@code rule}, null for none). Refused unless the bucket exists and has Object Lock
     * already or versioning Enabled.
     */
    record SetObjectLockConfiguration(Choice choice, String bucket, DefaultRetention rule) implements CatalogCommand {}

    record CreateUpload(Choice choice, UploadRecord upload) implements CatalogCommand {}

    /** Refused unless the upload is in progress. */
    record PutPart(Choice choice, String bucket, String key, String uploadId, PartRecord part)
            implements CatalogCommand {}

    /** Refused unless the upload is in progress. */
    record AbortUpload(Choice choice, String bucket, String key, String uploadId) implements CatalogCommand {}

    /**
     * Publishes {@code record}, built from {@code used}, and removes the upload. Refused unless the
     * upload is in progress, each part in {@code used} is still stored exactly as read (a part
     * uploaded again meanwhile would leave the record naming chunks already queued for GC), and
     * {@code condition} holds at the key.
     */
    record CompleteUpload(Choice choice, String bucket, String key, String uploadId, List<PartRecord> used,
                          ObjectRecord record, WriteCondition condition) implements CatalogCommand {
        public CompleteUpload {
            used = List.copyOf(used);
            Objects.requireNonNull(record, "record");
            condition = condition == null ? WriteCondition.NONE : condition;
        }
    }

    /** Removes GC entries whose chunks have been deleted. */
    record CompleteGc(Choice choice, List<GcEntry> done) implements CatalogCommand {
        public CompleteGc {
            done = List.copyOf(done);
        }
    }

    /**
     * Sets one of a bucket's configurations ({@link BucketConfigs}), or removes it when {@code value}
     * is null. Refused unless the bucket exists.
     */
    record SetBucketConfig(Choice choice, String bucket, String name, byte[] value) implements CatalogCommand {
        public SetBucketConfig {
            Objects.requireNonNull(name, "name");
            value = value == null ? null : value.clone();
        }
    }

    /**
     * Sets one attribute of one object version ({@link ObjectRecord#attributes()}), or removes it
     * when {@code value} is null; the version keeps its place, time and bytes. {@code versionId}
     * null names the current version ("null" the null version). Refused when the bucket, the key
     * (no current version) or the named version is missing, or the version is a delete marker.
     * Result: the version id changed (null for the null version). Object Lock's attributes
     * ({@link Retention#ATTRIBUTE}, {@link LegalHold#ATTRIBUTE}) are refused in a bucket without
     * Object Lock, and a retention in effect is loosened only with {@code bypassGovernance}, and
     * never in COMPLIANCE ({@link ObjectLockRules}).
     */
    record SetObjectAttribute(Choice choice, String bucket, String key, String versionId, String name, byte[] value,
                              boolean bypassGovernance) implements CatalogCommand {
        public SetObjectAttribute {
            Objects.requireNonNull(name, "name");
            value = value == null ? null : value.clone();
        }

        /** Without a governance bypass. */
        public SetObjectAttribute(Choice choice, String bucket, String key, String versionId, String name, byte[] value) {
            this(choice, bucket, key, versionId, name, value, false);
        }
    }

    /**
     * Records a background job's cursor ({@code null} clears it). Never refused. Kind 45.
     */
    record SetJobCursor(Choice choice, String job, byte[] cursor) implements CatalogCommand {
        public SetJobCursor {
            Objects.requireNonNull(job, "job");
            cursor = cursor == null ? null : cursor.clone();
        }
    }

    /**
     * Sets an event-notification target declared at run time ({@code value}: its settings, the api's
     * encoding) or removes it ({@code value} null). Never refused. Kind 67.
     */
    record SetNotificationTarget(Choice choice, String id, byte[] value) implements CatalogCommand {
        public SetNotificationTarget {
            Objects.requireNonNull(id, "id");
            value = value == null ? null : value.clone();
        }
    }

    /**
     * Marks a cluster node draining (it receives no new chunk replicas) or clears the mark. Never
     * refused. Kind 70.
     */
    record SetNodeDraining(Choice choice, String node, boolean draining) implements CatalogCommand {
        public SetNodeDraining {
            Objects.requireNonNull(node, "node");
        }
    }

    /**
     * Sets a chunk's replica set to {@code after} if it is still {@code before} (re-replication
     * and missing-replica reports; docs/cluster.md). Refused with {@link ReplicasChanged} when
     * another set was committed meanwhile. Kind 71.
     */
    record SetChunkReplicas(Choice choice, String chunkId, List<String> before, List<String> after)
            implements CatalogCommand {
        public SetChunkReplicas {
            Objects.requireNonNull(chunkId, "chunkId");
            before = List.copyOf(before);
            after = List.copyOf(after);
            if (new java.util.HashSet<>(after).size() != after.size()) {
                throw new IllegalArgumentException("a node named twice among a chunk's replicas");
            }
        }
    }

    /**
     * Records where a cluster node's chunk port answers ({@code address} host:port; null removes it),
     * as the node announces itself once a member. Never refused. Kind 72.
     */
    record SetNodeAddress(Choice choice, String node, String address) implements CatalogCommand {
        public SetNodeAddress {
            Objects.requireNonNull(node, "node");
        }
    }

    /**
     * A lifecycle expiration of a key's current version: DeleteObject without a version id
     * (removes the key, or adds a delete marker), but only if the current version is still the one
     * the rule was judged against: the same version id ({@code null} for the null version) and the
     * same Last-Modified. Refused with {@link VersionChanged} otherwise. Kind 46.
     */
    record ExpireCurrent(Choice choice, String bucket, String key, String versionId, long lastModifiedMillis)
            implements CatalogCommand {}

    /**
     * {@code command} as a request made it: applied exactly as {@code command}, but the events it
     * writes to the outbox ({@link Outbox}) name the request's API, principal, address and id.
     * Kind 65.
     */
    record Requested(CatalogCommand command, EventOrigin origin) implements CatalogCommand {
        public Requested {
            Objects.requireNonNull(command, "command");
            if (command instanceof Requested) throw new IllegalArgumentException("a request inside a request");
            origin = origin == null ? EventOrigin.NONE : origin;
        }

        @Override
        public Choice choice() {
            return command.choice();
        }
    }

    /** Removes events from the outbox, delivered or dropped; keys not there are no refusal. Kind 66. */
    record CompleteEvents(Choice choice, List<NotificationEvent.Key> done) implements CatalogCommand {
        public CompleteEvents {
            done = List.copyOf(done);
        }
    }
}
