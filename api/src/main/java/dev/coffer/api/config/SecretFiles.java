package dev.coffer.api.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Secrets Coffer generates and keeps in its data directory (the root key pair, the metrics
 * token): written whole or not at all, readable by the owner only (mode 0600).
 */
public final class SecretFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {}

    /**
     * Writes {@code content} to {@code file} through a 0600 temporary file, synced, then renamed over
     * it; a missing directory is created as the data directory is ({@link DurableDirectories}).
     */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        DurableDirectories.create(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
            out.write(content);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code length} characters drawn uniformly from {@code alphabet} by a SecureRandom. */
    public static String random(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return sb.toString();
    }
}
