package dev.coffer.metadata;

/** DeleteBucket of a bucket that still holds objects. */
public final class BucketNotEmptyException extends MetadataException {
    public BucketNotEmptyException(String bucket) {
        super("bucket not empty: " + bucket);
    }
}
