package dev.coffer.metadata;

/** An object operation named a bucket the catalogue does not have. */
public final class NoSuchBucketException extends MetadataException {
    public NoSuchBucketException(String bucket) {
        super("no such bucket: " + bucket);
    }
}
