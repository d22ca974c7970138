package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A listing's summary of a record reads what the whole decode reads, in every stored layout. */
class ObjectSummaryCodecTest {

    private static ObjectRecord everyField(List<ChunkPointer> chunks) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/plain");
        headers.put("cache-control", "no-cache");
        return new ObjectRecord(123_456_789_012L, "d41d8cd98f00b204e9800998ecf8427e-2", 1_700_000_000_123L, headers,
                Map.of("author", "Zoë 😀", "empty", ""), Map.of("CRC32C", "yZRlqg=="),
                new byte[300], chunks, "01HVERSION", false, "COMPOSITE",
                List.of(new PartInfo(1, 5L << 20, "etag-1", "AAAAAA=="), new PartInfo(2, 1, "etag-2", null)))
                .withAttribute("acl", new byte[] {1, 2, 3}).withAttribute("tags", new byte[0]);
    }

    private static void assertSameAsWholeDecode(byte[] bytes) {
        ObjectRecord whole = ValueCodecs.OBJECT.decode(bytes);
        ObjectSummary summary = ValueCodecs.objectSummary(bytes);
        assertEquals(whole.size(), summary.size());
        assertEquals(whole.etag(), summary.etag());
        assertEquals(whole.lastModifiedMillis(), summary.lastModifiedMillis());
        assertEquals(List.copyOf(whole.attributes().keySet()), List.copyOf(summary.attributes().keySet()));
        whole.attributes().forEach((name, value) -> assertArrayEquals(value, summary.attributes().get(name), name));
    }

    @Test
    void currentLayoutWithEveryFieldAndAttributes() {
        byte[] bytes = ValueCodecs.OBJECT.encode(everyField(List.of(new ChunkPointer("c-1", 8L << 20))));
        assertEquals(3, bytes[0]);
        assertSameAsWholeDecode(bytes);
        assertArrayEquals(new byte[] {1, 2, 3}, ValueCodecs.objectSummary(bytes).attributes().get("acl"));
    }

    @Test
    void chunksNamingTheirReplicas() {
        byte[] bytes = ValueCodecs.OBJECT.encode(everyField(List.of(new ChunkPointer("c-1", 8L << 20, List.of("n1", "n2")),
                new ChunkPointer("c-2", 7, List.of("n3")))));
        assertEquals(4, bytes[0]);
        assertSameAsWholeDecode(bytes);
    }

    @Test
    void olderLayoutsHaveNoAttributes() {
        ObjectRecord plain = everyField(List.of()).withAttributes(Map.of());
        byte[] v3 = ValueCodecs.OBJECT.encode(plain);
        byte[] tail = Arrays.copyOf(v3, v3.length - 1); // less the attribute count: the v2 layout
        for (byte version : new byte[] {1, 2}) {
            tail[0] = version;
            assertSameAsWholeDecode(tail);
        }
        ValueOutput first = new ValueOutput((byte) 1); // the first builds' v1: it ends after the chunks
        first.writeVarLong(5);
        first.writeString("etag-1");
        first.writeLong(1_600_000_000_000L);
        first.writeMap(Map.of("content-type", "text/plain"));
        first.writeMap(Map.of());
        first.writeMap(Map.of());
        first.writeBytes(null);
        first.writeVarLong(1);
        first.writeString("chunk-1");
        first.writeVarLong(5);
        assertSameAsWholeDecode(first.toByteArray());
    }

    @Test
    void deleteMarkerAndEmptyObject() {
        assertSameAsWholeDecode(ValueCodecs.OBJECT.encode(ObjectRecord.deleteMarker("v", 42)));
        assertSameAsWholeDecode(ValueCodecs.OBJECT.encode(ObjectRecord.ofBody(0, "e", 1, Map.of(), Map.of(), Map.of(),
                new byte[0], List.of())));
    }

    @Test
    void aTruncatedRecordIsRefusedNotMisread() {
        byte[] bytes = ValueCodecs.OBJECT.encode(everyField(List.of(new ChunkPointer("c-1", 1))));
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(MetadataException.class, () -> ValueCodecs.objectSummary(cut), "length " + n);
        }
    }
}
