package dev.coffer.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules of INVARIANTS.md that the module graph cannot enforce, checked over the sources: only the
 * metadata module touches RocksDB, and only the routing package reads the URL.
 */
class LayeringTest {
    private static final Path API_SOURCES = Path.of("src/main/java/dev/coffer/api");

    @Test
    void onlyTheMetadataModuleImportsRocksDb() {
        List<Path> offenders = sourcesContaining("import org.rocksdb");
        assertTrue(offenders.isEmpty(), "api imports org.rocksdb in " + offenders);
    }

    @Test
    void handlersNeverParseTheUrlAgain() {
        List<Path> offenders = sourcesContaining("getURI()").stream()
                .filter(p -> p.startsWith(API_SOURCES.resolve("handler")) || p.startsWith(API_SOURCES.resolve("service")))
                .toList();
        assertTrue(offenders.isEmpty(), "handlers or services read the URL in " + offenders);
    }

    private static List<Path> sourcesContaining(String text) {
        try (Stream<Path> files = Files.walk(API_SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> read(p).contains(text)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
