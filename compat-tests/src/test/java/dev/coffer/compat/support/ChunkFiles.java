package dev.coffer.compat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files of the server's chunk store (chunks and temporary files), to show that a refused
 * upload left nothing behind. Only meaningful for the in-process server.
 */
public final class ChunkFiles {
    private final Set<Path> before;
    private final Path root;

    private ChunkFiles(Path root) {
        this.root = root;
        this.before = list(root);
    }

    /** Remembers the files there are now. */
    public static ChunkFiles snapshot(CofferServer server) {
        return new ChunkFiles(server.dataDir() == null ? null : server.dataDir().resolve("chunks-store"));
    }

    /** Asserts that no file appeared since the snapshot (files may have gone: the collector runs). */
    public void assertNoNewFile(String what) {
        assertThat(added()).as("chunk-store files left behind by %s", what).isEmpty();
    }

    /** The files that appeared since the snapshot (empty for an external server). */
    public Set<Path> added() {
        if (root == null) return Set.of();
        Set<Path> added = new HashSet<>(list(root));
        added.removeAll(before);
        return added;
    }

    /**
     * Waits, at most {@code bound}, until none of {@code files} is left; returns those still there.
     * For work the server finishes after it answered (an abort on a closed connection, the collector).
     */
    public static Set<Path> awaitGone(Set<Path> files, java.time.Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Set<Path> left = files.stream().filter(Files::exists).collect(Collectors.toSet());
            if (left.isEmpty() || System.nanoTime() > deadline) return left;
            Thread.sleep(100);
        }
    }

    private static Set<Path> list(Path root) {
        if (root == null || !Files.isDirectory(root)) return Set.of();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
