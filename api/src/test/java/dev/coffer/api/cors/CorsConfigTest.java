package dev.coffer.api.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.S3Xml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;

/** PutBucketCors's validation, the stored form, and the first-match evaluation. */
class CorsConfigTest {
    private final S3Xml xml = new S3Xml();

    private static byte[] resource(String name) {
        try (InputStream in = CorsConfigTest.class.getResourceAsStream("/xml/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String doc(String... rules) {
        return "<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + String.join("", rules)
                + "</CORSConfiguration>";
    }

    private CorsConfig parse(String document) {
        return CorsConfig.parse(document.getBytes(StandardCharsets.UTF_8), xml);
    }

    private void refused(String document, S3ErrorCode code, String message) {
        assertThatThrownBy(() -> parse(document)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (message != null) assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void theAwsExampleParsesIntoItsRulesInOrder() {
        CorsConfig config = CorsConfig.parse(resource("CORSConfiguration.xml"), xml);
        assertThat(config.rules()).hasSize(2);
        CorsRule first = config.rules().get(0);
        assertThat(first.id()).isEqualTo("Rule 1");
        assertThat(first.allowedOrigins()).containsExactly("http://www.example.com");
        assertThat(first.allowedMethods()).containsExactly("PUT", "POST", "DELETE");
        assertThat(first.allowedHeaders()).containsExactly("*");
        assertThat(first.exposeHeaders()).containsExactly("x-amz-server-side-encryption", "x-amz-request-id", "x-amz-id-2");
        assertThat(first.maxAgeSeconds()).isEqualTo(3000);
        CorsRule second = config.rules().get(1);
        assertThat(second.id()).isNull();
        assertThat(second.allowedHeaders()).isEmpty();
        assertThat(second.maxAgeSeconds()).isNull();
    }

    @Test
    void theStoredDocumentIsWhatGetBucketCorsAnswersAndReadsBackTheSame() {
        CorsConfig config = CorsConfig.parse(resource("CORSConfiguration.xml"), xml);
        byte[] stored = config.toXml(xml);
        var diff = DiffBuilder.compare(Input.fromByteArray(resource("CORSConfiguration-stored.xml")))
                .withTest(Input.fromByteArray(stored)).ignoreWhitespace().ignoreComments().checkForIdentical().build();
        assertThat(diff.hasDifferences()).as(diff + "\n" + new String(stored, StandardCharsets.UTF_8)).isFalse();
        assertThat(CorsConfig.fromStored(stored, xml).rules()).isEqualTo(config.rules());
    }

    @Test
    void anEmptyOriginAndTheCaseOfAllowedHeadersAreKept() {
        CorsConfig config = parse(doc("<CORSRule><AllowedOrigin></AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedHeader>x-AMZ-server-SIDE-encryption</AllowedHeader></CORSRule>"));
        assertThat(config.rules().get(0).allowedOrigins()).containsExactly("");
        CorsConfig back = CorsConfig.fromStored(config.toXml(xml), xml);
        assertThat(back.rules().get(0).allowedOrigins()).containsExactly("");
        assertThat(back.rules().get(0).allowedHeaders()).containsExactly("x-AMZ-server-SIDE-encryption");
    }

    @Test
    void noRuleIsMalformedXml() {
        refused(doc(), S3ErrorCode.MalformedXML, null);
        refused("<CORSConfiguration/>", S3ErrorCode.MalformedXML, null);
    }

    @Test
    void aRuleWithoutOriginOrMethodIsMalformedXml() {
        refused(doc("<CORSRule/>"), S3ErrorCode.MalformedXML, null);
        refused(doc("<CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule>"), S3ErrorCode.MalformedXML, null);
        refused(doc("<CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule>"), S3ErrorCode.MalformedXML, null);
    }

    @Test
    void aMethodS3DoesNotAllowIsInvalidRequestNamingIt() {
        for (String method : List.of("MYMETHOD", "OPTIONS", "PATCH", "get", "")) {
            refused(doc("<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>"
                    + method + "</AllowedMethod></CORSRule>"), S3ErrorCode.InvalidRequest,
                    "Found unsupported HTTP method in CORS config. Unsupported method is " + method);
        }
    }

    @Test
    void twoStarsInAnOriginOrAHeaderAreInvalidRequest() {
        refused(doc("<CORSRule><AllowedOrigin>*example*.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>"),
                S3ErrorCode.InvalidRequest, "AllowedOrigin \"*example*.com\" can not have more than one wildcard.");
        refused(doc("<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedHeader>x-*-*</AllowedHeader></CORSRule>"),
                S3ErrorCode.InvalidRequest, "AllowedHeader \"x-*-*\" can not have more than one wildcard.");
    }

    @Test
    void aStarInAnExposeHeaderIsInvalidRequest() {
        refused(doc("<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<ExposeHeader>*</ExposeHeader></CORSRule>"), S3ErrorCode.InvalidRequest,
                "ExposeHeader \"*\" contains wildcard. We currently do not support wildcard for ExposeHeader.");
    }

    @Test
    void anIdOf255CharactersIsTheLongest() {
        String rule = "<CORSRule><ID>%s</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>";
        assertThat(parse(doc(rule.formatted("i".repeat(255)))).rules()).hasSize(1);
        refused(doc(rule.formatted("i".repeat(256))), S3ErrorCode.InvalidArgument, null);
    }

    @Test
    void aHundredRulesIsTheMost() {
        String rule = "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>";
        assertThat(parse(doc(rule.repeat(100))).rules()).hasSize(100);
        refused(doc(rule.repeat(101)), S3ErrorCode.MalformedXML, null);
    }

    @Test
    void aMaxAgeThatIsNoIntegerIsMalformedXml() {
        refused(doc("<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<MaxAgeSeconds>soon</MaxAgeSeconds></CORSRule>"), S3ErrorCode.MalformedXML, null);
    }

    @Test
    void theFirstMatchingRuleDecides() {
        CorsConfig config = parse(doc(
                "<CORSRule><ID>a</ID><AllowedOrigin>http://a.example</AllowedOrigin><AllowedMethod>PUT</AllowedMethod></CORSRule>",
                "<CORSRule><ID>b</ID><AllowedOrigin>http://*.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                        + "<AllowedMethod>PUT</AllowedMethod></CORSRule>",
                "<CORSRule><ID>c</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>"));
        assertThat(config.firstMatch("http://a.example", "PUT", List.of()).map(CorsRule::id)).hasValue("a");
        assertThat(config.firstMatch("http://a.example", "GET", List.of()).map(CorsRule::id)).hasValue("b");
        assertThat(config.firstMatch("http://b.other", "GET", List.of()).map(CorsRule::id)).hasValue("c");
        assertThat(config.firstMatch("http://b.other", "DELETE", List.of())).isEmpty();
    }
}
