package dev.coffer.metadata;

/** A request that needs an object version named a delete marker (S3: 405 MethodNotAllowed). */
public final class DeleteMarkerRefusal extends CatalogRefusal {
    private final String versionId;

    public DeleteMarkerRefusal(String bucket, String key, String versionId) {
        super("version " + versionId + " is a delete marker", bucket, key);
        this.versionId = versionId;
    }

    public String versionId() {
        return versionId;
    }
}
