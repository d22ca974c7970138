package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The objects a cluster IT wrote and had acknowledged, in bucket {@code data}: each one's bytes
 * and, for a write recorded by {@link #written}, the chunk ids it added on node 1 (the same on
 * every node holding them); every one reads back byte-identical through any node. Thread-safe: a
 * writer thread may record while the test reads.
 */
final class ClusterObjects {
    static final String BUCKET = "data";

    /** A write through the SDK; an exception means it was not acknowledged. */
    interface Write {
        void run() throws Exception;
    }

    private final LocalCluster cluster;
    private final Map<String, byte[]> bytes = new LinkedHashMap<>();
    private final Map<String, Set<String>> chunks = new LinkedHashMap<>();

    ClusterObjects(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Runs {@code write} of {@code key}; once it returned, records the bytes and the chunk files it added on node 1. */
    void written(String key, byte[] object, Write write) throws Exception {
        Set<String> before = cluster.chunkIds(1);
        write.run();
        Set<String> added = new HashSet<>(cluster.chunkIds(1));
        added.removeAll(before);
        synchronized (this) {
            bytes.put(key, object);
            chunks.put(key, added);
        }
    }

    /** Records {@code key}'s acknowledged bytes (its chunks not counted). */
    synchronized void acknowledged(String key, byte[] object) {
        bytes.put(key, object);
    }

    synchronized byte[] bytes(String key) {
        return bytes.get(key);
    }

    /** The chunk ids {@code key}'s last recorded write added on node 1. */
    synchronized Set<String> chunksOf(String key) {
        return chunks.get(key);
    }

    /** Every chunk id the recorded writes added. */
    synchronized Set<String> allChunks() {
        Set<String> all = new HashSet<>();
        chunks.values().forEach(all::addAll);
        return all;
    }

    /** Reads every recorded object through {@code client} and compares length and SHA-256. */
    void assertAllReadBack(S3Client client) throws Exception {
        Map<String, byte[]> expected;
        synchronized (this) {
            expected = new LinkedHashMap<>(bytes);
        }
        for (Map.Entry<String, byte[]> o : expected.entrySet()) {
            byte[] got = client.getObjectAsBytes(r -> r.bucket(BUCKET).key(o.getKey())).asByteArray();
            assertThat(got.length).as("length of %s", o.getKey()).isEqualTo(o.getValue().length);
            assertThat(sha256(got)).as("bytes of %s", o.getKey()).isEqualTo(sha256(o.getValue()));
        }
    }

    /** The SHA-256 of {@code bytes} in hex: a short assertion message for a large object. */
    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
