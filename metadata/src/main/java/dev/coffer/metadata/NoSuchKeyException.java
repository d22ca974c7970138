package dev.coffer.metadata;

/** A request named a key the bucket does not hold (no current version). */
public final class NoSuchKeyException extends CatalogRefusal {
    public NoSuchKeyException(String bucket, String key) {
        super("no such key", bucket, key);
    }
}
