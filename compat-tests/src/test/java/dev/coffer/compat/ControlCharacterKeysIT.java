package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;

/**
 * Keys holding characters XML 1.0 cannot carry (U+0001, U+001F: "Object key naming guidelines",
 * characters that might require special handling). S3 writes them as {@code &#1;}, which XML 1.0
 * parsers refuse; every document Coffer answers parses, checked here with the JDK's XML parser, not
 * by looking at the text. A listing asked without {@code encoding-type} answers such a page
 * URL-encoded and says so in {@code <EncodingType>url</EncodingType>}, so the key is not lost.
 */
@ExtendWith(CofferServerExtension.class)
class ControlCharacterKeysIT {
    private static final String KEY = "dir/a\u0001b\u001fc";
    private static final String ENCODED_KEY = "dir/a%01b%1Fc";

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createVersionedBucket("ctl-keys");
        HttpResponse<byte[]> put = server.raw().signed("PUT", "/" + bucket + "/" + ENCODED_KEY, Map.of(),
                "x".getBytes(StandardCharsets.UTF_8));
        assertThat(put.statusCode()).isEqualTo(200);
    }

    @Test
    void listingsWithoutEncodingTypeAnswerSuchAPageUrlEncoded() throws Exception {
        for (String query : new String[] {"", "?list-type=2", "?versions", "?list-type=2&delimiter=%01"}) {
            Document doc = parse(server.raw().signed("GET", "/" + bucket + query));
            assertThat(text(doc, "EncodingType")).as(query).isEqualTo("url");
            if (query.contains("delimiter")) {
                assertThat(decode(text(doc, "Delimiter"))).isEqualTo("\u0001");
                assertThat(decode(doc.getElementsByTagName("Prefix").item(1).getTextContent())).isEqualTo("dir/a\u0001");
            } else {
                assertThat(decode(text(doc, "Key"))).as(query).isEqualTo(KEY);
            }
        }
        // The SDK reads the key back whole.
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket)).contents().get(0).key()).isEqualTo(KEY);
    }

    @Test
    void multipartUploadsOfSuchAKeyListAndAnswerParsableDocuments() throws Exception {
        Document initiated = parse(server.raw().signed("POST", "/" + bucket + "/" + ENCODED_KEY + "?uploads"));
        String uploadId = text(initiated, "UploadId");
        assertThat(uploadId).isNotBlank();
        Document uploads = parse(server.raw().signed("GET", "/" + bucket + "?uploads"));
        assertThat(text(uploads, "EncodingType")).isEqualTo("url");
        assertThat(decode(text(uploads, "Key"))).isEqualTo(KEY);
        parse(server.raw().signed("GET", "/" + bucket + "/" + ENCODED_KEY + "?uploadId=" + uploadId));
        assertThat(server.raw().signed("DELETE", "/" + bucket + "/" + ENCODED_KEY + "?uploadId=" + uploadId)
                .statusCode()).isEqualTo(204);
    }

    @Test
    void anErrorNamingSuchAKeyParses() throws Exception {
        HttpResponse<byte[]> missing = server.raw().signed("GET", "/" + bucket + "/missing%02key");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(text(parse(missing), "Code")).isEqualTo("NoSuchKey");
    }

    @Test
    void anAskedEncodingIsUnchanged() throws Exception {
        Document doc = parse(server.raw().signed("GET", "/" + bucket + "?list-type=2&encoding-type=url"));
        assertThat(text(doc, "Key")).isEqualTo(ENCODED_KEY);
    }

    private static Document parse(HttpResponse<byte[]> response) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
    }

    private static String text(Document doc, String element) {
        return doc.getElementsByTagName(element).getLength() == 0 ? null
                : doc.getElementsByTagName(element).item(0).getTextContent();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
