package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadListerTest {
    private static final List<String> KEYS = List.of("a", "a/b", "a/c/d", "a/c/e", "b", "b/", "photos/2024/x",
            "photos/2025/y", "z\uD83D\uDE00", "z\uFFFF");

    @TempDir
    Path dir;

    Catalog catalog;
    /** "key id" strings in listing order. */
    final List<String> all = new ArrayList<>();

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        catalog.createBucket(Records.bucket("b"));
        catalog.createBucket(Records.bucket("b-other"));
        long t = 1_000;
        for (String key : KEYS) {
            int copies = key.length() % 3 + 1; // some keys have several uploads
            for (int i = 0; i < copies; i++) {
                String id = UploadIds.next(t++);
                catalog.uploads().create(MultipartUploadsTest.upload(key, id));
                all.add(key + " " + id);
            }
        }
        catalog.uploads().create(new UploadRecord("b-other", "a", UploadIds.next(1), 1, java.util.Map.of(),
                java.util.Map.of(), null, null, "STANDARD", "o"));
        all.sort((x, y) -> Arrays.compareUnsigned(x.split(" ")[0].getBytes(StandardCharsets.UTF_8),
                y.split(" ")[0].getBytes(StandardCharsets.UTF_8)) != 0
                ? Arrays.compareUnsigned(x.split(" ")[0].getBytes(StandardCharsets.UTF_8), y.split(" ")[0].getBytes(StandardCharsets.UTF_8))
                : x.compareTo(y));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** The whole listing as the oracle sees it: entries are "key id" or "prefix/" strings. */
    private List<String> expected(String prefix, String delimiter) {
        List<String> out = new ArrayList<>();
        TreeSet<String> seenPrefixes = new TreeSet<>();
        for (String entry : all) {
            String key = entry.substring(0, entry.lastIndexOf(' '));
            if (!key.startsWith(prefix)) continue;
            int at = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            if (at < 0) {
                out.add(entry);
            } else if (seenPrefixes.add(key.substring(0, at + delimiter.length()))) {
                out.add(key.substring(0, at + delimiter.length()));
            }
        }
        return out;
    }

    private List<String> walk(String prefix, String delimiter, int pageSize) {
        List<String> out = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        for (int pages = 0; pages < 100; pages++) {
            UploadListPage page = catalog.uploads().list(
                    new UploadListQuery("b", prefix, delimiter, keyMarker, idMarker, pageSize));
            assertTrue(page.uploads().size() + page.commonPrefixes().size() <= pageSize);
            List<String> entries = new ArrayList<>();
            page.uploads().forEach(u -> entries.add(u.key() + " " + u.uploadId()));
            entries.addAll(page.commonPrefixes());
            entries.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
            out.addAll(entries);
            if (!page.truncated()) return out;
            keyMarker = page.nextKeyMarker();
            idMarker = page.nextUploadIdMarker();
        }
        throw new AssertionError("listing does not end");
    }

    @Test
    void pagesOfEverySizeConcatenateToTheFullListing() {
        for (String prefix : List.of("", "a", "a/", "photos/", "q")) {
            for (String delimiter : Arrays.asList(null, "/", "c/")) {
                List<String> full = expected(prefix, delimiter);
                for (int size = 1; size <= 4; size++) {
                    assertEquals(full, walk(prefix, delimiter, size),
                            "prefix " + prefix + " delimiter " + delimiter + " page size " + size);
                }
            }
        }
    }

    @Test
    void keyMarkerAloneSkipsEveryUploadOfThatKey() {
        UploadListPage page = catalog.uploads().list(new UploadListQuery("b", "", null, "a", null, 1000));
        assertTrue(page.uploads().stream().noneMatch(u -> u.key().equals("a")));
        assertEquals("a/b", page.uploads().get(0).key());
    }

    @Test
    void uploadIdMarkerResumesWithinAKey() {
        List<String> ofB = all.stream().filter(e -> e.startsWith("b/ ")).toList();
        assertTrue(ofB.size() >= 2);
        String firstId = ofB.get(0).split(" ")[1];
        UploadListPage page = catalog.uploads().list(new UploadListQuery("b", "b/", null, "b/", firstId, 1000));
        assertEquals(ofB.subList(1, ofB.size()), page.uploads().stream().map(u -> u.key() + " " + u.uploadId()).toList());
    }

    @Test
    void zeroMaxUploadsSaysWhetherAnythingMatches() {
        assertTrue(catalog.uploads().list(new UploadListQuery("b", "", null, null, null, 0)).truncated());
        assertFalse(catalog.uploads().list(new UploadListQuery("b", "none", null, null, null, 0)).truncated());
        assertThrows(NoSuchBucketException.class,
                () -> catalog.uploads().list(new UploadListQuery("nope", "", null, null, null, 10)));
    }
}
