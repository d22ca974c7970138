package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListObjectVersions paging: every page walk adds up to the one-page listing, with and without a delimiter. */
class VersionListingTest {
    @TempDir
    Path dir;

    Catalog catalog;
    ObjectVersions versions;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        catalog.createBucket(Records.bucket("b"));
        versions = catalog.versions();
        Random random = new Random(7);
        List<String> keys = List.of("a", "a/1", "a/2", "a/b/c", "b", "b\0x", "c/", "c/d", "d\uFFFF", "d\uD83D\uDE00", "e");
        for (String key : keys) {
            versions.publish("b", key, Records.inline("n-" + key, key), WriteCondition.NONE); // unversioned null
        }
        versions.setVersioning("b", Versioning.ENABLED);
        for (int i = 0; i < 60; i++) {
            String key = keys.get(random.nextInt(keys.size()));
            if (i == 40) {
                versions.setVersioning("b", Versioning.SUSPENDED);
            }
            if (i == 50) {
                versions.setVersioning("b", Versioning.ENABLED);
            }
            if (random.nextInt(4) == 0) {
                versions.deleteLatest("b", key);
            } else {
                versions.publish("b", key, Records.inline("e" + i, key), WriteCondition.NONE);
            }
        }
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private VersionsPage page(String prefix, String delimiter, String keyMarker, String versionMarker, int max) {
        return versions.list(new VersionsQuery("b", prefix, delimiter, keyMarker, versionMarker, max));
    }

    /** Versions in their order, with each common prefix merged in where its key order puts it. */
    private static List<String> entries(VersionsPage page) {
        List<String> out = new ArrayList<>();
        int p = 0;
        for (VersionsPage.Entry e : page.versions()) {
            while (p < page.commonPrefixes().size() && ListingOracle.compare(page.commonPrefixes().get(p), e.key()) < 0) {
                out.add("P:" + page.commonPrefixes().get(p++));
            }
            out.add(e.key() + "@" + e.versionId() + (e.latest() ? "*" : ""));
        }
        page.commonPrefixes().subList(p, page.commonPrefixes().size()).forEach(cp -> out.add("P:" + cp));
        return out;
    }

    /** The flat listing rolled up by hand: what a delimiter listing must return. */
    private List<String> rolledUp(String prefix, String delimiter) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (VersionsPage.Entry e : page(prefix, null, null, null, 1000).versions()) {
            int at = e.key().indexOf(delimiter, prefix.length());
            out.add(at < 0 ? e.key() + "@" + e.versionId() + (e.latest() ? "*" : "") : "P:" + e.key().substring(0, at + 1));
        }
        return new ArrayList<>(out);
    }

    private List<String> walk(String prefix, String delimiter, int max) {
        List<String> out = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        for (int pages = 0; pages < 10_000; pages++) {
            VersionsPage p = page(prefix, delimiter, keyMarker, versionMarker, max);
            assertTrue(p.versions().size() + p.commonPrefixes().size() <= max);
            out.addAll(entries(p));
            if (!p.truncated()) {
                return out;
            }
            keyMarker = p.nextKeyMarker();
            versionMarker = p.nextVersionIdMarker();
        }
        throw new AssertionError("no end");
    }

    @Test
    void everyKeyHasExactlyOneLatestAndVersionsAreNewestFirst() {
        VersionsPage all = page("", null, null, null, 1000);
        assertFalse(all.truncated());
        String lastKey = null;
        String lastId = null;
        for (VersionsPage.Entry e : all.versions()) {
            boolean newKey = !e.key().equals(lastKey);
            assertEquals(newKey, e.latest(), e.key() + "@" + e.versionId());
            if (!newKey && !e.versionId().equals("null") && lastId != null && !lastId.equals("null")) {
                assertTrue(lastId.compareTo(e.versionId()) > 0, "newest first within " + e.key());
            }
            if (lastKey != null && newKey) {
                assertTrue(ListingOracle.compare(lastKey, e.key()) < 0, "keys in UTF-8 byte order");
            }
            lastKey = e.key();
            lastId = e.versionId();
        }
    }

    @Test
    void pageWalksAddUpToTheFullListingAtEveryPageSize() {
        List<String> full = entries(page("", null, null, null, 1000));
        for (int max = 1; max <= 5; max++) {
            assertEquals(full, walk("", null, max), "max-keys " + max);
        }
    }

    @Test
    void delimiterListingRollsUpAndPagesExactly() {
        for (String prefix : List.of("", "a/", "c")) {
            List<String> expected = rolledUp(prefix, "/");
            assertEquals(expected, entries(page(prefix, "/", null, null, 1000)), "prefix " + prefix);
            for (int max = 1; max <= 4; max++) {
                assertEquals(expected, walk(prefix, "/", max), "prefix " + prefix + " max-keys " + max);
            }
        }
    }

    @Test
    void keyMarkerAloneSkipsEveryVersionOfThatKey() {
        List<String> keys = page("", null, "b", null, 1000).versions().stream().map(VersionsPage.Entry::key).toList();
        assertTrue(keys.stream().allMatch(k -> ListingOracle.compare(k, "b") > 0), keys.toString());
    }

    @Test
    void listingObjectsSeesOnlyCurrentVersions() {
        List<String> latestLive = page("", null, null, null, 1000).versions().stream()
                .filter(e -> e.latest() && !e.record().deleteMarker()).map(VersionsPage.Entry::key).toList();
        assertEquals(latestLive, KeyOrderingTest.keys(catalog.list(new ListQuery("b", "", null, null, 1000))));
    }
}
