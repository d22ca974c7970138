package dev.coffer.metadata;

/**
 * RocksDB's native memory at one moment, in bytes, as RocksDB itself counts it: none of it is in
 * the JVM's heap or in Native Memory Tracking's figures.
 *
 * @param memtables    every table's memtables, active and not yet flushed ({@code rocksdb.cur-size-all-mem-tables})
 * @param blockCache   what the shared block cache holds ({@code rocksdb.block-cache-usage}): data, index and
 *                     filter blocks, and the memtables' charge (the write buffer manager reserves their size in
 *                     it), so it includes most of {@code memtables}
 * @param pinned       the part of the block cache in use by readers and iterators, not evictable now
 * @param tableReaders table files' readers outside the cache ({@code rocksdb.estimate-table-readers-mem})
 */
public record CatalogMemory(long memtables, long blockCache, long pinned, long tableReaders) {}
