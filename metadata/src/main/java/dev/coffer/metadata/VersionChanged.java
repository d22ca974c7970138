package dev.coffer.metadata;

/**
 * An {@link CatalogCommand.ExpireCurrent} found that the key's current version is no longer the
 * one it names (overwritten, deleted, or a delete marker now); nothing was written.
 */
public final class VersionChanged extends CatalogRefusal {
    public VersionChanged(String bucket, String key) {
        super("current version changed", bucket, key);
    }
}
