package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary encoding of {@link CatalogCommand}s, for a log that outlives one build: written down
 * in {@code metadata/COMMANDS.md}, in the notation of {@link ValueCodecs}. A command starts with
 * its format version and its kind; records inside it are embedded with their own value codecs,
 * each led by its own format version, so a record format may move on without a new command
 * version. A reader refuses a version or kind it does not know ({@link MetadataException}).
 */
final class CommandCodec {
    private CommandCodec() {}

    static final byte V1 = 1;

    // Kinds: never renumber one; a new command takes the next number.
    static final int CREATE_BUCKET = 1;
    static final int DELETE_BUCKET = 2;
    static final int SET_VERSIONING = 3;
    static final int PUT_OBJECT = 4;
    static final int DELETE_OBJECT = 5;
    static final int DELETE_VERSION = 6;
    static final int CREATE_UPLOAD = 7;
    static final int PUT_PART = 8;
    static final int ABORT_UPLOAD = 9;
    static final int COMPLETE_UPLOAD = 10;
    static final int COMPLETE_GC = 11;
    static final int SET_BUCKET_CONFIG = 12;
    static final int SET_OBJECT_ATTRIBUTE = 13;
    /** DeleteObject with a condition (S3's conditional deletes); kind 5 is DeleteObject without. */
    static final int DELETE_OBJECT_IF = 14;
    // 60-64: ACLs and Object Ownership.
    /** CreateBucket with its first configurations; kind 1 is CreateBucket with none. */
    static final int CREATE_BUCKET_WITH_CONFIGS = 60;
    // 45-54: background jobs and lifecycle.
    static final int SET_JOB_CURSOR = 45;
    static final int SET_NODE_DRAINING = 70;
    static final int SET_CHUNK_REPLICAS = 71;
    static final int SET_NODE_ADDRESS = 72;
    static final int EXPIRE_CURRENT = 46;
    // 65-69: event notifications.
    static final int REQUESTED = 65;
    static final int COMPLETE_EVENTS = 66;
    static final int SET_NOTIFICATION_TARGET = 67;
    // Object Lock: 40-44.
    /** DeleteVersion with its governance bypass set; kind 6 is DeleteVersion without. */
    static final int DELETE_VERSION_BYPASSING_GOVERNANCE = 40;
    static final int SET_OBJECT_LOCK_CONFIGURATION = 41;
    /** SetObjectAttribute with its governance bypass set; kind 13 is SetObjectAttribute without. */
    static final int SET_OBJECT_ATTRIBUTE_BYPASSING_GOVERNANCE = 42;

