package dev.coffer.metadata;

/**
 * What is remembered of a completed upload so that a retried CompleteMultipartUpload can answer
 * as the first did, while the key still holds the object the upload produced (same ETag, same
 * commit time).
 */
record CompletedUpload(String bucket, String key, String uploadId, String etag, long lastModifiedMillis,
                       long completedMillis) {}
