package dev.coffer.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class S3ErrorXmlTest {

    @Test
    void rendersCodeMessageExtrasResourceAndRequestIdInOrderWithoutNamespace() {
        S3Exception e = S3Exception.of(S3ErrorCode.NoSuchKey, "/mybucket/myfoto.jpg").with("Key", "myfoto.jpg");
        String xml = new String(S3ErrorXml.render(e, "4442587FB7D0A2F9"), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                + "<Key>myfoto.jpg</Key><Resource>/mybucket/myfoto.jpg</Resource>"
                + "<RequestId>4442587FB7D0A2F9</RequestId></Error>");
    }

    @Test
    void anElementHoldingNulIsLeftOutSoTheDocumentStillParses() throws Exception {
        S3Exception e = S3Exception.of(S3ErrorCode.InvalidBucketName, "/b%00x").with("BucketName", "b\u0000x");
        byte[] body = S3ErrorXml.render(e, "id");

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body));
        assertThat(text(doc, "Code")).isEqualTo("InvalidBucketName");
        assertThat(doc.getElementsByTagName("BucketName").getLength()).isZero();
    }

    @Test
    void omitsResourceAndRequestIdWhenAbsent() {
        String xml = new String(S3ErrorXml.render(S3Exception.of(S3ErrorCode.SlowDown), null), StandardCharsets.UTF_8);
        assertThat(xml).endsWith("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
    }

    @Test
    void messageResourceAndExtrasAreEscaped() throws Exception {
        String nasty = "a&b<c>d\"e'f\r\n\tg\u0001ü😀";
        S3Exception e = S3Exception.of(S3ErrorCode.InvalidArgument, "/b/" + nasty)
                .withMessage("bad " + nasty).with("ArgumentValue", nasty);
        byte[] body = S3ErrorXml.render(e, "id</RequestId>");
        String xml = new String(body, StandardCharsets.UTF_8);
        assertThat(xml).contains("<Message>bad a&amp;b&lt;c&gt;d&quot;e'f&#13;&#10;&#9;g\uFFFDü😀</Message>");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // S3 writes U+0001 as &#1;, which XML 1.0 parsers refuse; the whole document must parse.
        assertThat(text(factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)), "ArgumentValue"))
                .isEqualTo("a&b<c>d\"e'f\r\n\tg\uFFFDü😀");
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                S3ErrorXml.render(e.withMessage("m&<>\"").withResource("/b/k&<>\"").with("ArgumentValue", "v<&>"),
                        "id</RequestId>")));
        assertThat(text(doc, "Message")).isEqualTo("m&<>\"");
        assertThat(text(doc, "Resource")).isEqualTo("/b/k&<>\"");
        assertThat(text(doc, "ArgumentValue")).isEqualTo("v<&>");
        assertThat(text(doc, "RequestId")).isEqualTo("id</RequestId>");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isNull();
    }

    @Test
    void escapeTextLeavesPlainTextAlone() {
        String plain = "photos/2024/cat.jpg";
        assertThat(S3ErrorXml.escapeText(plain)).isSameAs(plain);
    }

    private static String text(Document doc, String element) {
        return doc.getElementsByTagName(element).item(0).getTextContent();
    }
}
