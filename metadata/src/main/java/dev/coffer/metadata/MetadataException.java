package dev.coffer.metadata;

/** The catalogue could not do what was asked: a RocksDB failure or a record it cannot read. */
public class MetadataException extends RuntimeException {
    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }

    public MetadataException(String message) {
        super(message);
    }
}
