package dev.coffer.metadata;

/**
 * A {@link WriteCondition} did not hold at commit time; nothing was written. Says which condition
 * failed and whether the key had a current version then (S3 answers If-Match on a missing key
 * with NoSuchKey, not PreconditionFailed).
 */
public final class ConditionalWriteConflict extends CatalogRefusal {
    private final WriteCondition failed;
    private final boolean keyExisted;

    public ConditionalWriteConflict(String bucket, String key, WriteCondition failed, boolean keyExisted) {
        super("write condition " + failed + " failed", bucket, key);
        this.failed = failed;
        this.keyExisted = keyExisted;
    }

    /** The condition that did not hold. */
    public WriteCondition failed() {
        return failed;
    }

    /** Whether the key had a current version when the condition was checked. */
    public boolean keyExisted() {
        return keyExisted;
    }
}
