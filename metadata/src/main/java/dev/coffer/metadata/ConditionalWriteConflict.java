package dev.coffer.metadata;

/** A {@link WriteCondition} did not hold at commit time; nothing was written. */
public final class ConditionalWriteConflict extends MetadataException {
    public ConditionalWriteConflict(String bucket, String key) {
        super("write condition failed for " + bucket + "/" + key);
    }
}
