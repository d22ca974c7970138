package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PutObject (If-None-Match: *, If-Match) and DeleteObject (If-Match: an ETag or *) conditions, checked by the command. */
class ConditionalWriteTest {
    @TempDir
    Path dir;

    Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, true);
        catalog.createBucket(Records.bucket("b"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void ifAbsentWritesANewKeyAndRefusesAnExistingOne() {
        assertTrue(catalog.putObject("b", "k", Records.inline("e1", "one"), new WriteCondition.IfAbsent()).isEmpty());
        ConditionalWriteConflict refused = assertThrows(ConditionalWriteConflict.class,
                () -> catalog.putObject("b", "k", Records.inline("e2", "two"), new WriteCondition.IfAbsent()));
        assertEquals("e1", catalog.getObject("b", "k").orElseThrow().etag(), "nothing written on conflict");
        assertEquals(new WriteCondition.IfAbsent(), refused.failed(), "the refusal names If-None-Match, not If-Match");
        assertEquals("b", refused.bucket());
        assertEquals("k", refused.key());
        assertTrue(refused.keyExisted());
    }

    @Test
    void ifEtagMatchesWritesOnlyOverTheSameEtag() {
        catalog.putObject("b", "k", Records.inline("e1", "one"), WriteCondition.NONE);
        assertThrows(ConditionalWriteConflict.class,
                () -> catalog.putObject("b", "k", Records.inline("e2", "two"), new WriteCondition.IfEtagMatches("other")));
        ObjectRecord old = catalog.putObject(
                "b", "k", Records.inline("e2", "two"), new WriteCondition.IfEtagMatches("e1")).orElseThrow();
        assertEquals("e1", old.etag());
        assertEquals("e2", catalog.getObject("b", "k").orElseThrow().etag());
    }

    @Test
    void ifEtagMatchesOnAMissingKeyConflicts() {
        ConditionalWriteConflict refused = assertThrows(ConditionalWriteConflict.class,
                () -> catalog.putObject("b", "none", Records.inline("e", "x"), new WriteCondition.IfEtagMatches("e")));
        assertTrue(catalog.getObject("b", "none").isEmpty());
        assertEquals(new WriteCondition.IfEtagMatches("e"), refused.failed());
        assertFalse(refused.keyExisted(), "S3 answers NoSuchKey here, and the refusal says why");
    }

    @Test
    void unconditionalPutReplacesAndReturnsTheOldRecord() {
        catalog.putObject("b", "k", Records.inline("e1", "one"), WriteCondition.NONE);
        assertEquals("e1", catalog.putObject("b", "k", Records.inline("e2", "two"), WriteCondition.NONE)
                .orElseThrow().etag());
    }

    @Test
    void putIntoMissingBucketFails() {
        assertThrows(NoSuchBucketException.class,
                () -> catalog.putObject("nope", "k", Records.inline("e", "x"), WriteCondition.NONE));
    }

    @Test
    void eightThreadsRacingIfAbsentOnOneKeyHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "race-" + round;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String etag = "writer-" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        catalog.putObject("b", key, Records.inline(etag, etag), new WriteCondition.IfAbsent());
                        return true;
                    } catch (ConditionalWriteConflict lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            String winner = null;
            for (int t = 0; t < 8; t++) {
                if (results.get(t).get()) {
                    winners++;
                    winner = "writer-" + t;
                }
            }
            pool.shutdown();
            assertEquals(1, winners, "round " + round);
            assertEquals(winner, catalog.getObject("b", key).orElseThrow().etag());
        }
    }

    // ---- conditional deletes: DeleteObject with If-Match (an ETag or *), judged on the current object

    @Test
    void matchingEtagDeletesAndAStaleOneChangesNothing() {
        catalog.putObject("b", "k", Records.chunked("e1", "c1"), WriteCondition.NONE);
        ConditionalWriteConflict refused = assertThrows(ConditionalWriteConflict.class,
                () -> catalog.versions().deleteLatest("b", "k", new WriteCondition.IfEtagMatches("stale"), null));
        assertTrue(refused.keyExisted());
        assertEquals("e1", catalog.getObject("b", "k").orElseThrow().etag(), "nothing deleted");
        assertTrue(catalog.gc().pending(Long.MAX_VALUE, 10).isEmpty(), "no chunk queued by the refused delete");

        DeleteOutcome done = catalog.versions().deleteLatest("b", "k", new WriteCondition.IfEtagMatches("e1"), null);
        assertEquals("e1", done.removed().etag());
        assertTrue(catalog.getObject("b", "k").isEmpty());
    }

    @Test
    void ifPresentDeletesAnyCurrentObjectAndRefusesAMissingKey() {
        catalog.putObject("b", "k", Records.inline("e1", "one"), WriteCondition.NONE);
        catalog.versions().deleteLatest("b", "k", new WriteCondition.IfPresent(), null);
        assertTrue(catalog.getObject("b", "k").isEmpty());

        ConditionalWriteConflict refused = assertThrows(ConditionalWriteConflict.class,
                () -> catalog.versions().deleteLatest("b", "k", new WriteCondition.IfPresent(), null));
        assertFalse(refused.keyExisted(), "S3 answers NoSuchKey, and the refusal says why");
        assertEquals(new WriteCondition.IfPresent(), refused.failed());
    }

    @Test
    void aDeleteMarkerAsTheLatestVersionIsNoObjectToMatch() {
        catalog.versions().setVersioning("b", Versioning.ENABLED);
        catalog.putObject("b", "k", Records.inline("e1", "one"), WriteCondition.NONE);
        DeleteOutcome marker = catalog.versions().deleteLatest("b", "k", new WriteCondition.IfEtagMatches("e1"), null);
        assertTrue(marker.deleteMarker());

        for (WriteCondition c : new WriteCondition[] {new WriteCondition.IfPresent(), new WriteCondition.IfEtagMatches("e1")}) {
            ConditionalWriteConflict refused = assertThrows(ConditionalWriteConflict.class,
                    () -> catalog.versions().deleteLatest("b", "k", c, null), c.toString());
            assertFalse(refused.keyExisted(), "the version under the marker is not looked at");
        }
        assertEquals(2, catalog.versions().list(new VersionsQuery("b", "", null, null, null, 100)).versions().size(),
                "no second marker was added");
    }

    @Test
    void aConditionalDeleteInAVersionedBucketAddsAMarkerOverTheMatchedVersion() {
        catalog.versions().setVersioning("b", Versioning.ENABLED);
        catalog.putObject("b", "k", Records.inline("e1", "one"), WriteCondition.NONE);
        catalog.putObject("b", "k", Records.inline("e2", "two"), WriteCondition.NONE);
        assertThrows(ConditionalWriteConflict.class,
                () -> catalog.versions().deleteLatest("b", "k", new WriteCondition.IfEtagMatches("e1"), null),
                "only the current version's ETag counts");
        assertTrue(catalog.versions().deleteLatest("b", "k", new WriteCondition.IfEtagMatches("e2"), null).deleteMarker());
    }
}
