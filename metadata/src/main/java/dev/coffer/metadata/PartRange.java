package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/** Range scans over the {@code parts} table: one upload's parts, or every part of every upload. */
final class PartRange {
    private PartRange() {}

    /** Up to {@code max} parts of the upload numbered above {@code afterPartNumber}, in order. */
    static List<PartRecord> scan(TypedTable<PartKey, PartRecord> parts, String uploadId, int afterPartNumber, int max) {
        List<PartRecord> out = new ArrayList<>();
        byte[] start = UploadKeyCodecs.PART.encode(new PartKey(uploadId, Math.max(0, afterPartNumber) + 1));
        try (Slice upper = new Slice(ByteKeys.successor(UploadKeyCodecs.idBytes(uploadId)));
                ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator it = parts.newIterator(options)) {
            for (it.seek(start); it.isValid() && out.size() < max; it.next()) {
                out.add(parts.decodeValue(it.value()));
            }
            parts.checkStatus(it);
        }
        return out;
    }

    /** Every part of the upload, in order (at most 10,000). */
    static List<PartRecord> all(TypedTable<PartKey, PartRecord> parts, String uploadId) {
        return scan(parts, uploadId, 0, Integer.MAX_VALUE);
    }

    /** The chunk ids of every stored part, read with the caller's options (snapshot). */
    static void forEachChunk(TypedTable<PartKey, PartRecord> parts, ReadOptions options, Consumer<String> sink) {
        try (RocksIterator it = parts.newIterator(options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                parts.decodeValue(it.value()).chunks().forEach(c -> sink.accept(c.chunkId()));
            }
            parts.checkStatus(it);
        }
    }
}
