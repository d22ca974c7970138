package dev.coffer.metadata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Damage done to a catalogue's RocksDB table files on purpose (bit rot). */
final class TableFiles {
    private TableFiles() {}

    /** Puts {@code key} in bucket "b" with 4000 random bytes inline (incompressible: stored as they are in a table file). */
    static byte[] putIncompressible(Catalog catalog, String key, long seed) {
        byte[] body = new byte[4000];
        new java.util.Random(seed).nextBytes(body);
        catalog.putObject("b", key, ObjectRecord.ofBody(body.length, "e", 1_000L, java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(), body, java.util.List.of()), WriteCondition.NONE);
        return body;
    }

    /** Flips one bit in the middle of {@code body} where it lies in a table file of the catalogue in {@code dir}. */
    static void flipABitOf(Path dir, byte[] body) throws Exception {
        byte[] needle = Arrays.copyOfRange(body, 1000, 1064);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path sst : files.filter(p -> p.toString().endsWith(".sst")).toList()) {
                byte[] bytes = Files.readAllBytes(sst);
                for (int at = 0; at + needle.length <= bytes.length; at++) {
                    if (Arrays.equals(bytes, at, at + needle.length, needle, 0, needle.length)) {
                        bytes[at + 32] ^= 0x10;
                        Files.write(sst, bytes);
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the object's bytes are in no table file");
    }
}
