package dev.coffer.metadata;

/** The bucket's Object Lock state does not allow the change. Nothing was written. */
public final class ObjectLockStateException extends CatalogRefusal {
    public enum Problem {
        /** Object Lock can be enabled on an existing bucket only while its versioning is Enabled. */
        VERSIONING_NOT_ENABLED,
        /** A bucket with Object Lock keeps its versioning Enabled. */
        LOCK_KEEPS_VERSIONING,
        /** A retention or legal hold was asked for in a bucket without Object Lock. */
        BUCKET_NOT_LOCK_ENABLED
    }

    private final Problem problem;

    public ObjectLockStateException(String bucket, Problem problem) {
        super("object lock: " + problem, bucket, null);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
