package dev.coffer.api.ops;

import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.CatalogMemory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;

/**
 * RocksDB's native memory as gauges for {@code /_coffer/metrics}: {@code coffer_catalog_memory_bytes}
 * with RocksDB's property name as the {@code property} label. The JVM's own metrics and Native Memory
 * Tracking do not see this memory; these say how much of the process's resident memory is the
 * catalogue's. NaN while RocksDB is closed (a reopen that failed).
 */
final class CatalogMemoryGauges {
    private CatalogMemoryGauges() {}

    static void register(Catalog catalog, MeterRegistry registry) {
        gauge(registry, catalog, "rocksdb.cur-size-all-mem-tables", CatalogMemory::memtables,
                "every table's memtables, active and awaiting their flush");
        gauge(registry, catalog, "rocksdb.block-cache-usage", CatalogMemory::blockCache,
                "the shared block cache: data, index and filter blocks, and the memtables' charge");
        gauge(registry, catalog, "rocksdb.block-cache-pinned-usage", CatalogMemory::pinned,
                "the block cache's entries in use by readers and iterators now");
        gauge(registry, catalog, "rocksdb.estimate-table-readers-mem", CatalogMemory::tableReaders,
                "table files' readers, outside the block cache");
    }

    private static void gauge(MeterRegistry registry, Catalog catalog, String property, ToLongFunction<CatalogMemory> part,
                              String description) {
        Gauge.builder("coffer.catalog.memory", catalog,
                        c -> c.health().memory().map(m -> (double) part.applyAsLong(m)).orElse(Double.NaN))
                .tag("property", property).baseUnit("bytes")
                .description("RocksDB's native memory by its own count: " + description).register(registry);
    }
}
