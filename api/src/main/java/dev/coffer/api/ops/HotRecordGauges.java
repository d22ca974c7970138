package dev.coffer.api.ops;

import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.HotRecords;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The catalogue's hot records in memory ({@link HotRecords}) for {@code /_coffer/metrics}:
 * {@code coffer_catalog_hot_hits_total} (answers from memory, e.g. a GET of a small object with no
 * RocksDB read and no hand-off to the I/O threads), {@code coffer_catalog_hot_misses_total} (reads
 * that went to RocksDB), and the entries and inline bytes held.
 */
final class HotRecordGauges {
    private HotRecordGauges() {}

    static void register(Catalog catalog, MeterRegistry registry) {
        HotRecords hot = catalog.hot();
        FunctionCounter.builder("coffer.catalog.hot.hits", hot, HotRecords::hits)
                .description("catalogue records answered from memory").register(registry);
        FunctionCounter.builder("coffer.catalog.hot.misses", hot, HotRecords::misses)
                .description("catalogue records read from RocksDB through the hot records").register(registry);
        Gauge.builder("coffer.catalog.hot.entries", hot, HotRecords::size)
                .description("hot catalogue records held in memory").register(registry);
        Gauge.builder("coffer.catalog.hot.inline", hot, HotRecords::bytes).baseUnit("bytes")
                .description("what the hot catalogue records hold, inline bodies, chunk pointers and a rough per-entry cost").register(registry);
    }
}
