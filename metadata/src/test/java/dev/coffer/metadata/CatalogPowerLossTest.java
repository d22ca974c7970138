package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut in the middle of the catalogue's writes, for every command kind (CommandDeterminismTest's
 * generator: buckets made and deleted, puts (a copy is one), deletes and versioned deletes, multipart
 * create, part, completion and abort, the GC queue, the event outbox, job cursors, configurations,
 * attributes, Object Lock, lifecycle expiry, draining nodes, notification targets).
 *
 * <p>The model: each acknowledged command returned only after its WAL record was fsynced (sync on),
 * so what a cut keeps of the WAL is everything synced plus any prefix of the record being written,
 * followed, in pages the disk had not written, by anything (here: random bytes). The table files,
 * MANIFEST and CURRENT are not touched: these runs are far from the 64 MiB memtable, so RocksDB
 * wrote none after opening (a cut during a flush or compaction is not modelled here: RocksDB fsyncs
 * those files before the MANIFEST names them). At every command boundary and at random points in
 * between, a copy cut there opens to exactly the state after the last command whose record is whole.
 */
class CatalogPowerLossTest {
    private static final int SEEDS = 3;
    private static final int COMMANDS = 120;

    @TempDir
    Path dir;

    @Test
    void aCutAnywhereInTheWalOpensToExactlyTheAcknowledgedCommandsBeforeIt() throws IOException {
        int cuts = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Path live = dir.resolve("live" + seed);
            List<List<String>> states = new ArrayList<>();
            List<Long> synced = new ArrayList<>();
            try (Catalog catalog = Catalog.open(live, true)) {
                CommandDeterminismTest.Generator gen = new CommandDeterminismTest.Generator(new Random(seed), catalog);
                states.add(catalog.dump());
                synced.add(Files.size(wal(live)));
                for (int i = 0; i < COMMANDS; i++) {
                    CommandDeterminismTest.apply(catalog, gen.next(), gen);
                    states.add(catalog.dump());
                    synced.add(Files.size(wal(live)));
                }
            }
            Random random = new Random(seed * 31L);
            for (int j = 0; j < synced.size(); j += 7) {
                long at = synced.get(j);
                long next = j + 1 < synced.size() ? synced.get(j + 1) : at;
                // at the boundary itself, and inside the next record (a torn write), with junk after or not
                checkCut(live, at, false, states.get(j), random, seed + "/" + j);
                if (next > at) {
                    long inside = at + 1 + (long) random.nextInt((int) (next - at));
                    int whole = inside == next ? j + 1 : j;
                    checkCut(live, Math.min(inside, next), random.nextBoolean(), states.get(whole), random, seed + "/" + j + "+");
                    cuts++;
                }
                cuts++;
            }
        }
        assertTrue(cuts > 60, "cuts checked: " + cuts);
    }

    private void checkCut(Path live, long length, boolean junkAfter, List<String> expected, Random random, String where)
            throws IOException {
        Path copy = dir.resolve("cut");
        copyTree(live, copy);
        try (FileChannel channel = FileChannel.open(wal(copy), StandardOpenOption.WRITE)) {
            channel.truncate(length);
            if (junkAfter) {
                byte[] junk = new byte[1 + random.nextInt(300)];
                random.nextBytes(junk);
                channel.write(ByteBuffer.wrap(junk), length);
            }
        }
        try (Catalog opened = Catalog.open(copy, true)) {
            assertEquals(expected, opened.dump(), "cut at byte " + length + (junkAfter ? " + junk" : "") + ", " + where);
        } finally {
            deleteTree(copy);
        }
    }

    /** The one WAL file: these runs never fill a memtable, so RocksDB never switches to another. */
    private static Path wal(Path db) throws IOException {
        try (Stream<Path> files = Files.list(db)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
            assertEquals(1, logs.size(), "one WAL: " + logs);
            return logs.get(0);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().equals("LOCK")) Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
