package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionIdsTest {
    @Test
    void idsAreUrlSafeAndCarryTheirStamp() {
        long stamp = VersionIds.propose(System.currentTimeMillis());
        String id = VersionIds.newId(stamp, 0x1234_5678_9ABC_DEF0L);
        assertEquals(26, id.length());
        assertTrue(id.matches("[0-9A-Z]+"), id);
        assertEquals(stamp, VersionIds.stamp(id));
        assertTrue(VersionIds.isWellFormed(id));
    }

    @Test
    void stampsRiseEvenWithinOneMillisecondAndAboveTheFloor() {
        long previous = 0;
        long millis = System.currentTimeMillis();
        for (int i = 0; i < 10_000; i++) {
            long s = VersionIds.propose(millis); // one millisecond, many proposals
            assertTrue(s > previous);
            previous = s;
        }
        long far = (System.currentTimeMillis() + 86_400_000L) << VersionIds.COUNTER_BITS;
        assertTrue(VersionIds.stampAbove(VersionIds.propose(millis), far) > far,
                "a key whose newest stamp is ahead of the clock still moves up");
    }

    @Test
    void idsSortAsTheirStamps() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(VersionIds.newId(VersionIds.propose(System.currentTimeMillis()), i * 7919L));
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }

    @Test
    void malformedIdsAreRefused() {
        assertTrue(VersionIds.isWellFormed("null"));
        for (String bad : List.of("", "abc", "0123456789ABCDEFGHJKMNPQRS".toLowerCase(), "ZZZZZZZZZZZZZZZZZZZZZZZZZZ",
                "0123456789ABCDEFGHJKMNPQRU", "0123456789ABCDEFGHJKMNPQR")) {
            assertFalse(VersionIds.isWellFormed(bad), bad);
        }
    }

    @Test
    void versionKeysOrderByKeyThenNewestFirstEvenWithNulBytes() {
        List<VersionKey> expected = List.of(
                new VersionKey("b", "a", 9), new VersionKey("b", "a", 1),
                new VersionKey("b", "a\0", 5), new VersionKey("b", "a\0b", 5),
                new VersionKey("b", "a/b", 7), new VersionKey("b", "ab", 3));
        List<byte[]> encoded = expected.stream().map(VersionCodecs.VERSION_KEY::encode).toList();
        for (int i = 1; i < encoded.size(); i++) {
            assertTrue(ByteKeys.compare(encoded.get(i - 1), encoded.get(i)) < 0, "at " + i);
        }
        expected.forEach(k -> assertEquals(k, VersionCodecs.VERSION_KEY.decode(VersionCodecs.VERSION_KEY.encode(k))));
    }

    @Test
    void bucketRecordOfFormatOneReadsAsUnversioned() {
        ValueOutput v1 = new ValueOutput(ValueCodecs.V1);
        v1.writeString("b");
        v1.writeLong(42);
        v1.writeString("us-east-1");
        v1.writeString("owner");
        assertEquals(Versioning.UNVERSIONED, ValueCodecs.BUCKET.decode(v1.toByteArray()).versioning());
        BucketRecord enabled = Records.bucket("b").withVersioning(Versioning.ENABLED);
        assertEquals(enabled, ValueCodecs.BUCKET.decode(ValueCodecs.BUCKET.encode(enabled)));
    }
}
