package dev.coffer.metadata;

import java.util.List;

/**
 * One uploaded part of a multipart upload. Its bytes are in chunk files of their own, which
 * become the completed object's chunks in place.
 *
 * @param partNumber 1..10,000
 * @param size payload bytes
 * @param etag hex MD5 of the part, without quotes
 * @param checksumAlgorithm the algorithm of {@code checksum}, or null
 * @param checksum the part's checksum (base64), or null
 * @param chunks the chunks holding the part's bytes, in order; empty for an empty part
 */
public record PartRecord(
        int partNumber,
        long size,
        String etag,
        long lastModifiedMillis,
        String checksumAlgorithm,
        String checksum,
        List<ChunkPointer> chunks) {

    public PartRecord {
        chunks = List.copyOf(chunks);
    }
}
