package dev.coffer.storage;

import static dev.coffer.storage.ChunkFormat.PREFIX_DIGITS;
import static dev.coffer.storage.ChunkFormat.TEMP_SUFFIX;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where each file of a store lives (FORMAT.md, "Directory layout"), and moves between places. */
final class StoreLayout {
    private final Path root;
    private final Path chunks;
    private final Path tmp;
    private final Path quarantine;
    private final DurabilityOps ops;
    /** Prefix directories known to exist durably; at most 256 entries. */
    private final Set<String> durablePrefixes = ConcurrentHashMap.newKeySet();

    private StoreLayout(Path root, DurabilityOps ops) {
        this.root = root;
        this.ops = ops;
        this.chunks = root.resolve("chunks");
        this.tmp = root.resolve("tmp");
        this.quarantine = root.resolve("quarantine");
    }

    /**
     * Creates the store's directories where missing; fsyncs the parent of every directory it
     * created (the root's own ancestors included), so a fresh store's entries survive a power cut.
     */
    static StoreLayout create(Path root, DurabilityOps ops) throws IOException {
        StoreLayout layout = new StoreLayout(root.toAbsolutePath(), ops);
        createDurably(layout.root, ops);
        boolean created = false;
        for (Path dir : List.of(layout.chunks, layout.tmp, layout.quarantine)) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                created = true;
            }
        }
        if (created) ops.fsyncDirectory(layout.root);
        return layout;
    }

    /** Creates dir and any missing ancestors, then fsyncs each created directory's parent, top down. */
    private static void createDurably(Path dir, DurabilityOps ops) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) missing.add(0, p);
        Files.createDirectories(dir);
        for (Path created : missing) {
            if (created.getParent() != null) ops.fsyncDirectory(created.getParent());
        }
    }

    Path root() {
        return root;
    }

    DurabilityOps ops() {
        return ops;
    }

    Path chunkPath(ChunkId id) {
        return prefixDir(id).resolve(id.value());
    }

    Path tempPath(ChunkId id) {
        return tmp.resolve(id.value() + TEMP_SUFFIX);
    }

    Path quarantinePath(ChunkId id) {
        return quarantine.resolve(id.value());
    }

    Path prefixDir(ChunkId id) {
        return chunks.resolve(id.value().substring(0, PREFIX_DIGITS));
    }

    /**
     * Makes sure {@code chunks/<xx>} of {@code id} exists and its entry in {@code chunks/} is
     * durable. Invariant: a prefix joins the known set only after an fsync of chunks/ that
     * followed its creation, so a concurrent caller never skips a needed fsync.
     */
    Path ensurePrefixDir(ChunkId id) throws IOException {
        Path dir = prefixDir(id);
        String prefix = dir.getFileName().toString();
        if (!durablePrefixes.contains(prefix)) {
            Files.createDirectories(dir);
            ops.fsyncDirectory(chunks);
            durablePrefixes.add(prefix);
        }
        return dir;
    }

    /** Moves a published chunk to quarantine/. Returns false if it was no longer published. */
    boolean quarantine(ChunkId id) throws IOException {
        try {
            ops.atomicMove(chunkPath(id), quarantinePath(id));
            return true;
        } catch (NoSuchFileException alreadyGone) {
            return false;
        }
    }

    /** Deletes what an interrupted write left in tmp/ and logs how many there were (none were published). */
    void clearTmp() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path leftover : leftovers) {
                if (Files.deleteIfExists(leftover)) removed++;
            }
        }
        if (removed > 0) {
            System.getLogger(ChunkStore.class.getName()).log(System.Logger.Level.WARNING,
                    "removed {0} temp chunk file(s) in {1} left by writes an earlier run did not finish (none was acknowledged)",
                    removed, tmp);
        }
    }

    /** Every well-named file under chunks/xx/; anything else is ignored. */
    List<ChunkId> listChunks() throws IOException {
        List<ChunkId> ids = new ArrayList<>();
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(chunks, Files::isDirectory)) {
            for (Path prefixDir : prefixes) {
                String prefix = prefixDir.getFileName().toString();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(prefixDir)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (isChunkName(name) && name.startsWith(prefix)
                                && prefix.length() == PREFIX_DIGITS && Files.isRegularFile(file)) {
                            ids.add(new ChunkId(name));
                        }
                    }
                }
            }
        }
        return ids;
    }

    /**
     * Up to {@code max} published chunks whose ids sort after {@code after} (null: from the
     * first), in id order. Reads one prefix directory at a time, so memory is bounded by the
     * largest prefix directory, not the store.
     */
    List<ChunkId> listChunksAfter(ChunkId after, int max) throws IOException {
        List<ChunkId> out = new ArrayList<>();
        int first = after == null ? 0 : Integer.parseInt(after.value().substring(0, PREFIX_DIGITS), 16);
        for (int p = first; p < 256 && out.size() < max; p++) {
            String prefix = String.format("%02x", p);
            Path dir = chunks.resolve(prefix);
            if (!Files.isDirectory(dir)) continue;
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (isChunkName(name) && name.startsWith(prefix)
                            && (after == null || name.compareTo(after.value()) > 0)) {
                        names.add(name);
                    }
                }
            } catch (NoSuchFileException gone) {
                continue;
            }
            names.sort(null);
            for (String name : names) {
                if (out.size() == max) break;
                out.add(new ChunkId(name));
            }
        }
        return out;
    }

    private static boolean isChunkName(String name) {
        try {
            new ChunkId(name);
            return true;
        } catch (IllegalArgumentException notAChunk) {
            return false;
        }
    }
}
