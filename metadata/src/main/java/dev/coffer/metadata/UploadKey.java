package dev.coffer.metadata;

/** The address of an upload: bucket, object key and upload id. */
record UploadKey(String bucket, String key, String uploadId) {
    ObjectKey object() {
        return new ObjectKey(bucket, key);
    }
}
