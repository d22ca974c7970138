package dev.coffer.api.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The listings are streamed element by element ({@link ListingXml}); every other document goes
 * through Jackson's data binding. The two must give the same bytes for any page: awkward keys
 * (markup characters, control characters, quotes, non-ASCII), owners or none, prefixes, absent
 * and empty optional elements.
 */
class ListingXmlTest {
    private static final String[] PIECES = {"a", "photos/", "&", "<", ">", "\"", "'", "\u0001", "\u001f", "\t",
        "é", "日本", "\uD83D\uDE00", " ", "%2F", "]]>", "\r\n", ""};

    private final S3Xml xml = new S3Xml();
    private final Random random = new Random(23);

    private String text() {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) s.append(PIECES[random.nextInt(PIECES.length)]);
        return s.toString();
    }

    private String maybe() {
        return random.nextInt(3) == 0 ? null : text();
    }

    private List<S3Object> contents() {
        List<S3Object> list = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            Owner owner = random.nextBoolean() ? null : new Owner(text(), maybe());
            list.add(new S3Object(text(), Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)),
                    ETags.quote(Long.toHexString(random.nextLong())), random.nextLong(0, Long.MAX_VALUE), "STANDARD",
                    owner));
        }
        return list;
    }

    private List<CommonPrefix> prefixes() {
        List<CommonPrefix> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) list.add(new CommonPrefix(text()));
        return list;
    }

    private static String bytes(byte[] document) {
        return new String(document, StandardCharsets.UTF_8);
    }

    @Test
    void aStreamedListObjectsV2PageIsTheDataBindingsDocument() {
        for (int i = 0; i < 500; i++) {
            var page = new ListBucketResultV2(text(), maybe(), maybe(), maybe(), maybe(), random.nextInt(1001),
                    random.nextInt(1001), maybe(), random.nextBoolean() ? "url" : null, random.nextBoolean(),
                    contents(), prefixes());
            assertThat(bytes(xml.write(page))).isEqualTo(bytes(xml.write((Object) page)));
        }
    }

    @Test
    void aStreamedListObjectsPageIsTheDataBindingsDocument() {
        for (int i = 0; i < 500; i++) {
            var page = new ListBucketResult(text(), text(), text(), maybe(), random.nextInt(1001), maybe(),
                    random.nextBoolean(), random.nextBoolean() ? "url" : null, contents(), prefixes());
            assertThat(bytes(xml.write(page))).isEqualTo(bytes(xml.write((Object) page)));
        }
    }

    @Test
    void anEmptyPageIsTheDataBindingsDocument() {
        var page = new ListBucketResultV2("b", "", null, null, null, 0, 0, null, null, false, List.of(), List.of());
        assertThat(bytes(xml.write(page))).isEqualTo(bytes(xml.write((Object) page)));
    }
}
