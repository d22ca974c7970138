package dev.coffer.metadata;

import java.util.List;
import java.util.Map;

/** Small record builders for tests. */
final class Records {
    private Records() {}

    static ObjectRecord inline(String etag, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ObjectRecord.ofBody(bytes.length, etag, 1_000L, Map.of(), Map.of(), Map.of(), bytes, List.of());
    }

    static ObjectRecord chunked(String etag, String... chunkIds) {
        List<ChunkPointer> chunks = java.util.Arrays.stream(chunkIds).map(id -> new ChunkPointer(id, 10)).toList();
        return ObjectRecord.ofBody(10L * chunkIds.length, etag, 1_000L, Map.of(), Map.of(), Map.of(), null, chunks);
    }

    static BucketRecord bucket(String name) {
        return new BucketRecord(name, 42L, "us-east-1", "owner");
    }
}
