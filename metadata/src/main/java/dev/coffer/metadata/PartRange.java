package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Range scans over the {@code parts} table: one upload's parts, or every part of every upload. */
final class PartRange {
    private PartRange() {}

    /** Up to {@code max} parts of the upload numbered above {@code afterPartNumber}, in order. */
    static List<PartRecord> scan(TypedTable<PartKey, PartRecord> parts, String uploadId, int afterPartNumber, int max) {
        List<PartRecord> out = new ArrayList<>();
        byte[] start = UploadKeyCodecs.PART.encode(new PartKey(uploadId, Math.max(0, afterPartNumber) + 1));
        try (TableScan<PartKey, PartRecord> scan = parts.scan(ByteKeys.successor(UploadKeyCodecs.idBytes(uploadId)))) {
            for (scan.seek(start); out.size() < max && scan.valid(); scan.next()) {
                out.add(scan.value());
            }
        }
        return out;
    }

    /** Every part of the upload, in order (at most 10,000). */
    static List<PartRecord> all(TypedTable<PartKey, PartRecord> parts, String uploadId) {
        return scan(parts, uploadId, 0, Integer.MAX_VALUE);
    }

    /** The chunk ids of every stored part, read with the caller's options (snapshot). */
    static void forEachChunk(TypedTable<PartKey, PartRecord> parts, CatalogSnapshot view, Consumer<String> sink) {
        try (TableScan<PartKey, PartRecord> scan = parts.scan(null, view).seekToFirst()) {
            for (; scan.valid(); scan.next()) {
                scan.value().chunks().forEach(c -> sink.accept(c.chunkId()));
            }
        }
    }
}
