package dev.coffer.metadata;

/**
 * Object Lock protects the version the command would remove, replace or loosen: a legal hold is
 * on, or a retention is in effect at the command's time (COMPLIANCE; or GOVERNANCE without a
 * bypass). Nothing was written.
 */
public final class ObjectLockedException extends CatalogRefusal {
    /** What protects the version. */
    public enum Protection { LEGAL_HOLD, COMPLIANCE, GOVERNANCE }

    private final String versionId;
    private final Protection protection;

    public ObjectLockedException(String bucket, String key, String versionId, Protection protection) {
        super("version " + versionId + " protected by object lock (" + protection + ")", bucket, key);
        this.versionId = versionId;
        this.protection = protection;
    }

    /** The version protected ("null" for the null version). */
    public String versionId() {
        return versionId;
    }

    public Protection protection() {
        return protection;
    }
}
