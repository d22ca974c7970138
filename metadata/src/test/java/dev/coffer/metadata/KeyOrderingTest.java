package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyOrderingTest {
    @TempDir
    Path dir;

    /** In UTF-8 byte order; Java's String order would put the emoji before U+FFFF. */
    static final List<String> KEYS_IN_UTF8_ORDER = List.of(
            "a", "a/b", "ab", "abc", "z", "é", "€", "\uFFFF", "😀", "😀x");

    @Test
    void objectKeysSortByUtf8BytesNotJavaStringOrder() {
        List<String> shuffled = new ArrayList<>(KEYS_IN_UTF8_ORDER);
        Collections.reverse(shuffled);
        shuffled.sort((x, y) -> ByteKeys.compare(
                KeyCodecs.OBJECT_KEY.encode(new ObjectKey("b", x)), KeyCodecs.OBJECT_KEY.encode(new ObjectKey("b", y))));
        assertEquals(KEYS_IN_UTF8_ORDER, shuffled);
        assertTrue("😀".compareTo("\uFFFF") < 0, "premise: Java orders the surrogate pair first");
    }

    @Test
    void emojiSortsAfterUPlusFfffInAListing() {
        try (Catalog catalog = Catalog.open(dir, false)) {
            catalog.createBucket(Records.bucket("b"));
            List<String> reversed = new ArrayList<>(KEYS_IN_UTF8_ORDER);
            Collections.reverse(reversed);
            reversed.forEach(k -> catalog.putObject("b", k, Records.inline("e", k), WriteCondition.NONE));
            ListPage page = catalog.list(new ListQuery("b", "", null, null, 1000));
            assertEquals(KEYS_IN_UTF8_ORDER, page.objects().stream().map(ListPage.ObjectEntry::key).toList());
        }
    }

    @Test
    void keyThatIsPrefixOfAnotherSortsFirst() {
        byte[] a = KeyCodecs.OBJECT_KEY.encode(new ObjectKey("b", "ab"));
        byte[] abc = KeyCodecs.OBJECT_KEY.encode(new ObjectKey("b", "abc"));
        assertTrue(ByteKeys.compare(a, abc) < 0);
    }

    @Test
    void objectKeyRoundTripsThroughItsCodec() {
        ObjectKey id = new ObjectKey("bucket", "dir/😀\u0000tail");
        assertEquals(id, KeyCodecs.OBJECT_KEY.decode(KeyCodecs.OBJECT_KEY.encode(id)));
    }

    @Test
    void bucketsWhoseNamesArePrefixesOfEachOtherDoNotLeak() {
        try (Catalog catalog = Catalog.open(dir, false)) {
            catalog.createBucket(Records.bucket("a"));
            catalog.createBucket(Records.bucket("a-b"));
            catalog.createBucket(Records.bucket("a.b"));
            catalog.putObject("a", "-b/x", Records.inline("1", "x"), WriteCondition.NONE);
            catalog.putObject("a", "\uFFFF", Records.inline("1", "x"), WriteCondition.NONE);
            catalog.putObject("a-b", "x", Records.inline("2", "x"), WriteCondition.NONE);
            catalog.putObject("a.b", "y", Records.inline("3", "y"), WriteCondition.NONE);

            assertEquals(List.of("-b/x", "\uFFFF"), keys(catalog.list(new ListQuery("a", "", null, null, 100))));
            assertEquals(List.of("x"), keys(catalog.list(new ListQuery("a-b", "", null, null, 100))));
            assertEquals(List.of("y"), keys(catalog.list(new ListQuery("a.b", "", "/", null, 100))));
            assertTrue(catalog.getObject("a", "x").isEmpty());

            catalog.deleteObject("a", "-b/x");
            catalog.deleteObject("a", "\uFFFF");
            catalog.deleteBucket("a"); // "a-b" and "a.b" objects must not count as "a"'s
            assertEquals(List.of("a-b", "a.b"), catalog.listBuckets().stream().map(BucketRecord::name).toList());
        }
    }

    @Test
    void unpairedSurrogateIsRefusedRatherThanStoredAsQuestionMark() {
        assertThrows(IllegalArgumentException.class, () -> KeyCodecs.keyBytes("bad\uD83D"));
        assertNotEquals(0, KeyCodecs.keyBytes("😀").length);
    }

    @Test
    void sequenceKeysSortNumerically() {
        assertTrue(ByteKeys.compare(KeyCodecs.SEQUENCE.encode(255L), KeyCodecs.SEQUENCE.encode(256L)) < 0);
        assertEquals(1L << 40, KeyCodecs.SEQUENCE.decode(KeyCodecs.SEQUENCE.encode(1L << 40)));
    }

    @Test
    void successorIsTheSmallestStringAfterEveryExtension() {
        assertEquals(List.of((byte) 'a', (byte) 'c'), bytes(ByteKeys.successor(new byte[] {'a', 'b'})));
        assertEquals(List.of((byte) 'b'), bytes(ByteKeys.successor(new byte[] {'a', (byte) 0xFF, (byte) 0xFF})));
        assertEquals(null, ByteKeys.successor(new byte[] {(byte) 0xFF}));
    }

    private static List<Byte> bytes(byte[] b) {
        List<Byte> out = new ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }

    static List<String> keys(ListPage page) {
        return page.objects().stream().map(ListPage.ObjectEntry::key).toList();
    }
}
