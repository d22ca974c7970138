package dev.coffer.api.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the data directory so that its entry survives a power cut: every directory created is
 * made durable by an fsync of its parent (a fresh install's first acknowledged writes depend on it).
 * A data directory created here is its owner's only (mode 0700): object bytes are stored
 * unencrypted unless SSE is asked for, and no other account on the machine may read them. One
 * that already exists keeps the mode its operator gave it.
 */
final class DurableDirectories {
    private DurableDirectories() {}

    static void create(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) missing.add(0, p);
        if (missing.isEmpty()) return;
        Files.createDirectories(absolute.getParent());
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(absolute);
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) throw raced; // another bean of this start made it first
        }
        for (Path created : missing) {
            if (created.getParent() == null) continue;
            try (FileChannel parent = FileChannel.open(created.getParent(), StandardOpenOption.READ)) {
                parent.force(true);
            }
        }
    }
}
