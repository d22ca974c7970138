package dev.coffer.metadata;

/**
 * A column family declared once: its name, key codec, value codec, and whether point lookups
 * (a {@code get} by exact key) are part of its workload, which decides whether its SST files
 * carry a Bloom filter.
 */
record TableDef<K, V>(String name, Codec<K> keys, Codec<V> values, boolean pointLookups) {}
