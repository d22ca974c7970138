package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    private static ObjectRecord everyField() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/plain; charset=utf-8");
        headers.put("content-disposition", "attachment; filename=\"résumé.txt\"");
        headers.put("cache-control", "no-cache");
        return new ObjectRecord(
                -1L >>> 1, "d41d8cd98f00b204e9800998ecf8427e", 1_700_000_000_123L,
                headers,
                Map.of("author", "Zoë 😀", "empty", ""),
                Map.of("CRC32C", "yZRlqg=="),
                new byte[] {0, 1, (byte) 0xFF, 127, (byte) 0x80},
                List.of(new ChunkPointer("c-1", 8L << 20), new ChunkPointer("c-2", 0)),
                "01HVERSION", false, "COMPOSITE",
                List.of(new PartInfo(1, 5L << 20, "etag-1", "AAAAAA=="), new PartInfo(10_000, 1, "etag-2", null)));
    }

    @Test
    void deleteMarkerRoundTrips() {
        ObjectRecord marker = ObjectRecord.deleteMarker("v-9", 42L);
        ObjectRecord out = ValueCodecs.OBJECT.decode(ValueCodecs.OBJECT.encode(marker));
        assertEquals(true, out.deleteMarker());
        assertEquals("v-9", out.versionId());
        assertEquals(42L, out.lastModifiedMillis());
    }

    @Test
    void objectRecordWithEveryFieldRoundTrips() {
        ObjectRecord in = everyField();
        ObjectRecord out = ValueCodecs.OBJECT.decode(ValueCodecs.OBJECT.encode(in));
        assertEquals(in.size(), out.size());
        assertEquals(in.etag(), out.etag());
        assertEquals(in.lastModifiedMillis(), out.lastModifiedMillis());
        assertEquals(List.copyOf(in.contentHeaders().keySet()), List.copyOf(out.contentHeaders().keySet()),
                "insertion order kept");
        assertEquals(in.contentHeaders(), out.contentHeaders());
        assertEquals(in.userMetadata(), out.userMetadata());
        assertEquals(in.checksums(), out.checksums());
        assertArrayEquals(in.inline(), out.inline());
        assertEquals(in.chunks(), out.chunks());
        assertEquals(in.versionId(), out.versionId());
        assertEquals(in.deleteMarker(), out.deleteMarker());
        assertEquals(in.checksumType(), out.checksumType());
        assertEquals(in.parts(), out.parts());
    }

    @Test
    void nullInlineAndNullEtagStayNullAndEmptyInlineStaysEmpty() {
        ObjectRecord none = ObjectRecord.ofBody(0, null, 0, Map.of(), Map.of(), Map.of(), null, List.of());
        ObjectRecord decoded = ValueCodecs.OBJECT.decode(ValueCodecs.OBJECT.encode(none));
        assertNull(decoded.inline());
        assertNull(decoded.etag());
        ObjectRecord empty = ObjectRecord.ofBody(0, "e", 0, Map.of(), Map.of(), Map.of(), new byte[0], List.of());
        assertEquals(0, ValueCodecs.OBJECT.decode(ValueCodecs.OBJECT.encode(empty)).inline().length);
    }

    @Test
    void recordStartsWithItsFormatVersion() {
        assertEquals(3, ValueCodecs.OBJECT.encode(everyField())[0], "v3 adds the attributes");
        assertEquals(3, ValueCodecs.BUCKET.encode(Records.bucket("b"))[0], "v3 adds Object Lock");
        assertEquals(1, ValueCodecs.GC_ENTRY.encode(new GcEntry(1, 2, "c"))[0]);
    }

    @Test
    void unknownVersionByteIsRejected() {
        byte[] bytes = ValueCodecs.OBJECT.encode(everyField());
        bytes[0] = 5;
        MetadataException e = assertThrows(MetadataException.class, () -> ValueCodecs.OBJECT.decode(bytes));
        assertTrue(e.getMessage().contains("version 5"), e.getMessage());
        byte[] bucket = ValueCodecs.BUCKET.encode(Records.bucket("b"));
        bucket[0] = (byte) 0xFF;
        assertThrows(MetadataException.class, () -> ValueCodecs.BUCKET.decode(bucket));
    }

    @Test
    void v1ObjectRecordWrittenBeforeVersioningIsStillRead() {
        // The layout of the first builds, byte by byte: it ends after the chunks.
        ValueOutput out = new ValueOutput((byte) 1);
        out.writeVarLong(5);
        out.writeString("etag-1");
        out.writeLong(1_600_000_000_000L);
        out.writeMap(Map.of("content-type", "text/plain"));
        out.writeMap(Map.of("a", "b"));
        out.writeMap(Map.of("CRC32", "AAAAAA=="));
        out.writeBytes(null);
        out.writeVarLong(1);
        out.writeString("chunk-1");
        out.writeVarLong(5);
        ObjectRecord old = ValueCodecs.OBJECT.decode(out.toByteArray());
        assertEquals(5, old.size());
        assertEquals("etag-1", old.etag());
        assertEquals(Map.of("CRC32", "AAAAAA=="), old.checksums());
        assertEquals("FULL_OBJECT", old.checksumType(), "a single body's checksum covers the whole object");
        assertEquals(List.of(new ChunkPointer("chunk-1", 5)), old.chunks());
        assertNull(old.versionId());
        assertEquals(false, old.deleteMarker());
        assertEquals(List.of(), old.parts());
    }

    @Test
    void v1ObjectRecordWithTheLaterFieldsAppendedIsStillRead() {
        // Builds of late November 2026 appended the four fields but kept the version byte at 1.
        ObjectRecord in = everyField();
        byte[] bytes = withoutAttributes(ValueCodecs.OBJECT.encode(in));
        bytes[0] = 1;
        ObjectRecord out = ValueCodecs.OBJECT.decode(bytes);
        assertEquals(in.versionId(), out.versionId());
        assertEquals("COMPOSITE", out.checksumType());
        assertEquals(in.parts(), out.parts());
        assertEquals(in.chunks(), out.chunks());
    }

    /** A v3 record without attributes less its attribute count (one 0 byte): the v2 layout. */
    private static byte[] withoutAttributes(byte[] v3) {
        assertEquals(0, v3[v3.length - 1]);
        return java.util.Arrays.copyOf(v3, v3.length - 1);
    }

    @Test
    void v2ObjectRecordIsStillReadWithoutAttributes() {
        ObjectRecord in = everyField();
        byte[] bytes = withoutAttributes(ValueCodecs.OBJECT.encode(in));
        bytes[0] = 2;
        ObjectRecord out = ValueCodecs.OBJECT.decode(bytes);
        assertEquals(in.parts(), out.parts());
        assertEquals(Map.of(), out.attributes());
        byte[] again = withoutAttributes(ValueCodecs.OBJECT.encode(out));
        again[0] = 2;
        assertArrayEquals(bytes, again, "rewritten as v3, the same fields");
    }

    @Test
    void attributesRoundTripInNameOrder() {
        ObjectRecord in = everyField().withAttribute("tags", new byte[] {1, 2}).withAttribute("a", new byte[0])
                .withAttribute("sse", new byte[] {9});
        ObjectRecord out = ValueCodecs.OBJECT.decode(ValueCodecs.OBJECT.encode(in));
        assertEquals(List.of("a", "sse", "tags"), List.copyOf(out.attributes().keySet()));
        assertArrayEquals(new byte[] {1, 2}, out.attribute("tags").orElseThrow());
        assertArrayEquals(new byte[0], out.attribute("a").orElseThrow());
        assertEquals(false, out.withAttribute("a", null).attribute("a").isPresent());
        assertArrayEquals(ValueCodecs.OBJECT.encode(in), ValueCodecs.OBJECT.encode(out), "one encoding per record");
    }

    @Test
    void uploadRecordKeepsItsAttributesAndV1IsStillRead() {
        UploadRecord in = new UploadRecord("b", "k", "u", 5, Map.of(), Map.of("m", "v"), null, null, "STANDARD", "o")
                .withAttribute("tags", new byte[] {7});
        UploadRecord out = UploadValueCodecs.UPLOAD.decode(UploadValueCodecs.UPLOAD.encode(in));
        assertArrayEquals(new byte[] {7}, out.attributes().get("tags"));
        byte[] v1 = withoutAttributes(UploadValueCodecs.UPLOAD.encode(out.withAttribute("tags", null)));
        v1[0] = 1;
        assertEquals(Map.of(), UploadValueCodecs.UPLOAD.decode(v1).attributes());
        assertEquals("o", UploadValueCodecs.UPLOAD.decode(v1).owner());
    }

    @Test
    void truncatedRecordIsRejectedAtEveryLength() {
        byte[] bytes = ValueCodecs.OBJECT.encode(everyField());
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, n);
            assertThrows(MetadataException.class, () -> ValueCodecs.OBJECT.decode(cut), "length " + n);
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] bytes = ValueCodecs.GC_ENTRY.encode(new GcEntry(7, 8, "chunk"));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(MetadataException.class, () -> ValueCodecs.GC_ENTRY.decode(longer));
    }

    @Test
    void bucketAndGcEntryRoundTrip() {
        BucketRecord b = new BucketRecord("bücket", 5, null, "owner");
        assertEquals(b, ValueCodecs.BUCKET.decode(ValueCodecs.BUCKET.encode(b)));
        GcEntry g = new GcEntry(Long.MAX_VALUE, -1, "chunk-😀");
        assertEquals(g, ValueCodecs.GC_ENTRY.decode(ValueCodecs.GC_ENTRY.encode(g)));
    }

    @Test
    void chunkReplicasRoundTripAndASingleNodesRecordKeepsItsFormat() {
        ObjectRecord plain = everyField();
        assertEquals(3, ValueCodecs.OBJECT.encode(plain)[0], "no replica named: format 3, as before");
        List<ChunkPointer> replicated = List.of(new ChunkPointer("c-1", 8L << 20, List.of("n1", "n3", "n2")),
                new ChunkPointer("c-2", 0, List.of()));
        ObjectRecord in = new ObjectRecord(plain.size(), plain.etag(), plain.lastModifiedMillis(), plain.contentHeaders(),
                plain.userMetadata(), plain.checksums(), plain.inline(), replicated, plain.versionId(), false,
                plain.checksumType(), plain.parts());
        byte[] bytes = ValueCodecs.OBJECT.encode(in);
        assertEquals(4, bytes[0]);
        assertEquals(replicated, ValueCodecs.OBJECT.decode(bytes).chunks());

        PartRecord part = new PartRecord(3, 10, "e", 5L, null, null, List.of(new ChunkPointer("p", 10)));
        assertEquals(1, UploadValueCodecs.PART.encode(part)[0]);
        PartRecord placed = new PartRecord(3, 10, "e", 5L, null, null, List.of(new ChunkPointer("p", 10, List.of("n2", "n1"))));
        byte[] partBytes = UploadValueCodecs.PART.encode(placed);
        assertEquals(2, partBytes[0]);
        assertEquals(placed.chunks(), UploadValueCodecs.PART.decode(partBytes).chunks());
    }
}
