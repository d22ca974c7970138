package dev.coffer.api.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.auth.policy.RequestContext;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ConditionKeysTest {

    @Test
    void aListingCarriesItsParametersThePeerAndTheTransport() {
        MockServerHttpRequest http = MockServerHttpRequest.get("/b").remoteAddress(new InetSocketAddress("10.1.2.3", 4000))
                .build();
        S3Request s3 = new S3Request(S3Operation.LIST_OBJECTS_V2, "b", null,
                Map.of("list-type", "2", "prefix", "home/alice/", "delimiter", "/", "max-keys", "10"), false);
        RequestContext keys = ConditionKeys.of(http, s3, Map.of("referer", "https://example.com/"));
        assertThat(keys.get("aws:SourceIp")).containsExactly("10.1.2.3");
        assertThat(keys.get("aws:securetransport")).containsExactly("false");
        assertThat(keys.get("s3:prefix")).containsExactly("home/alice/");
        assertThat(keys.get("s3:delimiter")).containsExactly("/");
        assertThat(keys.get("s3:max-keys")).containsExactly("10");
        assertThat(keys.get("aws:Referer")).containsExactly("https://example.com/");
        assertThat(keys.get("s3:VersionId")).isNull();
    }

    @Test
    void theTagsOfAPutAreRequestObjectTags() {
        MockServerHttpRequest http = MockServerHttpRequest.put("/b/k").build();
        S3Request s3 = new S3Request(S3Operation.PUT_OBJECT, "b", "k", Map.of(), false);
        RequestContext keys = ConditionKeys.of(http, s3, Map.of("x-amz-tagging", "project=blue&tier=gold%20plus"));
        assertThat(keys.get("s3:RequestObjectTagKeys")).containsExactlyInAnyOrder("project", "tier");
        assertThat(keys.get("s3:RequestObjectTag/project")).containsExactly("blue");
        assertThat(keys.get("s3:RequestObjectTag/tier")).containsExactly("gold plus");
    }

    @Test
    void conditionalWritesAndDeletesCarryTheirIfMatchAndIfNoneMatch() {
        MockServerHttpRequest http = MockServerHttpRequest.put("/b/k").build();
        Map<String, String> headers = Map.of("if-match", "\"e1\"", "if-none-match", "*");
        RequestContext put = ConditionKeys.of(http, new S3Request(S3Operation.PUT_OBJECT, "b", "k", Map.of(), false), headers);
        assertThat(put.get("s3:if-match")).containsExactly("\"e1\"");
        assertThat(put.get("s3:if-none-match")).containsExactly("*");
        RequestContext delete = ConditionKeys.of(http, new S3Request(S3Operation.DELETE_OBJECT, "b", "k", Map.of(), false),
                headers);
        assertThat(delete.get("s3:if-match")).containsExactly("\"e1\"");
        assertThat(delete.get("s3:if-none-match")).isNull();
        RequestContext get = ConditionKeys.of(http, new S3Request(S3Operation.GET_OBJECT, "b", "k", Map.of(), false), headers);
        assertThat(get.get("s3:if-match")).as("a read's If-Match is no condition key of s3:GetObject").isNull();
    }

    @Test
    void theSignatureGivesAuthTypeVersionAndAge() {
        Instant now = Instant.parse("2026-12-02T15:00:10Z");
        S3Request s3 = new S3Request(S3Operation.GET_OBJECT, "b", "k", Map.of(), false);
        MockServerHttpRequest http = MockServerHttpRequest.get("/b/k").build();

        RequestContext header = ConditionKeys.of(http, s3, Map.of("authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20261202/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00",
                "x-amz-date", "20261202T150000Z"), Map.of(), now);
        assertThat(header.get("s3:authType")).containsExactly("REST-HEADER");
        assertThat(header.get("s3:signatureversion")).containsExactly("AWS4-HMAC-SHA256");
        assertThat(header.get("s3:signatureAge")).containsExactly("10000");

        RequestContext presigned = ConditionKeys.of(http, s3, Map.of(),
                Map.of("X-Amz-Algorithm", "AWS4-HMAC-SHA256", "X-Amz-Date", "20261202T145900Z"), now);
        assertThat(presigned.get("s3:authType")).containsExactly("REST-QUERY-STRING");
        assertThat(presigned.get("s3:signatureversion")).containsExactly("AWS4-HMAC-SHA256");
        assertThat(presigned.get("s3:signatureAge")).containsExactly("70000");

        RequestContext v2 = ConditionKeys.of(http, s3, Map.of("authorization", "AWS AKID:c2ln"), Map.of(), now);
        assertThat(v2.get("s3:authType")).containsExactly("REST-HEADER");
        assertThat(v2.get("s3:signatureversion")).containsExactly("AWS");
        assertThat(v2.get("s3:signatureAge")).isNull();
        RequestContext v2Query = ConditionKeys.of(http, s3, Map.of(),
                Map.of("AWSAccessKeyId", "AKID", "Signature", "c2ln", "Expires", "1"), now);
        assertThat(v2Query.get("s3:authType")).containsExactly("REST-QUERY-STRING");
        assertThat(v2Query.get("s3:signatureversion")).containsExactly("AWS");

        RequestContext anonymous = ConditionKeys.of(http, s3, Map.of(), Map.of(), now);
        assertThat(anonymous.get("s3:authType")).isNull();
        assertThat(anonymous.get("s3:signatureversion")).isNull();
    }

    @Test
    void aPostFormGivesItsOwnSignatureAndTags() {
        Map<String, List<String>> keys = ConditionKeys.postForm(Map.of("x-amz-algorithm", "AWS4-HMAC-SHA256",
                "x-amz-date", "20261202T150000Z", "acl", "private"), Map.of("project", "blue"),
                Instant.parse("2026-12-02T15:00:01Z"));
        RequestContext context = RequestContext.EMPTY.with(keys);
        assertThat(context.get("s3:authType")).containsExactly("POST");
        assertThat(context.get("s3:signatureversion")).containsExactly("AWS4-HMAC-SHA256");
        assertThat(context.get("s3:signatureAge")).containsExactly("1000");
        assertThat(context.get("s3:x-amz-acl")).containsExactly("private");
        assertThat(context.get("s3:RequestObjectTagKeys")).containsExactly("project");
        assertThat(context.get("s3:RequestObjectTag/project")).containsExactly("blue");
        assertThat(RequestContext.EMPTY.with(ConditionKeys.postForm(Map.of("awsaccesskeyid", "AKID"), Map.of(),
                Instant.now())).get("s3:signatureversion")).containsExactly("AWS");
    }
}
