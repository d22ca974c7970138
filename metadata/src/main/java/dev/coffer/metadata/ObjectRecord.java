package dev.coffer.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One object version as the catalogue stores it.
 *
 * @param size payload length in bytes
 * @param etag the ETag without quotes (hex MD5 for single-part objects)
 * @param lastModifiedMillis commit time, epoch milliseconds
 * @param contentHeaders standard headers stored with the object, by lowercase name
 *     (content-type, content-encoding, content-disposition, content-language, cache-control,
 *     expires), in insertion order
 * @param userMetadata x-amz-meta-* entries: name without the prefix, lowercase; value as sent
 * @param checksums flexible checksums by algorithm name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256),
 *     base64 values; may be empty
 * @param inline the bytes themselves for small objects, else null
 * @param chunks the chunks holding the bytes, in order; empty when inline or empty
 */
public record ObjectRecord(
        long size,
        String etag,
        long lastModifiedMillis,
        Map<String, String> contentHeaders,
        Map<String, String> userMetadata,
        Map<String, String> checksums,
        byte[] inline,
        List<ChunkPointer> chunks) {

    public ObjectRecord {
        contentHeaders = orderedCopy(contentHeaders);
        userMetadata = orderedCopy(userMetadata);
        checksums = orderedCopy(checksums);
        chunks = List.copyOf(chunks);
    }

    /** Map.copyOf would lose the insertion order promised above; this keeps it (and refuses nulls). */
    private static Map<String, String> orderedCopy(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        return Collections.unmodifiableMap(copy);
    }
}
