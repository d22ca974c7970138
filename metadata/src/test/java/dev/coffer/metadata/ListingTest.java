package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingTest {
    @TempDir
    Path dir;

    Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        catalog.createBucket(Records.bucket("b"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private void put(String... keys) {
        for (String k : keys) {
            catalog.putObject("b", k, Records.inline("etag-" + k, k), WriteCondition.NONE);
        }
    }

    private ListPage list(String prefix, String delimiter, String after, int maxKeys) {
        return catalog.list(new ListQuery("b", prefix, delimiter, after, maxKeys));
    }

    /** Keys and common prefixes of a page, in order. */
    private static List<String> entries(ListPage page) {
        List<String> out = new ArrayList<>(KeyOrderingTest.keys(page));
        out.addAll(page.commonPrefixes());
        out.sort(ListingOracle::compare);
        return out;
    }

    @Test
    void flatListingReturnsEveryKeyWithItsRecord() {
        put("b/1", "a", "c");
        ListPage page = list("", null, null, 1000);
        assertEquals(List.of("a", "b/1", "c"), KeyOrderingTest.keys(page));
        assertEquals("etag-b/1", page.objects().get(1).object().etag());
        assertFalse(page.truncated());
        assertEquals("c", page.lastEntry());
    }

    @Test
    void prefixLimitsTheRange() {
        put("photo", "photos/1", "photos/2", "photot", "p");
        assertEquals(List.of("photos/1", "photos/2"), KeyOrderingTest.keys(list("photos/", null, null, 10)));
    }

    @Test
    void delimiterRollsUpToTheFirstDelimiterAfterThePrefix() {
        put("a", "b/1", "b/2/x", "c/", "c/d", "top/sub/deep");
        ListPage root = list("", "/", null, 10);
        assertEquals(List.of("a"), KeyOrderingTest.keys(root));
        assertEquals(List.of("b/", "c/", "top/"), root.commonPrefixes());
        ListPage under = list("top/", "/", null, 10);
        assertEquals(List.of("top/sub/"), under.commonPrefixes());
    }

    @Test
    void afterIsExclusive() {
        put("a", "b", "c");
        assertEquals(List.of("c"), KeyOrderingTest.keys(list("", null, "b", 10)));
        assertEquals(List.of("b", "c"), KeyOrderingTest.keys(list("", null, "a0", 10)));
    }

    @Test
    void pageEndingRightBeforeCommonPrefixIsTruncated() {
        put("a", "b", "c/1", "c/2");
        ListPage first = list("", "/", null, 2);
        assertEquals(List.of("a", "b"), KeyOrderingTest.keys(first));
        assertTrue(first.truncated(), "the next entry is the common prefix c/");
        ListPage second = list("", "/", first.lastEntry(), 2);
        assertEquals(List.of("c/"), second.commonPrefixes());
        assertFalse(second.truncated());
        assertEquals("c/", second.lastEntry());
    }

    @Test
    void afterEqualToCommonPrefixSkipsIt() {
        put("a", "b/1", "b/2", "c");
        ListPage page = list("", "/", "b/", 10);
        assertEquals(List.of("c"), KeyOrderingTest.keys(page));
        assertEquals(List.of(), page.commonPrefixes());
    }

    @Test
    void afterInsideCommonPrefixDoesNotReemitIt() {
        put("b/1", "b/2");
        ListPage page = list("", "/", "b/1", 1);
        assertEquals(List.of(), entries(page));
        assertFalse(page.truncated());
        assertNull(page.lastEntry());
        assertFalse(list("", "/", "b/1", 0).truncated());
    }

    @Test
    void maxKeysZeroReturnsNothingAndSaysWhetherAnythingMatches() {
        put("a/1");
        ListPage any = list("", "/", null, 0);
        assertEquals(List.of(), entries(any));
        assertTrue(any.truncated());
        assertFalse(list("z", "/", null, 0).truncated());
    }

    @Test
    void lastPageFullToTheBrimIsNotTruncated() {
        put("a", "b");
        ListPage page = list("", null, null, 2);
        assertEquals(2, page.objects().size());
        assertFalse(page.truncated());
    }

    @Test
    void listingAMissingBucketFails() {
        assertThrows(NoSuchBucketException.class, () -> catalog.list(new ListQuery("nope", "", null, null, 1)));
    }

    static final List<String> KEYS = List.of(
            "a", "b/1", "b/2", "b/3/x", "c", "c/", "c/d", "d//e", "d/2", "photos/2024/a.jpg",
            "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/readme", "é/1", "😀/x", "\uFFFF/y", "z");

    @Test
    void pageByPageWalkEqualsOneShotListingForEveryPageSize() {
        put(KEYS.toArray(String[]::new));
        List<String> prefixes = List.of("", "b", "b/", "c", "d/", "photos/", "photos/2024/", "nope");
        List<String> delimiters = java.util.Arrays.asList(null, "/", "//", "/2");
        List<String> afters = java.util.Arrays.asList(
                null, "", "a", "b/", "b/1", "b/3/", "c", "photos/2024/", "photos/2024/a.jpg", "zz", "\uFFFF");
        int combinations = 0;
        for (String prefix : prefixes) {
            for (String delimiter : delimiters) {
                for (String after : afters) {
                    List<String> expected = ListingOracle.entries(KEYS, prefix, delimiter, after);
                    String label = "prefix=" + prefix + " delimiter=" + delimiter + " after=" + after;
                    ListPage oneShot = list(prefix, delimiter, after, 1000);
                    assertEquals(expected, entries(oneShot), label);
                    assertFalse(oneShot.truncated(), label);
                    assertEquals(!expected.isEmpty(), list(prefix, delimiter, after, 0).truncated(), label);
                    for (int m = 1; m <= expected.size() + 1; m++) {
                        assertEquals(expected, walk(prefix, delimiter, after, m), label + " maxKeys=" + m);
                    }
                    combinations++;
                }
            }
        }
        assertEquals(prefixes.size() * delimiters.size() * afters.size(), combinations);
    }

    /** Walks pages of {@code m}; checks every page but the last is full, non-empty and truncated. */
    private List<String> walk(String prefix, String delimiter, String after, int m) {
        List<String> all = new ArrayList<>();
        String cursor = after;
        for (int pages = 1; ; pages++) {
            assertTrue(pages <= KEYS.size() + 2, "the walk does not advance");
            ListPage page = list(prefix, delimiter, cursor, m);
            List<String> got = entries(page);
            all.addAll(got);
            if (!page.truncated()) {
                assertTrue(!got.isEmpty() || all.isEmpty(), "an empty last page after a truncated one");
                return all;
            }
            assertEquals(m, got.size(), "a truncated page is full");
            assertEquals(got.get(got.size() - 1), page.lastEntry());
            cursor = page.lastEntry();
        }
    }
}
