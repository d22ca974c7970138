package dev.coffer.api.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the data directory so that its entry survives a power cut: every directory created is
 * made durable by an fsync of its parent (a fresh install's first acknowledged writes depend on it).
 */
final class DurableDirectories {
    private DurableDirectories() {}

    static void create(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) missing.add(0, p);
        Files.createDirectories(absolute);
        for (Path created : missing) {
            if (created.getParent() == null) continue;
            try (FileChannel parent = FileChannel.open(created.getParent(), StandardOpenOption.READ)) {
                parent.force(true);
            }
        }
    }
}
