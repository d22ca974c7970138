package dev.coffer.metadata;

/** CreateBucket of a name the catalogue already holds. */
public final class BucketExistsException extends CatalogRefusal {
    public BucketExistsException(String bucket) {
        super("bucket exists", bucket, null);
    }
}
