package dev.coffer.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Real durability calls that also remember what a power cut would keep, so that {@link #powerLoss}
 * can throw the rest away. The model, for the store's {@code chunks/} and {@code tmp/} trees:
 *
 * <ul>
 *   <li>a file keeps only the bytes it had at its last {@code force} (none if never forced);
 *   <li>a name in a directory survives only if that directory was fsynced while the name was in
 *       it (a rename whose target directory was not fsynced is lost, and so is a created file);
 *   <li>a renamed file carries its forced length to its new name.
 * </ul>
 *
 * It can also cut the power before a given later call ({@link #cutPowerAfter}), by throwing
 * {@link PowerCut}: an {@link Error}, so the writer's clean-up paths (which catch IOException and
 * RuntimeException) do not run, as they would not in a real crash.
 */
public final class PowerLossOps implements DurabilityOps {
    /** The power went out: nothing after this point ran. */
    public static final class PowerCut extends Error {
        PowerCut(int call) {
            super("power cut before durability call " + call);
        }
    }

    private final Path root;
    private final Map<Path, Long> forcedLength = new HashMap<>();
    private final Map<Path, Set<String>> durableNames = new HashMap<>();
    private boolean forceIsALie;
    private int calls;
    private int cutBefore = -1;

    public PowerLossOps(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** Cuts the power before the {@code n}-th durability call from now (0 = the next one). */
    public synchronized void cutPowerAfter(int n) {
        this.cutBefore = calls + n;
    }

    /** Makes {@code force} a no-op that reports success: a broken disk, to show the model notices. */
    PowerLossOps withForceThatDoesNothing() {
        this.forceIsALie = true;
        return this;
    }

    /** Durability calls made so far. */
    public synchronized int calls() {
        return calls;
    }

    /**
     * A durability point outside the chunk store that this model's cut counts too: a catalogue
     * command whose WAL record is synced when it returns (the api's power-loss tests).
     *
     * @throws PowerCut if the power goes out before it
     */
    public synchronized void point() {
        step();
    }

    /** Opens the chunk store under this model's root with its durability calls going through it. */
    public ChunkStore open(long maxChunkSize) throws IOException {
        return ChunkStore.open(root, maxChunkSize, this);
    }

    @Override
    public synchronized void force(FileChannel channel, Path file) throws IOException {
        step();
        if (forceIsALie) return;
        REAL.force(channel, file);
        forcedLength.put(file.toAbsolutePath(), channel.size());
    }

    @Override
    public synchronized void atomicMove(Path from, Path to) throws IOException {
        step();
        REAL.atomicMove(from, to);
        Long forced = forcedLength.remove(from.toAbsolutePath());
        if (forced != null) forcedLength.put(to.toAbsolutePath(), forced);
    }

    @Override
    public synchronized void fsyncDirectory(Path dir) throws IOException {
        step();
        REAL.fsyncDirectory(dir);
        durableNames.put(dir.toAbsolutePath(), namesIn(dir));
    }

    /**
     * Drops what the power cut would have lost under {@code chunks/} and {@code tmp/}.
     * REQUIRES: the store is closed (as after a crash, nothing of the old process runs on).
     */
    public synchronized void powerLoss() throws IOException {
        Path chunks = root.resolve("chunks");
        Set<String> durablePrefixes = durableNames.getOrDefault(chunks, Set.of());
        for (String prefix : namesIn(chunks)) {
            Path prefixDir = chunks.resolve(prefix);
            if (!durablePrefixes.contains(prefix)) {
                deleteTree(prefixDir);
                continue;
            }
            keepOnlyDurable(prefixDir);
        }
        keepOnlyDurable(root.resolve("tmp"));
    }

    private void keepOnlyDurable(Path dir) throws IOException {
        Set<String> durable = durableNames.getOrDefault(dir, Set.of());
        for (String name : namesIn(dir)) {
            Path file = dir.resolve(name);
            if (!durable.contains(name)) {
                Files.delete(file);
                continue;
            }
            long keep = forcedLength.getOrDefault(file, 0L);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                if (channel.size() > keep) channel.truncate(keep);
            }
        }
    }

    /** Counts a call; at the cut, and at every call after it (nothing of the dead process runs), throws. */
    private void step() {
        if (cutBefore >= 0 && calls >= cutBefore) throw new PowerCut(cutBefore);
        calls++;
    }

    private static Set<String> namesIn(Path dir) throws IOException {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(dir)) return names;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) names.add(entry.getFileName().toString());
        }
        return names;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
