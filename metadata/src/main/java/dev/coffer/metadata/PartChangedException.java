package dev.coffer.metadata;

/**
 * CompleteMultipartUpload chose a part that was uploaded again (or removed) between reading the
 * parts and applying the completion: the object would name the wrong bytes, so nothing is written.
 */
public final class PartChangedException extends CatalogRefusal {
    private final String uploadId;
    private final int partNumber;

    public PartChangedException(String bucket, String key, String uploadId, int partNumber) {
        super("part " + partNumber + " of upload " + uploadId + " changed", bucket, key);
        this.uploadId = uploadId;
        this.partNumber = partNumber;
    }

    public String uploadId() {
        return uploadId;
    }

    public int partNumber() {
        return partNumber;
    }
}
