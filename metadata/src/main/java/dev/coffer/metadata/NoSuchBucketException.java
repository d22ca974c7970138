package dev.coffer.metadata;

/** A request named a bucket the catalogue does not have. */
public final class NoSuchBucketException extends CatalogRefusal {
    public NoSuchBucketException(String bucket) {
        super("no such bucket", bucket, null);
    }
}
