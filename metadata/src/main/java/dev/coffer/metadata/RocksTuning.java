package dev.coffer.metadata;

import org.rocksdb.AbstractEventListener;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Filter;
import org.rocksdb.SstFileManager;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBufferManager;

/**
 * The RocksDB settings, each with its reason. Deliberately few: defaults are well tested, and
 * every change here should come with a benchmark in the notes. The objects built here are native
 * handles; {@link RocksStore} owns and closes them.
 */
final class RocksTuning {
    private RocksTuning() {}

    /**
     * One LRU block cache shared by all column families, so the memory bound is one number.
     * 64 MiB holds the index blocks and hot data blocks of millions of keys and is small next
     * to a JVM heap; raise it by measurement. The cache is made {@link #MEMTABLE_BYTES} larger,
     * since the memtables are charged to it, so the blocks keep their 64 MiB.
     */
    static final long BLOCK_CACHE_BYTES = 64L << 20;

    /**
     * All memtables together, of every column family, counted inside the block cache's bound (a
     * {@code WriteBufferManager} charging the cache): RocksDB's memory stays one number. Without it
     * each written column family holds up to two 64 MiB write buffers, and small objects' inline
     * bodies fill them (120 s of 4 KiB PUTs: 111 MiB of RSS outside what the JVM tracks, 94 with
     * this bound; docs/benchmarks.md, issue 23). Overwritten keys are dropped at the flush, so
     * flushing at 32 MiB writes little more.
     */
    static final long MEMTABLE_BYTES = 32L << 20;

    /** 10 bits per key: about 1% false positives, the usual sweet spot. */
    static final double BLOOM_BITS_PER_KEY = 10;

    static DBOptions dbOptions(SstFileManager files, AbstractEventListener errors, WriteBufferManager memtables) {
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // Two background threads: one flush and one compaction can run together;
                // the metadata write rate of an object store does not need more.
                .setIncreaseParallelism(2)
                // Write SST and WAL files out in 1 MiB steps, so a flush or compaction does not
                // pile up dirty pages and then stall a synced WAL write behind them.
                .setBytesPerSync(1L << 20)
                // Keep a few info logs, not an ever-growing directory of them.
                .setKeepLogFileNum(5)
                // Stated though they are RocksDB's defaults, since Coffer's fault handling rests on
                // them: paranoid checks turn a failed flush or WAL write into a background error that
                // stops writes (rather than carrying on past lost data), and verify what can be at
                // open; a WAL cut short (a torn last write) is recovered up to its last whole record,
                // one damaged in the middle stops there too, never skipping records (docs/fault-report.md).
                .setParanoidChecks(true)
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                // A file manager enables RocksDB's own recovery from a full disk (it polls the free
                // space); measured, it did not resume after a WAL write's ENOSPC (docs/fault-report.md).
                .setSstFileManager(files)
                .setWriteBufferManager(memtables)
                .setListeners(java.util.List.of(errors));
    }

    /**
     * Whole-key Bloom filter only on tables read by exact key (every GET, HEAD and PUT reads an
     * object by key). Whole-key filters are not consulted by range scans, so listings neither
     * gain nor lose; there is no prefix extractor because listing prefixes are arbitrary.
     */
    static ColumnFamilyOptions columnFamilyOptions(TableDef<?, ?> def, Cache cache, Filter bloom) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                // Index and filter blocks compete in the same cache, so memory stays bounded.
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        if (def.pointLookups()) {
            table.setFilterPolicy(bloom);
        }
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                // LZ4: cheap enough to be invisible on reads; user metadata, headers and
                // repeating key prefixes compress well. The release jar links LZ4 statically.
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION);
    }
}
