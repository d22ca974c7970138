package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void tagsRoundTripInTheClientsOrder() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("zeta", "last letter");
        tags.put("ü 文", "");
        tags.put("a", "2 + 2 = 4");
        Map<String, String> back = Tags.decode(Tags.encode(tags));
        assertEquals(tags, back);
        assertEquals(List.of("zeta", "ü 文", "a"), List.copyOf(back.keySet()));
    }

    @Test
    void anEmptyTagSetIsStoredAsNoAttribute() {
        assertNull(Tags.encode(Map.of()));
        assertNull(Tags.encode(null));
        assertEquals(Map.of(), Tags.decode(null));
    }

    @Test
    void theEncodingIsTheDocumentedOne() {
        // 0x01 | var 1 | str "k" (length + 1 = 2) | str "" (length + 1 = 1)
        assertArrayEquals(new byte[] {1, 1, 2, 'k', 1}, Tags.encode(Map.of("k", "")));
    }

    @Test
    void anUnknownFormatOrTrailingBytesAreRefused() {
        assertThrows(MetadataException.class, () -> Tags.decode(new byte[] {2, 0}));
        assertThrows(MetadataException.class, () -> Tags.decode(new byte[] {1, 0, 0}));
        assertThrows(MetadataException.class, () -> Tags.decode(new byte[] {1, 5}));
    }

    @Test
    void aRecordsTagsAreItsTagsAttribute() {
        ObjectRecord plain = ObjectRecord.ofBody(1, "e", 1L, Map.of(), Map.of(), Map.of(), new byte[] {1}, List.of());
        assertEquals(Map.of(), Tags.of(plain));
        ObjectRecord tagged = Tags.with(plain, Map.of("k", "v"));
        assertEquals(Map.of("k", "v"), Tags.of(tagged));
        assertArrayEquals(Tags.encode(Map.of("k", "v")), tagged.attribute(Tags.ATTRIBUTE).orElseThrow());
        assertEquals(Map.of(), Tags.of(Tags.with(tagged, Map.of())));
        assertEquals(Map.of(), Tags.with(tagged, Map.of()).attributes(), "no tags, no attribute");
    }
}
