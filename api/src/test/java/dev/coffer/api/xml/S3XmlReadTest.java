package dev.coffer.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3XmlReadTest {

    private final S3Xml xml = new S3Xml();

    @Test
    void emptyBodyIsMalformedXml() {
        assertMalformed(new byte[0]);
        assertMalformedWithoutCause(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            " ",
            "not xml",
            "<Delete>",
            "<Delete><Object><Key>k</Key></Delete>",
            "<Delete><Object><Key>a & b</Key></Object></Delete>",
            "<Delete><Quiet>maybe</Quiet></Delete>",
            "<Delete><Object><Key>k</Key></Object></Delete><Delete/>",
            "<Delete/>trailing text",
            "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><Delete/>",
    })
    void malformedBodyIsMalformedXml(String body) {
        assertMalformed(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void otherRootElementIsMalformedXml() {
        assertMalformedWithoutCause("<CreateBucketConfiguration/>".getBytes(StandardCharsets.UTF_8));
        assertMalformedWithoutCause("<delete><Object><Key>k</Key></Object></delete>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownElementsAreIgnored() {
        Delete delete = xml.read(("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Future>x</Future>"
                + "<Object><Key>k</Key><Colour>3</Colour><Nested><A>1</A></Nested></Object><Quiet>true</Quiet></Delete>")
                .getBytes(StandardCharsets.UTF_8), Delete.class);
        assertThat(delete).isEqualTo(new Delete(java.util.List.of(new Delete.ObjectIdentifier("k", null, null)), true));
    }

    @Test
    void commentsAndWhitespaceAroundTheRootAreFine() {
        Delete delete = xml.read("\n<!-- c --><Delete><Object><Key>k</Key></Object></Delete>\n<!-- d -->\n"
                .getBytes(StandardCharsets.UTF_8), Delete.class);
        assertThat(delete.objects()).hasSize(1);
    }

    @Test
    void externalEntityIsNotResolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String body = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE Delete [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Delete><Object><Key>&xxe;</Key></Object></Delete>";
        assertThatThrownBy(() -> xml.read(body.getBytes(StandardCharsets.UTF_8), Delete.class))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MalformedXML))
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void externalDtdIsNotFetched(@TempDir Path dir) throws Exception {
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY x \"expanded\">");
        String body = "<!DOCTYPE Delete SYSTEM \"" + dtd.toUri() + "\"><Delete><Object><Key>&x;</Key></Object></Delete>";
        assertMalformed(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void internalEntityExpansionIsRefused() {
        String body = "<!DOCTYPE Delete [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<Delete><Object><Key>&b;</Key></Object></Delete>";
        assertMalformed(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void malformedXmlCarriesTheParseErrorAsCauseForTheLog() {
        assertThatThrownBy(() -> xml.read("<Delete".getBytes(StandardCharsets.UTF_8), Delete.class))
                .isInstanceOf(S3Exception.class)
                .hasCauseInstanceOf(Exception.class);
    }

    private void assertMalformed(byte[] body) {
        assertThatThrownBy(() -> xml.read(body, Delete.class))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.MalformedXML);
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    private void assertMalformedWithoutCause(byte[] body) {
        assertThatThrownBy(() -> xml.read(body, Delete.class))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.MalformedXML))
                .hasNoCause();
    }
}
