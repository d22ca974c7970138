package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketLifecycleTest {
    @TempDir
    Path dir;

    Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void createBucketOfAnExistingNameIsRefusedAndKeepsTheFirst() {
        catalog.createBucket(new BucketRecord("b", 1, "us-east-1", "alice"));
        BucketExistsException refused = assertThrows(BucketExistsException.class,
                () -> catalog.createBucket(new BucketRecord("b", 2, "eu-west-1", "bob")));
        assertEquals("b", refused.bucket());
        assertEquals("alice", catalog.getBucket("b").orElseThrow().owner());
    }

    @Test
    void listBucketsPagesByPrefixAfterANameAndRegion() {
        for (String n : List.of("app-a", "app-b", "app-c", "apq", "ap", "logs")) {
            catalog.createBucket(new BucketRecord(n, 1, n.equals("app-b") ? "eu-west-1" : "us-east-1", "o"));
        }
        assertEquals(List.of("app-a", "app-b"), names(catalog.listBuckets("app-", null, null, 2)));
        assertEquals(List.of("app-c"), names(catalog.listBuckets("app-", "app-b", null, 2)));
        assertEquals(List.of(), names(catalog.listBuckets("app-", "app-c", null, 2)));
        assertEquals(List.of("app-a", "app-c"), names(catalog.listBuckets("app-", null, "us-east-1", 5)));
        assertEquals(List.of("ap", "app-a", "app-b", "app-c", "apq", "logs"), names(catalog.listBuckets("", null, null, 10)));
        assertEquals(List.of("apq", "logs"), names(catalog.listBuckets("", "app-c", null, 10)));
        assertEquals(List.of("app-a"), names(catalog.listBuckets("app-", "a", null, 1)), "an earlier name starts at the prefix");
    }

    private static List<String> names(List<BucketRecord> buckets) {
        return buckets.stream().map(BucketRecord::name).toList();
    }

    @Test
    void listBucketsIsInNameOrder() {
        List.of("zeta", "alpha", "mid").forEach(n -> catalog.createBucket(Records.bucket(n)));
        assertEquals(List.of("alpha", "mid", "zeta"), catalog.listBuckets().stream().map(BucketRecord::name).toList());
    }

    @Test
    void deleteBucketRefusesANonEmptyBucket() {
        catalog.createBucket(Records.bucket("b"));
        catalog.putObject("b", "k", Records.inline("e", "x"), WriteCondition.NONE);
        assertThrows(BucketNotEmptyException.class, () -> catalog.deleteBucket("b"));
        assertTrue(catalog.getBucket("b").isPresent());
        catalog.deleteObject("b", "k");
        catalog.deleteBucket("b");
        assertTrue(catalog.getBucket("b").isEmpty());
    }

    @Test
    void deleteOfAMissingBucketFails() {
        assertThrows(NoSuchBucketException.class, () -> catalog.deleteBucket("nope"));
    }

    @Test
    void closedCatalogRefusesCallsInsteadOfCrashing() {
        catalog.close();
        assertThrows(IllegalStateException.class, () -> catalog.getBucket("b"));
    }

    @Test
    void putRacingDeleteBucketNeverLeavesAnObjectInADeletedBucket() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 50; round++) {
                catalog.createBucket(Records.bucket("r"));
                String key = "k" + round;
                Future<?> put = pool.submit(() -> {
                    try {
                        catalog.putObject("r", key, Records.inline("e", "x"), WriteCondition.NONE);
                    } catch (NoSuchBucketException tooLate) {
                        // the delete won
                    }
                });
                Future<?> delete = pool.submit(() -> {
                    try {
                        catalog.deleteBucket("r");
                    } catch (BucketNotEmptyException tooLate) {
                        // the put won
                    }
                });
                put.get();
                delete.get();
                boolean bucketExists = catalog.getBucket("r").isPresent();
                boolean objectExists = catalog.getObject("r", key).isPresent();
                assertTrue(bucketExists || !objectExists, "object left in deleted bucket, round " + round);
                if (objectExists) {
                    catalog.deleteObject("r", key);
                }
                if (bucketExists) {
                    catalog.deleteBucket("r");
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
