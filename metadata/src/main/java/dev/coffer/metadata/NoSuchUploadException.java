package dev.coffer.metadata;

/** A multipart operation named an upload that is not in progress (never was, aborted or completed). */
public final class NoSuchUploadException extends CatalogRefusal {
    private final String uploadId;

    public NoSuchUploadException(String bucket, String key, String uploadId) {
        super("no such upload " + uploadId, bucket, key);
        this.uploadId = uploadId;
    }

    public String uploadId() {
        return uploadId;
    }
}
