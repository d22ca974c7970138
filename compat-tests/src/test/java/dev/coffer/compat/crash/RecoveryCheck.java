package dev.coffer.compat.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.TestData;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a restarted server must show after a kill: each key one whole version its ledger allows,
 * listings that agree with GETs, and a chunk store holding exactly the chunks the objects need.
 */
public final class RecoveryCheck {
    /** What one check saw. */
    public record Seen(int keys, int present, int inFlight, int inFlightLanded) {}

    /** An object as a GET or a listing shows it. */
    private record Shown(long size, String etag) {}

    private final S3Client s3;
    private final String bucket;
    private final KeyLedger ledger;
    private final StoreFiles files;

    public RecoveryCheck(S3Client s3, String bucket, KeyLedger ledger, StoreFiles files) {
        this.s3 = s3;
        this.bucket = bucket;
        this.ledger = ledger;
        this.files = files;
    }

    /** Runs every check; on success each key's observed version becomes its new baseline. */
    public Seen verify(String round) throws InterruptedException {
        assertThat(files.temporary()).as("%s: files left in tmp/ after the restart", round).isZero();
        Map<String, Shown> byGet = new HashMap<>();
        Map<String, Optional<Payload>> observed = new HashMap<>();
        int inFlight = 0;
        int landed = 0;
        for (String key : ledger.keys()) {
            Set<Optional<Payload>> allowed = ledger.allowed(key);
            Optional<Payload> seen = read(round, key, byGet);
            assertThat(allowed).as("%s: %s shows %s; allowed: the last acknowledged or the in-flight request",
                    round, key, describe(seen)).contains(seen);
            if (ledger.wasInFlight(key)) {
                inFlight++;
                if (allowed.size() == 2 && !seen.equals(allowed.iterator().next())) landed++;
            }
            observed.put(key, seen);
        }
        assertThat(listed()).as("%s: ListObjectsV2 agrees with GET on keys, sizes and ETags", round).isEqualTo(byGet);
        assertThat(files.quarantined()).as("%s: chunks quarantined as corrupt", round).isZero();
        assertChunkFilesSettleAt(expectedChunkFiles(byGet), round);
        observed.forEach(ledger::settle);
        return new Seen(observed.size(), byGet.size(), inFlight, landed);
    }

    /** GETs {@code key}; a body must be exactly the write its header names, with that write's ETag. */
    private Optional<Payload> read(String round, String key, Map<String, Shown> byGet) {
        ResponseBytes<GetObjectResponse> got;
        try {
            got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        }
        byte[] body = got.asByteArray();
        Optional<Payload> claimed = Payload.claimedBy(body);
        assertThat(claimed).as("%s: %s (%d bytes) starts with a write's header", round, key, body.length).isPresent();
        assertThat(claimed.get().key()).as("%s: %s holds bytes written to it", round, key).isEqualTo(key);
        assertThat(Arrays.equals(body, claimed.get().bytes()))
                .as("%s: %s is exactly seq %d (%d bytes written, %d read): no truncation, no mix",
                        round, key, claimed.get().seq(), claimed.get().size(), body.length)
                .isTrue();
        assertThat(got.response().eTag()).as("%s: %s ETag is the MD5 of its bytes", round, key)
                .isEqualTo(TestData.etagOf(body));
        byGet.put(key, new Shown(body.length, got.response().eTag()));
        return claimed;
    }

    private Map<String, Shown> listed() {
        Map<String, Shown> listed = new HashMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            listed.put(o.key(), new Shown(o.size(), o.eTag()));
        }
        return listed;
    }

    /** Inline objects have no chunk file; a larger one has one per started MiB. */
    private static long expectedChunkFiles(Map<String, Shown> objects) {
        long expected = 0;
        for (Shown o : objects.values()) {
            if (o.size() > KillableServer.INLINE_THRESHOLD) {
                expected += (o.size() + KillableServer.MAX_CHUNK_SIZE - 1) / KillableServer.MAX_CHUNK_SIZE;
            }
        }
        return expected;
    }

    /**
     * Orphans are gone once the start-up sweep ran; chunks of versions superseded before the kill
     * stay queued in the catalogue until the collector's next pass (grace 0 s here), so the count
     * is awaited, for a bounded time, rather than read once.
     */
    private void assertChunkFilesSettleAt(long expected, String round) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        long actual = -1;
        while (System.nanoTime() < deadline) {
            try {
                actual = files.chunks();
            } catch (UncheckedIOException collectorDeletedAFileDuringTheWalk) {
                continue;
            }
            assertThat(actual).as("%s: chunk files (a referenced chunk is missing)", round)
                    .isGreaterThanOrEqualTo(expected);
            if (actual == expected) return;
            Thread.sleep(200);
        }
        assertThat(actual).as("%s: chunk files on disk vs chunks the listed objects need", round).isEqualTo(expected);
    }

    private static String describe(Optional<Payload> version) {
        return version.map(p -> "seq " + p.seq() + " (" + p.size() + " bytes)").orElse("no object");
    }
}
