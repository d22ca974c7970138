package dev.coffer.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
 * @param versionId the version's id; null for the "null" version (unversioned or suspended writes)
 * @param deleteMarker true for a delete marker (then size 0, no bytes, no headers)
 * @param checksumType FULL_OBJECT or COMPOSITE when {@code checksums} is not empty, else null
 * @param parts the parts of an object completed from a multipart upload, in order; else empty
 * @param attributes per-version state that features keep beside the bytes (tags, object lock,
 *     encryption), by attribute name, in name order; each feature owns its name and its value's
 *     format (metadata/COMMANDS.md lists them). Changed in place by {@link
 *     CatalogCommand.SetObjectAttribute}; a copy starts without any.
 */
public record ObjectRecord(
        long size,
        String etag,
        long lastModifiedMillis,
        Map<String, String> contentHeaders,
        Map<String, String> userMetadata,
        Map<String, String> checksums,
        byte[] inline,
        List<ChunkPointer> chunks,
        String versionId,
        boolean deleteMarker,
        String checksumType,
        List<PartInfo> parts,
        Map<String, byte[]> attributes) {

    public ObjectRecord {
        contentHeaders = orderedCopy(contentHeaders);
        userMetadata = orderedCopy(userMetadata);
        checksums = orderedCopy(checksums);
        chunks = List.copyOf(chunks);
        parts = List.copyOf(parts);
        attributes = sortedCopy(attributes);
    }

    /** A record without attributes. */
    public ObjectRecord(long size, String etag, long lastModifiedMillis, Map<String, String> contentHeaders,
                        Map<String, String> userMetadata, Map<String, String> checksums, byte[] inline,
                        List<ChunkPointer> chunks, String versionId, boolean deleteMarker, String checksumType,
                        List<PartInfo> parts) {
        this(size, etag, lastModifiedMillis, contentHeaders, userMetadata, checksums, inline, chunks, versionId,
                deleteMarker, checksumType, parts, Map.of());
    }

    // One factory per origin of an object's bytes: a received body, a copy, the parts of an upload.
    // The version id is the writer's to give (the catalogue sets it when it applies the write).

    /** An object made from one received body: a flexible checksum, if any, is of the whole object. */
    public static ObjectRecord ofBody(long size, String etag, long lastModifiedMillis, Map<String, String> contentHeaders,
                                      Map<String, String> userMetadata, Map<String, String> checksums, byte[] inline,
                                      List<ChunkPointer> chunks) {
        return new ObjectRecord(size, etag, lastModifiedMillis, contentHeaders, userMetadata, checksums, inline, chunks,
                null, false, checksums.isEmpty() ? null : FULL_OBJECT, List.of());
    }

    /**
     * A copy of {@code source} whose bytes now live in {@code chunks} (or inline, as the source's
     * were): the same size, ETag, checksums, checksum type and parts (a copied multipart object
     * still answers partNumber reads), with the given headers and metadata (S3's REPLACE
     * directive) or the source's when they are null (COPY).
     */
    public static ObjectRecord ofCopy(ObjectRecord source, Map<String, String> contentHeaders,
                                      Map<String, String> userMetadata, List<ChunkPointer> chunks,
                                      long lastModifiedMillis) {
        return new ObjectRecord(source.size(), source.etag(), lastModifiedMillis,
                contentHeaders == null ? source.contentHeaders() : contentHeaders,
                userMetadata == null ? source.userMetadata() : userMetadata,
                source.checksums(), source.inline(), source.inline() != null ? List.of() : chunks,
                null, false, source.checksumType(), source.parts());
    }

    /** An object completed from the parts of a multipart upload: its chunks are theirs, in order. */
    public static ObjectRecord ofParts(long size, String etag, long lastModifiedMillis, Map<String, String> contentHeaders,
                                       Map<String, String> userMetadata, Map<String, String> checksums,
                                       String checksumType, List<ChunkPointer> chunks, List<PartInfo> parts) {
        return new ObjectRecord(size, etag, lastModifiedMillis, contentHeaders, userMetadata, checksums, null, chunks,
                null, false, checksums.isEmpty() ? null : checksumType, parts);
    }

    /** The checksum type of a single-body object's checksum. */
    public static final String FULL_OBJECT = "FULL_OBJECT";

    /** This record with another version id. */
    public ObjectRecord withVersionId(String id) {
        return new ObjectRecord(size, etag, lastModifiedMillis, contentHeaders, userMetadata, checksums, inline,
                chunks, id, deleteMarker, checksumType, parts, attributes);
    }

    /** This record's bytes and metadata, committed at another time. */
    public ObjectRecord withLastModified(long millis) {
        return new ObjectRecord(size, etag, millis, contentHeaders, userMetadata, checksums, inline,
                chunks, versionId, deleteMarker, checksumType, parts, attributes);
    }

    /** The value of one attribute, if the version has it. */
    public Optional<byte[]> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** This record with attribute {@code name} set to {@code value}, or removed when it is null. */
    public ObjectRecord withAttribute(String name, byte[] value) {
        Map<String, byte[]> next = new TreeMap<>(attributes);
        if (value == null) {
            next.remove(name);
        } else {
            next.put(Objects.requireNonNull(name, "name"), value.clone());
        }
        return withAttributes(next);
    }

    /** This record with exactly these attributes. */
    public ObjectRecord withAttributes(Map<String, byte[]> next) {
        return new ObjectRecord(size, etag, lastModifiedMillis, contentHeaders, userMetadata, checksums, inline,
                chunks, versionId, deleteMarker, checksumType, parts, next);
    }

    /** A delete marker with the given id and time. */
    public static ObjectRecord deleteMarker(String versionId, long millis) {
        return new ObjectRecord(0, "", millis, Map.of(), Map.of(), Map.of(), null, List.of(),
                versionId, true, null, List.of());
    }

    /** Attributes in name order, so that equal records encode to equal bytes. */
    static Map<String, byte[]> sortedCopy(Map<String, byte[]> map) {
        Map<String, byte[]> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** Map.copyOf would lose the insertion order promised above; this keeps it (and refuses nulls). */
    private static Map<String, String> orderedCopy(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        return Collections.unmodifiableMap(copy);
    }
}
