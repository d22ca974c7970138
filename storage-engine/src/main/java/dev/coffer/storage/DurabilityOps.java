package dev.coffer.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The three calls the publish protocol's safety rests on, as a seam: tests record their order
 * and make them fail. Production uses {@link #REAL}.
 */
interface DurabilityOps {

    /** Forces the data and metadata of {@code file}, open in {@code channel}, to disk. */
    void force(FileChannel channel, Path file) throws IOException;

    /** Renames {@code from} to {@code to} atomically. REQUIRES: both on one file system. */
    void atomicMove(Path from, Path to) throws IOException;

    /** Makes the entries of {@code dir} durable. */
    void fsyncDirectory(Path dir) throws IOException;

    DurabilityOps REAL = new DurabilityOps() {
        @Override
        public void force(FileChannel channel, Path file) throws IOException {
            channel.force(true);
        }

        @Override
        public void atomicMove(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void fsyncDirectory(Path dir) throws IOException {
            FileIo.fsyncDirectory(dir);
        }
    };
}
