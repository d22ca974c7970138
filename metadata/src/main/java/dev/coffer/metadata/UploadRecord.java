package dev.coffer.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One multipart upload in progress, as CreateMultipartUpload started it: what the completed
 * object will carry besides its bytes.
 *
 * @param uploadId see {@link UploadIds}
 * @param contentHeaders as {@link ObjectRecord#contentHeaders()}
 * @param userMetadata as {@link ObjectRecord#userMetadata()}
 * @param checksumAlgorithm CRC32, CRC32C, CRC64NVME, SHA1 or SHA256; null when none was asked
 * @param checksumType COMPOSITE or FULL_OBJECT when an algorithm is set, else null
 * @param storageClass as the client asked (STANDARD by default)
 * @param owner who initiated it: an account id (an account's root), or an IAM user's ARN; shown as the
 *     upload's Initiator (the object's owner is decided by its ACL attribute or the bucket)
 * @param attributes what the completed object's {@link ObjectRecord#attributes()} start with (tags,
 *     lock, encryption asked for at creation); the completion's own record wins on a name both have
 */
public record UploadRecord(
        String bucket,
        String key,
        String uploadId,
        long initiatedMillis,
        Map<String, String> contentHeaders,
        Map<String, String> userMetadata,
        String checksumAlgorithm,
        String checksumType,
        String storageClass,
        String owner,
        Map<String, byte[]> attributes) {

    public UploadRecord {
        contentHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(contentHeaders));
        userMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(userMetadata));
        attributes = ObjectRecord.sortedCopy(attributes);
    }

    /** An upload without attributes. */
    public UploadRecord(String bucket, String key, String uploadId, long initiatedMillis,
                        Map<String, String> contentHeaders, Map<String, String> userMetadata,
                        String checksumAlgorithm, String checksumType, String storageClass, String owner) {
        this(bucket, key, uploadId, initiatedMillis, contentHeaders, userMetadata, checksumAlgorithm, checksumType,
                storageClass, owner, Map.of());
    }

    /** This upload with attribute {@code name} set to {@code value}, or removed when it is null. */
    public UploadRecord withAttribute(String name, byte[] value) {
        Map<String, byte[]> next = new java.util.TreeMap<>(attributes);
        if (value == null) {
            next.remove(name);
        } else {
            next.put(name, value.clone());
        }
        return new UploadRecord(bucket, key, uploadId, initiatedMillis, contentHeaders, userMetadata,
                checksumAlgorithm, checksumType, storageClass, owner, next);
    }
}
