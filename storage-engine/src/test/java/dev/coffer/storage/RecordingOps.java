package dev.coffer.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real durability calls, logged in order as "force x", "move x y", "fsync d"; can fail one. */
final class RecordingOps implements DurabilityOps {
    final List<String> events = new ArrayList<>();
    private final Path root;
    private String failOn = "";
    private int failAfter;
    private String failure = "injected failure at ";

    RecordingOps(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** As {@link #failOn}, failing as a full disk does (ENOSPC's message). */
    RecordingOps diskFullOn(String prefix, int skip) {
        this.failure = "No space left on device, at ";
        return failOn(prefix, skip);
    }

    /** The {@code skip}+1-th call whose event starts with {@code prefix} throws. */
    RecordingOps failOn(String prefix, int skip) {
        this.failOn = prefix;
        this.failAfter = skip;
        return this;
    }

    @Override
    public void force(FileChannel channel, Path file) throws IOException {
        record("force " + name(file));
        REAL.force(channel, file);
    }

    @Override
    public void atomicMove(Path from, Path to) throws IOException {
        record("move " + name(from) + " " + name(to));
        REAL.atomicMove(from, to);
    }

    @Override
    public void fsyncDirectory(Path dir) throws IOException {
        record("fsync " + name(dir));
        REAL.fsyncDirectory(dir);
    }

    private void record(String event) throws IOException {
        events.add(event);
        if (!failOn.isEmpty() && event.startsWith(failOn) && failAfter-- == 0) {
            throw new IOException(failure + event);
        }
    }

    private String name(Path path) {
        return root.relativize(path.toAbsolutePath()).toString();
    }
}
