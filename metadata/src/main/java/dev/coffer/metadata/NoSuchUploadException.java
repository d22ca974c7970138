package dev.coffer.metadata;

/** A multipart operation named an upload that does not exist (never did, aborted or completed). */
public final class NoSuchUploadException extends MetadataException {
    public NoSuchUploadException(String uploadId) {
        super("no such upload: " + uploadId);
    }
}
