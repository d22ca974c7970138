package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * The value formats, each written by hand and led by a format-version byte. A reader that meets
 * a version it does not know refuses the record ({@link MetadataException}) rather than guess; a
 * new format gets a new version byte and a reader for both.
 *
 * <p>Notation: {@code var} = unsigned LEB128 varint; {@code str} = var (UTF-8 length + 1, 0 for
 * null) then the bytes; {@code map} = var count, then str key, str value per entry in insertion
 * order; {@code i64} = 8 bytes big-endian.
 *
 * <pre>
 * BucketRecord v1 : 0x01 | str name | i64 createdMillis | str region | str owner
 * BucketRecord v2 : 0x02 | as v1 | byte versioning (0 unversioned, 1 enabled, 2 suspended)
 * BucketRecord v3 : 0x03 | as v2 | byte objectLock (0 off, 1 on)
 *                   | byte default mode (0 no default retention, 1 GOVERNANCE, 2 COMPLIANCE) | var days | var years
 * ObjectRecord v1 : 0x01 | var size | str etag | i64 lastModifiedMillis
 *                   | map contentHeaders | map userMetadata | map checksums
 *                   | var (inline length + 1, 0 = no inline bytes) | inline bytes
 *                   | var chunk count | per chunk: str chunkId, var length
 *                   [ | the v2 tail ]  (read only; see below)
 * ObjectRecord v2 : 0x02 | as v1 | str versionId | byte deleteMarker (0/1) | str checksumType
 *                   | var part count | per part: var partNumber, var size, str etag, str checksum
 * ObjectRecord v3 : 0x03 | as v2 | attrs
 * ObjectRecord v4 : 0x04 | as v3 | replicas   (written only when a chunk names a replica)
 * replicas        : var count (= chunk count) | per chunk, in order: var n | n x str nodeId
 * attrs           : var count | per attribute, in name order: str name, bytes value
 * GcEntry v1      : 0x01 | i64 sequence | i64 queuedMillis | str chunkId
 * </pre>
 *
 * A v1 object record ends after its chunks: the null version of a single-part object, its checksum
 * (if any) FULL_OBJECT. Builds of late November 2026 appended the v2 tail while still writing
 * 0x01; a v1 record with bytes after its chunks is read as carrying that tail. Records are
 * written as v3, or v4 when a chunk names its replicas (a cluster's), so a single node writes
 * exactly what it wrote before; v1 and v2 records read as having no attributes, v1-v3 records
 * as naming no replica.
 *
 * <p>The name and the sequence repeat their row's key: a value then decodes alone, and the few
 * bytes are cheap next to the clarity.
 */
final class ValueCodecs {
    private ValueCodecs() {}

    static final byte V1 = 1;
    static final byte V2 = 2;
    static final byte V3 = 3;
    static final byte V4 = 4;

    static final Codec<BucketRecord> BUCKET = new Codec<>() {
        @Override
        public byte[] encode(BucketRecord b) {
            ValueOutput out = new ValueOutput(V3);
            out.writeString(b.name());
            out.writeLong(b.createdMillis());
            out.writeString(b.region());
            out.writeString(b.owner());
            out.writeByte(b.versioning().ordinal());
            out.writeByte(b.objectLock() ? 1 : 0);
            DefaultRetention rule = b.defaultRetention();
            out.writeByte(rule == null ? 0 : rule.mode().ordinal() + 1);
            out.writeVarLong(rule == null ? 0 : rule.days());
            out.writeVarLong(rule == null ? 0 : rule.years());
            return out.toByteArray();
        }

        @Override
        public BucketRecord decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, V3, "bucket record");
            BucketRecord b = new BucketRecord(in.readString(), in.readLong(), in.readString(), in.readString());
            if (in.version() >= V2) {
                int state = in.readByte();
                if (state >= Versioning.values().length) {
                    throw new MetadataException("bucket record: bad versioning state " + state);
                }
                b = b.withVersioning(Versioning.values()[state]);
            }
            if (in.version() >= V3) {
                boolean lock = readFlag(in);
                int mode = in.readByte();
                long days = in.readVarLong();
                long years = in.readVarLong();
                if (mode > RetentionMode.values().length || days > Integer.MAX_VALUE || years > Integer.MAX_VALUE) {
                    throw new MetadataException("bucket record: bad default retention");
                }
                DefaultRetention rule;
                try {
                    rule = mode == 0 ? null : new DefaultRetention(RetentionMode.values()[mode - 1], (int) days, (int) years);
                } catch (IllegalArgumentException e) {
                    throw new MetadataException("bucket record: bad default retention");
                }
                if (lock) b = b.withObjectLock(rule);
                else if (rule != null) throw new MetadataException("bucket record: default retention without object lock");
            }
            in.end();
            return b;
        }
    };

    /**
     * An encoded object record's size alone, the first field after the format byte: a full decode
     * per row made the minutely statistics scan of a 1,000,000-object catalogue 43% of the
     * server's CPU while it ran (docs/benchmarks.md, issue 23).
     */
    static long objectSize(byte[] bytes) {
        return new ValueInput(bytes, V1, V4, "object record").readVarLong();
    }

    /**
     * What a listing shows of an encoded object record: the leading size, ETag and date, and the
     * attributes at its end, stepping over everything between without building it (a page of
     * 1,000 keys decoded 1,000 whole records, inline bodies copied, to print four fields of each:
     * docs/benchmarks.md, "Listing, second pass"). Reads the same layouts as {@link #OBJECT}.
     */
    static ObjectSummary objectSummary(byte[] bytes) {
        ValueInput in = new ValueInput(bytes, V1, V4, "object record");
        long size = in.readVarLong();
        String etag = in.readString();
        long lastModified = in.readLong();
        in.skipMap();
        in.skipMap();
        in.skipMap();
        in.skipBytes();
        int count = in.readCount();
        for (int i = 0; i < count; i++) {
            in.skipBytes();
            in.readVarLong();
        }
        if (in.version() < V3) return new ObjectSummary(size, etag, lastModified, java.util.Map.of());
        in.skipBytes(); // versionId
        readFlag(in);
        in.skipBytes(); // checksumType
        int partCount = in.readCount();
        for (int i = 0; i < partCount; i++) {
            in.readVarLong();
            in.readVarLong();
            in.skipBytes();
            in.skipBytes();
        }
        return new ObjectSummary(size, etag, lastModified, readAttributes(in));
    }

    static final Codec<ObjectRecord> OBJECT = new Codec<>() {
        @Override
        public byte[] encode(ObjectRecord o) {
            boolean replicated = ChunkPointer.anyReplicas(o.chunks());
            // The inline body is most of a small object's record: size the buffer for it at once.
            int inlineLength = o.inline() == null ? 0 : o.inline().length;
            ValueOutput out = new ValueOutput(replicated ? V4 : V3, 256 + inlineLength);
            out.writeVarLong(o.size());
            out.writeString(o.etag());
            out.writeLong(o.lastModifiedMillis());
            out.writeMap(o.contentHeaders());
            out.writeMap(o.userMetadata());
            out.writeMap(o.checksums());
            out.writeBytes(o.inline());
            out.writeVarLong(o.chunks().size());
            for (ChunkPointer c : o.chunks()) {
                out.writeString(c.chunkId());
                out.writeVarLong(c.length());
            }
            out.writeString(o.versionId());
            out.writeByte(o.deleteMarker() ? 1 : 0);
            out.writeString(o.checksumType());
            out.writeVarLong(o.parts().size());
            for (PartInfo p : o.parts()) {
                out.writeVarLong(p.partNumber());
                out.writeVarLong(p.size());
                out.writeString(p.etag());
                out.writeString(p.checksum());
            }
            writeAttributes(out, o.attributes());
            if (replicated) ChunkPointer.writeReplicas(out, o.chunks());
            return out.toByteArray();
        }

        @Override
        public ObjectRecord decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, V4, "object record");
            long size = in.readVarLong();
            String etag = in.readString();
            long lastModified = in.readLong();
            var headers = in.readMap();
            var userMetadata = in.readMap();
            var checksums = in.readMap();
            byte[] inline = in.readBytes();
            int count = in.readCount();
            List<ChunkPointer> chunks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                chunks.add(new ChunkPointer(in.readString(), in.readVarLong()));
            }
            if (in.version() == V1 && in.atEnd()) {
                return ObjectRecord.ofBody(size, etag, lastModified, headers, userMetadata, checksums, inline, chunks);
            }
            String versionId = in.readString();
            boolean deleteMarker = readFlag(in);
            String checksumType = in.readString();
            int partCount = in.readCount();
            List<PartInfo> parts = new ArrayList<>(partCount);
            for (int i = 0; i < partCount; i++) {
                parts.add(new PartInfo((int) in.readVarLong(), in.readVarLong(), in.readString(), in.readString()));
            }
            var attributes = in.version() >= V3 ? readAttributes(in) : java.util.Map.<String, byte[]>of();
            if (in.version() >= V4) chunks = ChunkPointer.readReplicas(in, chunks, "object record");
            in.end();
            return new ObjectRecord(size, etag, lastModified, headers, userMetadata, checksums, inline, chunks,
                    versionId, deleteMarker, checksumType, parts, attributes);
        }
    };

    /** {@code attrs} above; the map is already in name order ({@link ObjectRecord#attributes()}). */
    static void writeAttributes(ValueOutput out, java.util.Map<String, byte[]> attributes) {
        out.writeVarLong(attributes.size());
        attributes.forEach((name, value) -> {
            out.writeString(name);
            out.writeBytes(value);
        });
    }

    static java.util.Map<String, byte[]> readAttributes(ValueInput in) {
        int count = in.readCount();
        java.util.Map<String, byte[]> attributes = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            byte[] value = in.readBytes();
            if (name == null || value == null || attributes.put(name, value) != null) {
                throw new MetadataException("record: bad or repeated attribute " + name);
            }
        }
        return attributes;
    }

    private static boolean readFlag(ValueInput in) {
        int b = in.readByte();
        if (b > 1) throw new MetadataException("object record: bad flag byte " + b);
        return b == 1;
    }

    static final Codec<GcEntry> GC_ENTRY = new Codec<>() {
        @Override
        public byte[] encode(GcEntry e) {
            ValueOutput out = new ValueOutput(V1);
            out.writeLong(e.sequence());
            out.writeLong(e.queuedMillis());
            out.writeString(e.chunkId());
            return out.toByteArray();
        }

        @Override
        public GcEntry decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, "gc entry");
            GcEntry e = new GcEntry(in.readLong(), in.readLong(), in.readString());
            in.end();
            return e;
        }
    };
}