    static byte[] encode(CatalogCommand command) {
        ValueOutput out = new ValueOutput(V1);
        out.writeByte(kind(command));
        CatalogCommand.Choice c = command.choice();
        out.writeLong(c.sequence());
        out.writeLong(c.millis());
        out.writeLong(c.stamp());
        out.writeLong(c.random());
        if (command instanceof CatalogCommand.CreateBucket b) {
            out.writeBytes(ValueCodecs.BUCKET.encode(b.bucket()));
            if (!b.configs().isEmpty()) {
                out.writeVarLong(b.configs().size());
                b.configs().forEach((name, value) -> {
                    out.writeString(name);
                    out.writeBytes(value);
                });
            }
        } else if (command instanceof CatalogCommand.DeleteBucket b) {
            out.writeString(b.bucket());
        } else if (command instanceof CatalogCommand.SetVersioning b) {
            out.writeString(b.bucket());
            out.writeByte(b.state().ordinal());
        } else if (command instanceof CatalogCommand.PutObject o) {
            strings(out, o.bucket(), o.key());
            out.writeBytes(ValueCodecs.OBJECT.encode(o.record()));
            condition(out, o.condition());
        } else if (command instanceof CatalogCommand.DeleteObject o) {
            strings(out, o.bucket(), o.key());
            if (!(o.condition() instanceof WriteCondition.None)) condition(out, o.condition());
        } else if (command instanceof CatalogCommand.DeleteVersion o) {
            strings(out, o.bucket(), o.key(), o.versionId());
        } else if (command instanceof CatalogCommand.SetObjectLockConfiguration l) {
            out.writeString(l.bucket());
            out.writeByte(l.rule() == null ? 0 : l.rule().mode().ordinal() + 1);
            out.writeVarLong(l.rule() == null ? 0 : l.rule().days());
            out.writeVarLong(l.rule() == null ? 0 : l.rule().years());
        } else if (command instanceof CatalogCommand.CreateUpload u) {
            out.writeBytes(UploadValueCodecs.UPLOAD.encode(u.upload()));
        } else if (command instanceof CatalogCommand.PutPart u) {
            strings(out, u.bucket(), u.key(), u.uploadId());
            out.writeBytes(UploadValueCodecs.PART.encode(u.part()));
        } else if (command instanceof CatalogCommand.AbortUpload u) {
            strings(out, u.bucket(), u.key(), u.uploadId());
        } else if (command instanceof CatalogCommand.CompleteUpload u) {
            strings(out, u.bucket(), u.key(), u.uploadId());
            out.writeVarLong(u.used().size());
            u.used().forEach(p -> out.writeBytes(UploadValueCodecs.PART.encode(p)));
            out.writeBytes(ValueCodecs.OBJECT.encode(u.record()));
            condition(out, u.condition());
        } else if (command instanceof CatalogCommand.CompleteGc g) {
            out.writeVarLong(g.done().size());
            g.done().forEach(e -> out.writeBytes(ValueCodecs.GC_ENTRY.encode(e)));
        } else if (command instanceof CatalogCommand.SetBucketConfig b) {
            strings(out, b.bucket(), b.name());
            out.writeBytes(b.value());
        } else if (command instanceof CatalogCommand.SetObjectAttribute o) {
            strings(out, o.bucket(), o.key(), o.versionId(), o.name());
            out.writeBytes(o.value());
        } else if (command instanceof CatalogCommand.Iam i) {
            IamCodecs.encodeBody(out, i);
        } else if (command instanceof CatalogCommand.SetJobCursor j) {
            out.writeString(j.job());
            out.writeBytes(j.cursor());
        } else if (command instanceof CatalogCommand.SetNotificationTarget t) {
            out.writeString(t.id());
            out.writeBytes(t.value());
        } else if (command instanceof CatalogCommand.SetNodeDraining d) {
            out.writeString(d.node());
            out.writeByte(d.draining() ? 1 : 0);
        } else if (command instanceof CatalogCommand.SetChunkReplicas r) {
            out.writeString(r.chunkId());
            nodes(out, r.before());
            nodes(out, r.after());
        } else if (command instanceof CatalogCommand.SetNodeAddress a) {
            strings(out, a.node(), a.address());
        } else if (command instanceof CatalogCommand.ExpireCurrent x) {
            strings(out, x.bucket(), x.key(), x.versionId());
            out.writeLong(x.lastModifiedMillis());
        } else if (command instanceof CatalogCommand.Requested r) {
            EventOrigin o = r.origin();
            strings(out, o.api(), o.principal(), o.sourceIp(), o.requestId());
            out.writeBytes(encode(r.command()));
        } else if (command instanceof CatalogCommand.CompleteEvents e) {
            out.writeVarLong(e.done().size());
            e.done().forEach(k -> out.writeBytes(Outbox.KEY.encode(k)));
        }
        return out.toByteArray();
    }

