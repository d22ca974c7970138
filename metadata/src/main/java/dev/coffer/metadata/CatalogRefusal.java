package dev.coffer.metadata;

/**
 * The catalogue refused a request because of the state it found, not because it failed: no such
 * bucket, key or upload, a bucket not empty or already there, a condition that did not hold.
 * Nothing was written. Each refusal names the bucket and, where there is one, the key, so the
 * one translator in {@code api} can answer with the S3 error and its fields without asking again.
 * Deterministic: the same request against the same state is refused the same way.
 */
public abstract class CatalogRefusal extends MetadataException {
    private final String bucket;
    private final String key;

    protected CatalogRefusal(String message, String bucket, String key) {
        super(message + ": " + bucket + (key == null ? "" : "/" + key));
        this.bucket = bucket;
        this.key = key;
    }

    public String bucket() {
        return bucket;
    }

    /** The object key the request named, or null for a bucket-level refusal. */
    public String key() {
        return key;
    }
}
