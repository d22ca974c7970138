package dev.coffer.metadata;

/**
 * Turns a key or value into RocksDB bytes and back.
 *
 * <p>Invariant for key codecs: {@code compareUnsigned(encode(a), encode(b))} has the sign of the
 * order the catalogue promises for {@code a} and {@code b}, because listing is a range scan.
 * Value codecs write a format-version byte first and reject versions they do not know.
 */
interface Codec<T> {
    byte[] encode(T value);

    /** @throws MetadataException if the bytes are not a value this codec wrote */
    T decode(byte[] bytes);
}