    static CatalogCommand decode(byte[] bytes) {
        ValueInput in = new ValueInput(bytes, V1, "command");
        int kind = in.readByte();
        CatalogCommand.Choice c = new CatalogCommand.Choice(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        CatalogCommand command = switch (kind) {
            case CREATE_BUCKET -> new CatalogCommand.CreateBucket(c, ValueCodecs.BUCKET.decode(in.readBytes()));
            case CREATE_BUCKET_WITH_CONFIGS -> {
                BucketRecord bucket = ValueCodecs.BUCKET.decode(in.readBytes());
                int count = in.readCount();
                java.util.TreeMap<String, byte[]> configs = new java.util.TreeMap<>();
                for (int i = 0; i < count; i++) configs.put(in.readString(), in.readBytes());
                yield new CatalogCommand.CreateBucket(c, bucket, configs);
            }
            case DELETE_BUCKET -> new CatalogCommand.DeleteBucket(c, in.readString());
            case SET_VERSIONING -> new CatalogCommand.SetVersioning(c, in.readString(), versioning(in.readByte()));
            case PUT_OBJECT -> new CatalogCommand.PutObject(c, in.readString(), in.readString(),
                    ValueCodecs.OBJECT.decode(in.readBytes()), condition(in));
            case DELETE_OBJECT -> new CatalogCommand.DeleteObject(c, in.readString(), in.readString());
            case DELETE_OBJECT_IF -> {
                CatalogCommand.DeleteObject d = new CatalogCommand.DeleteObject(c, in.readString(), in.readString(),
                        condition(in));
                if (d.condition() instanceof WriteCondition.None) throw new MetadataException("command: kind 14 without a condition");
                yield d;
            }
            case DELETE_VERSION -> new CatalogCommand.DeleteVersion(c, in.readString(), in.readString(), in.readString());
            case DELETE_VERSION_BYPASSING_GOVERNANCE ->
                    new CatalogCommand.DeleteVersion(c, in.readString(), in.readString(), in.readString(), true);
            case SET_OBJECT_LOCK_CONFIGURATION -> new CatalogCommand.SetObjectLockConfiguration(c, in.readString(),
                    defaultRetention(in.readByte(), in.readVarLong(), in.readVarLong()));
            case CREATE_UPLOAD -> new CatalogCommand.CreateUpload(c, UploadValueCodecs.UPLOAD.decode(in.readBytes()));
            case PUT_PART -> new CatalogCommand.PutPart(c, in.readString(), in.readString(), in.readString(),
                    UploadValueCodecs.PART.decode(in.readBytes()));
            case ABORT_UPLOAD -> new CatalogCommand.AbortUpload(c, in.readString(), in.readString(), in.readString());
            case COMPLETE_UPLOAD -> {
                String bucket = in.readString();
                String key = in.readString();
                String uploadId = in.readString();
                int count = in.readCount();
                List<PartRecord> used = new ArrayList<>(count);
                for (int i = 0; i < count; i++) used.add(UploadValueCodecs.PART.decode(in.readBytes()));
                yield new CatalogCommand.CompleteUpload(c, bucket, key, uploadId, used,
                        ValueCodecs.OBJECT.decode(in.readBytes()), condition(in));
            }
            case COMPLETE_GC -> {
                int count = in.readCount();
                List<GcEntry> done = new ArrayList<>(count);
                for (int i = 0; i < count; i++) done.add(ValueCodecs.GC_ENTRY.decode(in.readBytes()));
                yield new CatalogCommand.CompleteGc(c, done);
            }
            case SET_BUCKET_CONFIG -> new CatalogCommand.SetBucketConfig(c, in.readString(), in.readString(),
                    in.readBytes());
            case SET_OBJECT_ATTRIBUTE -> new CatalogCommand.SetObjectAttribute(c, in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readBytes());
            case SET_OBJECT_ATTRIBUTE_BYPASSING_GOVERNANCE -> new CatalogCommand.SetObjectAttribute(c, in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readBytes(), true);
            case SET_JOB_CURSOR -> new CatalogCommand.SetJobCursor(c, in.readString(), in.readBytes());
            case SET_NOTIFICATION_TARGET -> new CatalogCommand.SetNotificationTarget(c, in.readString(), in.readBytes());
            case SET_NODE_DRAINING -> new CatalogCommand.SetNodeDraining(c, in.readString(), in.readByte() == 1);
            case SET_CHUNK_REPLICAS -> new CatalogCommand.SetChunkReplicas(c, in.readString(), nodes(in), nodes(in));
            case SET_NODE_ADDRESS -> new CatalogCommand.SetNodeAddress(c, in.readString(), in.readString());
            case EXPIRE_CURRENT -> new CatalogCommand.ExpireCurrent(c, in.readString(), in.readString(), in.readString(),
                    in.readLong());
            case REQUESTED -> {
                EventOrigin origin = new EventOrigin(in.readString(), in.readString(), in.readString(), in.readString());
                CatalogCommand inner = decode(in.readBytes());
                if (!inner.choice().equals(c)) throw new MetadataException("command: a request's choice differs from its command's");
                yield new CatalogCommand.Requested(inner, origin);
            }
            case COMPLETE_EVENTS -> {
                int count = in.readCount();
                List<NotificationEvent.Key> done = new ArrayList<>(count);
                for (int i = 0; i < count; i++) done.add(Outbox.KEY.decode(in.readBytes()));
                yield new CatalogCommand.CompleteEvents(c, done);
            }
            default -> {
                CatalogCommand.Iam iam = IamCodecs.decodeBody(kind, c, in);
                if (iam == null) throw new MetadataException("command: unknown kind " + kind);
                yield iam;
            }
        };
        in.end();
        return command;
    }

    private static int kind(CatalogCommand command) {
        if (command instanceof CatalogCommand.CreateBucket b) {
            return b.configs().isEmpty() ? CREATE_BUCKET : CREATE_BUCKET_WITH_CONFIGS;
        }
        if (command instanceof CatalogCommand.DeleteBucket) return DELETE_BUCKET;
        if (command instanceof CatalogCommand.SetVersioning) return SET_VERSIONING;
        if (command instanceof CatalogCommand.PutObject) return PUT_OBJECT;
        if (command instanceof CatalogCommand.DeleteObject d) {
            return d.condition() instanceof WriteCondition.None ? DELETE_OBJECT : DELETE_OBJECT_IF;
        }
        if (command instanceof CatalogCommand.DeleteVersion d) {
            return d.bypassGovernance() ? DELETE_VERSION_BYPASSING_GOVERNANCE : DELETE_VERSION;
        }
        if (command instanceof CatalogCommand.SetObjectLockConfiguration) return SET_OBJECT_LOCK_CONFIGURATION;
        if (command instanceof CatalogCommand.CreateUpload) return CREATE_UPLOAD;
        if (command instanceof CatalogCommand.PutPart) return PUT_PART;
        if (command instanceof CatalogCommand.AbortUpload) return ABORT_UPLOAD;
        if (command instanceof CatalogCommand.CompleteUpload) return COMPLETE_UPLOAD;
        if (command instanceof CatalogCommand.CompleteGc) return COMPLETE_GC;
        if (command instanceof CatalogCommand.SetBucketConfig) return SET_BUCKET_CONFIG;
        if (command instanceof CatalogCommand.SetObjectAttribute a) {
            return a.bypassGovernance() ? SET_OBJECT_ATTRIBUTE_BYPASSING_GOVERNANCE : SET_OBJECT_ATTRIBUTE;
        }
        if (command instanceof CatalogCommand.Iam i) return IamCodecs.kind(i);
        if (command instanceof CatalogCommand.SetJobCursor) return SET_JOB_CURSOR;
        if (command instanceof CatalogCommand.SetNodeDraining) return SET_NODE_DRAINING;
        if (command instanceof CatalogCommand.SetChunkReplicas) return SET_CHUNK_REPLICAS;
        if (command instanceof CatalogCommand.SetNodeAddress) return SET_NODE_ADDRESS;
        if (command instanceof CatalogCommand.ExpireCurrent) return EXPIRE_CURRENT;
        if (command instanceof CatalogCommand.Requested) return REQUESTED;
        if (command instanceof CatalogCommand.CompleteEvents) return COMPLETE_EVENTS;
        if (command instanceof CatalogCommand.SetNotificationTarget) return SET_NOTIFICATION_TARGET;
        throw new IllegalArgumentException("unknown command " + command.getClass().getSimpleName());
    }

    /** var n | n x str node. */
    private static void nodes(ValueOutput out, List<String> nodes) {
        out.writeVarLong(nodes.size());
        nodes.forEach(out::writeString);
    }

    private static List<String> nodes(ValueInput in) {
        int n = in.readCount();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String node = in.readString();
            if (node == null) throw new MetadataException("command: a null node among a chunk's replicas");
            out.add(node);
        }
        return out;
    }

