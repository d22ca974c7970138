package dev.coffer.compat.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The files of the server's chunk store (storage-engine/FORMAT.md, "Directory layout"). */
public final class StoreFiles {
    private final Path store;

    public StoreFiles(Path dataDir) {
        this.store = dataDir.resolve("chunks-store");
    }

    /** Published chunk files: {@code chunks/<xx>/<32 hex digits>}. */
    public long chunks() {
        return count(store.resolve("chunks"), p -> p.getFileName().toString().matches("[0-9a-f]{32}"));
    }

    /** Files in {@code tmp/}: writes a crash interrupted, which the store's open removes. */
    public long temporary() {
        return count(store.resolve("tmp"), p -> true);
    }

    public long quarantined() {
        return count(store.resolve("quarantine"), p -> true);
    }

    private static long count(Path dir, java.util.function.Predicate<Path> filter) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(filter).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
