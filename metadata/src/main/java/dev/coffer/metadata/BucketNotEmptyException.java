package dev.coffer.metadata;

/** DeleteBucket of a bucket that still holds objects or versions. */
public final class BucketNotEmptyException extends CatalogRefusal {
    public BucketNotEmptyException(String bucket) {
        super("bucket not empty", bucket, null);
    }
}
