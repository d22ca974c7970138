package dev.coffer.api.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys that need escaping come back unchanged through write and read. */
class KeyRoundTripTest {

    private final S3Xml xml = new S3Xml();

    @ParameterizedTest
    @ValueSource(strings = {
            "plain.txt",
            "a&b",
            "<tag>",
            "quote\"and'apostrophe",
            "]]>",
            "&amp; literally",
            "ünïcödé/日本語/😀",
            "tab\there",
            "line\nfeed",
            "carriage\rreturn",
            "crlf\r\nend",
            " leading and trailing ",
            "%2F not decoded",
    })
    void keyRoundTripsThroughDeleteAndListBucketResult(String key) {
        Delete delete = new Delete(List.of(new Delete.ObjectIdentifier(key, "v&1", null)), true);
        assertThat(xml.read(xml.write(delete), Delete.class)).isEqualTo(delete);

        ListBucketResult listing = new ListBucketResult("b", key, "", null, 1000, "/", false, null,
                List.of(new S3Object(key, Instant.parse("2024-01-02T03:04:05.678Z"), "\"e\"", 1, "STANDARD", null)),
                List.of(new CommonPrefix(key + "/")));
        assertThat(xml.read(xml.write(listing), ListBucketResult.class)).isEqualTo(listing);
    }

    @Test
    void tabLineFeedAndCarriageReturnAreWrittenAsCharacterReferencesLikeS3() {
        String text = new String(xml.write(new Delete(List.of(new Delete.ObjectIdentifier("a\rb\nc\t\"", null, null)),
                false)), StandardCharsets.UTF_8);
        assertThat(text).contains("<Key>a&#13;b&#10;c&#9;&quot;</Key>");
    }

    /** S3 writes &#1; here, which no XML 1.0 parser reads; the listings URL-encode such a page instead. */
    @Test
    void charactersXmlCannotCarryAreWrittenAsReplacementCharacters() throws Exception {
        byte[] body = xml.write(new Delete(List.of(new Delete.ObjectIdentifier("bell\u0007 nul\u0000 \uFFFF", null, null)),
                false));
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(body));
        assertThat(doc.getElementsByTagName("Key").item(0).getTextContent()).isEqualTo("bell\uFFFD nul\uFFFD \uFFFD");
    }
}
