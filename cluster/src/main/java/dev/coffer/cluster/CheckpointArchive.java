package dev.coffer.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A RocksDB checkpoint (a flat directory of files) packed into the one snapshot file that Ratis
 * ships to a lagging or new member, and unpacked there. Ratis checks the file's MD5 on arrival.
 */
final class CheckpointArchive {
    private CheckpointArchive() {}

    /** Packs every file of {@code dir} into {@code archive}, written beside it and renamed into place. */
    static void pack(Path dir, Path archive) throws IOException {
        Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp);
                ZipOutputStream zip = new ZipOutputStream(file);
                DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Unpacks {@code archive} into {@code dir} (created; must not exist). */
    static void unpack(Path archive, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream file = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.getParent().equals(dir.normalize())) {
                    throw new IOException("unexpected entry in checkpoint archive: " + e.getName());
                }
                Files.copy(zip, target);
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
