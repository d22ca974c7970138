package dev.coffer.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.storage.PowerLossOps;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A sequence of writes run with the power cut before its 0th, 1st, … durability point (a chunk
 * store call or a catalogue command), until a run gets through; after each cut the node starts
 * again ({@link PowerLossRig#afterTheCut}) and must show every acknowledged write whole, the write
 * in flight either whole or not at all, and no chunk file that nothing names.
 */
final class PowerCutRun {
    /** What the catalogue must show: buckets, each key's current bytes, versions kept by id. */
    static final class Expected {
        final Set<String> buckets = new HashSet<>();
        /** "bucket/key" → the current version's bytes; null: none, or a delete marker. */
        final Map<String, byte[]> current = new HashMap<>();
        /** "bucket/key/versionId" → that version's bytes. */
        final Map<String, byte[]> versions = new HashMap<>();

        Expected copy() {
            Expected e = new Expected();
            e.buckets.addAll(buckets);
            e.current.putAll(current);
            e.versions.putAll(versions);
            return e;
        }
    }

    /** One write: it changes what is expected by {@code effect} once it is acknowledged. */
    interface Scenario {
        void run(PowerCutRun run, PowerLossRig rig) throws Exception;
    }

    interface Write<T> {
        T call() throws Exception;
    }

    private Expected acked = new Expected();
    /** While a write is in flight: what is expected if it got through; else null. */
    private Expected pending;

    /** Runs {@code write}; once it returns it is acknowledged, and {@code effect} is what it changed. */
    <T> T step(Consumer<Expected> effect, Write<T> write) throws Exception {
        pending = acked.copy();
        effect.accept(pending);
        T result = write.call();
        acked = pending;
        pending = null;
        return result;
    }

    /** A version an acknowledged write made, known by its id once the write returned. */
    void keep(String bucket, String key, String versionId, byte[] bytes) {
        acked.versions.put(bucket + "/" + key + "/" + versionId, bytes);
    }

    /** @return the durability points of the scenario when nothing cuts it */
    static int everyCut(Path dir, String name, Scenario scenario) throws Exception {
        for (int cut = 0; cut < 500; cut++) {
            Path root = dir.resolve(name + "-" + cut);
            PowerLossOps ops = new PowerLossOps(root.resolve("chunks"));
            PowerCutRun run = new PowerCutRun();
            boolean through = false;
            try (PowerLossRig rig = PowerLossRig.beforeTheCut(root, ops)) {
                ops.cutPowerAfter(cut);
                try {
                    scenario.run(run, rig);
                    through = true;
                } catch (Throwable t) {
                    if (!isPowerCut(t)) throw t;
                }
            }
            ops.powerLoss();
            try (PowerLossRig rig = PowerLossRig.afterTheCut(root)) {
                run.check(rig, name + ", power cut before durability point " + cut);
            }
            if (through) return cut;
        }
        throw new AssertionError(name + ": still cut after 500 durability points");
    }

    private void check(PowerLossRig rig, String at) throws Exception {
        Expected after = pending == null ? acked : pending;
        Set<String> buckets = new TreeSet<>(acked.buckets);
        buckets.addAll(after.buckets);
        for (String bucket : buckets) {
            boolean exists = rig.catalog.getBucket(bucket).isPresent();
            assertThat(exists == acked.buckets.contains(bucket) || exists == after.buckets.contains(bucket))
                    .as(at + ": bucket " + bucket + " exists: " + exists).isTrue();
        }
        Set<String> keys = new TreeSet<>(acked.current.keySet());
        keys.addAll(after.current.keySet());
        for (String path : keys) {
            int slash = path.indexOf('/');
            byte[] read = readable(at + ": " + path, () -> rig.current(path.substring(0, slash), path.substring(slash + 1)));
            assertThat(Arrays.equals(read, acked.current.get(path)) || Arrays.equals(read, after.current.get(path)))
                    .as(at + ": " + path + " reads as acknowledged (or as the write in flight made it), whole; read "
                            + (read == null ? "nothing" : read.length + " bytes")).isTrue();
        }
        for (Map.Entry<String, byte[]> kept : acked.versions.entrySet()) {
            if (!after.versions.containsKey(kept.getKey())) continue; // the write in flight removes it
            String[] parts = kept.getKey().split("/", 3);
            byte[] read = readable(at + ": version " + kept.getKey(), () -> rig.version(parts[0], parts[1], parts[2]));
            assertThat(read).as(at + ": version " + kept.getKey()).isEqualTo(kept.getValue());
        }
        assertThat(rig.unreferencedChunks()).as(at + ": chunk files nothing names, after the sweep and GC").isEmpty();
    }

    /** What {@code read} gives; a chunk that is gone or damaged fails the test naming {@code what}. */
    private static byte[] readable(String what, Write<byte[]> read) throws Exception {
        try {
            return read.call();
        } catch (java.io.IOException e) {
            throw new AssertionError(what + " does not read back: " + e, e);
        }
    }

    private static boolean isPowerCut(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PowerLossOps.PowerCut) return true;
        }
        return false;
    }
}