    private static void strings(ValueOutput out, String... values) {
        for (String v : values) out.writeString(v);
    }

    /**
     * byte 0 = none, 1 = if absent (If-None-Match: *), 2 = if the ETag matches, then str etag, 3 =
     * if present (If-Match: *).
     */
    private static void condition(ValueOutput out, WriteCondition condition) {
        if (condition instanceof WriteCondition.IfAbsent) {
            out.writeByte(1);
        } else if (condition instanceof WriteCondition.IfEtagMatches m) {
            out.writeByte(2);
            out.writeString(m.etag());
        } else if (condition instanceof WriteCondition.IfPresent) {
            out.writeByte(3);
        } else {
            out.writeByte(0);
        }
    }

    private static WriteCondition condition(ValueInput in) {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> WriteCondition.NONE;
            case 1 -> new WriteCondition.IfAbsent();
            case 2 -> new WriteCondition.IfEtagMatches(in.readString());
            case 3 -> new WriteCondition.IfPresent();
            default -> throw new MetadataException("command: unknown write condition " + tag);
        };
    }

    /** byte mode (0 none, 1 GOVERNANCE, 2 COMPLIANCE) | var days | var years. */
    private static DefaultRetention defaultRetention(int mode, long days, long years) {
        if (mode == 0 && days == 0 && years == 0) return null;
        if (mode < 1 || mode > RetentionMode.values().length || days > Integer.MAX_VALUE || years > Integer.MAX_VALUE) {
            throw new MetadataException("command: bad default retention");
        }
        try {
            return new DefaultRetention(RetentionMode.values()[mode - 1], (int) days, (int) years);
        } catch (IllegalArgumentException e) {
            throw new MetadataException("command: bad default retention");
        }
    }

    private static Versioning versioning(int state) {
        if (state >= Versioning.values().length) throw new MetadataException("command: bad versioning state " + state);
        return Versioning.values()[state];
    }
}
