package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Value formats of the multipart tables, in the notation of {@link ValueCodecs}.
 *
 * <pre>
 * UploadRecord v1    : 0x01 | str bucket | str key | str uploadId | i64 initiatedMillis
 *                      | map contentHeaders | map userMetadata | str checksumAlgorithm
 *                      | str checksumType | str storageClass | str owner
 * PartRecord v1      : 0x01 | var partNumber | var size | str etag | i64 lastModifiedMillis
 *                      | str checksumAlgorithm | str checksum
 *                      | var chunk count | per chunk: str chunkId, var length
 * PartRecord v2      : 0x02 | as v1 | replicas (ValueCodecs; written only when a chunk names a replica)
 * CompletedUpload v1 : 0x01 | str bucket | str key | str uploadId | str etag
 *                      | i64 lastModifiedMillis | i64 completedMillis
 * </pre>
 */
final class UploadValueCodecs {
    private UploadValueCodecs() {}

    static final Codec<UploadRecord> UPLOAD = new Codec<>() {
        @Override
        public byte[] encode(UploadRecord u) {
            ValueOutput out = new ValueOutput(ValueCodecs.V2);
            out.writeString(u.bucket());
            out.writeString(u.key());
            out.writeString(u.uploadId());
            out.writeLong(u.initiatedMillis());
            out.writeMap(u.contentHeaders());
            out.writeMap(u.userMetadata());
            out.writeString(u.checksumAlgorithm());
            out.writeString(u.checksumType());
            out.writeString(u.storageClass());
            out.writeString(u.owner());
            ValueCodecs.writeAttributes(out, u.attributes());
            return out.toByteArray();
        }

        @Override
        public UploadRecord decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, ValueCodecs.V1, ValueCodecs.V2, "upload record");
            UploadRecord u = new UploadRecord(in.readString(), in.readString(), in.readString(), in.readLong(),
                    in.readMap(), in.readMap(), in.readString(), in.readString(), in.readString(), in.readString(),
                    in.version() >= ValueCodecs.V2 ? ValueCodecs.readAttributes(in) : java.util.Map.of());
            in.end();
            return u;
        }
    };

    static final Codec<PartRecord> PART = new Codec<>() {
        @Override
        public byte[] encode(PartRecord p) {
            boolean replicated = ChunkPointer.anyReplicas(p.chunks());
            ValueOutput out = new ValueOutput(replicated ? ValueCodecs.V2 : ValueCodecs.V1);
            out.writeVarLong(p.partNumber());
            out.writeVarLong(p.size());
            out.writeString(p.etag());
            out.writeLong(p.lastModifiedMillis());
            out.writeString(p.checksumAlgorithm());
            out.writeString(p.checksum());
            out.writeVarLong(p.chunks().size());
            for (ChunkPointer c : p.chunks()) {
                out.writeString(c.chunkId());
                out.writeVarLong(c.length());
            }
            if (replicated) ChunkPointer.writeReplicas(out, p.chunks());
            return out.toByteArray();
        }

        @Override
        public PartRecord decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, ValueCodecs.V1, ValueCodecs.V2, "part record");
            int number = (int) in.readVarLong();
            long size = in.readVarLong();
            String etag = in.readString();
            long modified = in.readLong();
            String algorithm = in.readString();
            String checksum = in.readString();
            int count = in.readCount();
            List<ChunkPointer> chunks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                chunks.add(new ChunkPointer(in.readString(), in.readVarLong()));
            }
            if (in.version() >= ValueCodecs.V2) chunks = ChunkPointer.readReplicas(in, chunks, "part record");
            in.end();
            return new PartRecord(number, size, etag, modified, algorithm, checksum, chunks);
        }
    };

    static final Codec<CompletedUpload> COMPLETED = new Codec<>() {
        @Override
        public byte[] encode(CompletedUpload c) {
            ValueOutput out = new ValueOutput(ValueCodecs.V1);
            out.writeString(c.bucket());
            out.writeString(c.key());
            out.writeString(c.uploadId());
            out.writeString(c.etag());
            out.writeLong(c.lastModifiedMillis());
            out.writeLong(c.completedMillis());
            return out.toByteArray();
        }

        @Override
        public CompletedUpload decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, ValueCodecs.V1, "completed upload");
            CompletedUpload c = new CompletedUpload(in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readLong(), in.readLong());
            in.end();
            return c;
        }
    };
}
