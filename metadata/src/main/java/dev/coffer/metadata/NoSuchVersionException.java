package dev.coffer.metadata;

/** A request named a version the key does not have. */
public final class NoSuchVersionException extends CatalogRefusal {
    private final String versionId;

    public NoSuchVersionException(String bucket, String key, String versionId) {
        super("no such version " + versionId, bucket, key);
        this.versionId = versionId;
    }

    public String versionId() {
        return versionId;
    }
}
