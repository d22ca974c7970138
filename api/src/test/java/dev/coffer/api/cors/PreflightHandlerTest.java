package dev.coffer.api.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.xml.S3Xml;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

/** The preflight's answers, in the order S3 gives them, against a store in memory. */
class PreflightHandlerTest {
    private static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
    private final MemoryCorsStore store = new MemoryCorsStore();
    private final PreflightHandler handler = new PreflightHandler(store,
            bucket -> Mono.just(Set.of("configured", "plain").contains(bucket)));
    private MockServerHttpResponse response;

    @BeforeEach
    void configure() {
        store.configs.put("configured", CorsConfig.parse(("<CORSConfiguration>"
                + "<CORSRule><AllowedOrigin>https://localhost:4200</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"
                + "<AllowedMethod>PUT</AllowedMethod><AllowedHeader>x-amz-*</AllowedHeader><AllowedHeader>Content-Type"
                + "</AllowedHeader><ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-version-id</ExposeHeader>"
                + "<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>"
                + "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>HEAD</AllowedMethod></CORSRule>"
                + "</CORSConfiguration>").getBytes(StandardCharsets.UTF_8), new S3Xml()));
    }

    private S3Call call(String bucket, String key, Map<String, String> headers) {
        MockServerHttpRequest.BaseBuilder<?> b = MockServerHttpRequest.method(HttpMethod.OPTIONS,
                "/" + (bucket == null ? "" : bucket + (key == null ? "" : "/" + key)));
        headers.forEach(b::header);
        response = new MockServerHttpResponse();
        return new S3Call(new S3Request(S3Operation.OPTIONS_OBJECT, bucket, key, Map.of(), false), b.build(), response,
                null, null, "req");
    }

    private HttpHeaders answered(String bucket, String key, Map<String, String> headers) {
        handler.handle(call(bucket, key, headers)).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentLength()).isZero();
        return response.getHeaders();
    }

    private void refused(String bucket, String key, Map<String, String> headers, S3ErrorCode code, String message,
                         Map<String, String> elements) {
        assertThatThrownBy(() -> handler.handle(call(bucket, key, headers)).block())
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.elements()).containsExactlyEntriesOf(elements);
                });
        assertThat(response.getHeaders().headerNames()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    /** The elements of the error, in order: Method, then ResourceType. */
    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    @Test
    void aMatchingPreflightGetsTheRulesHeaders() {
        HttpHeaders out = answered("configured", "k", Map.of("Origin", "https://localhost:4200",
                "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "content-type,X-Amz-Date, x-amz-content-sha256"));
        assertThat(out.getFirst("Access-Control-Allow-Origin")).isEqualTo("https://localhost:4200");
        assertThat(out.getFirst("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(out.getFirst("Access-Control-Allow-Methods")).isEqualTo("GET, PUT");
        assertThat(out.getFirst("Access-Control-Allow-Headers")).isEqualTo("content-type, x-amz-date, x-amz-content-sha256");
        assertThat(out.getFirst("Access-Control-Expose-Headers")).isEqualTo("ETag, x-amz-version-id");
        assertThat(out.getFirst("Access-Control-Max-Age")).isEqualTo("3000");
        assertThat(out.getFirst("Vary")).isEqualTo(VARY);
    }

    @Test
    void aRuleForEveryOriginAnswersStarWithoutCredentials() {
        HttpHeaders out = answered("configured", null, Map.of("Origin", "http://random:1234",
                "Access-Control-Request-Method", "HEAD"));
        assertThat(out.getFirst("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(out.getFirst("Access-Control-Allow-Credentials")).isNull();
        assertThat(out.getFirst("Access-Control-Allow-Methods")).isEqualTo("HEAD");
        assertThat(out.getFirst("Access-Control-Allow-Headers")).isNull();
        assertThat(out.getFirst("Access-Control-Expose-Headers")).isNull();
        assertThat(out.getFirst("Access-Control-Max-Age")).isNull();
        assertThat(out.getFirst("Vary")).isEqualTo(VARY);
    }

    @Test
    void withoutAnOriginItIsBadRequest() {
        refused("configured", "k", Map.of("Access-Control-Request-Method", "GET"), S3ErrorCode.BadRequest,
                "Insufficient information. Origin request header needed.", Map.of());
        refused("nosuch", "k", Map.of(), S3ErrorCode.BadRequest,
                "Insufficient information. Origin request header needed.", Map.of());
    }

    @Test
    void aMethodS3DoesNotKnowIsBadRequestBeforeAnyLookup() {
        refused("nosuch", "k", Map.of("Origin", "http://a", "Access-Control-Request-Method", "BLAH"),
                S3ErrorCode.BadRequest, "Invalid Access-Control-Request-Method: BLAH", Map.of());
        refused("plain", "k", Map.of("Origin", "http://a", "Access-Control-Request-Method", "OPTIONS"),
                S3ErrorCode.BadRequest, "Invalid Access-Control-Request-Method: OPTIONS", Map.of());
    }

    @Test
    void aBucketThatDoesNotExistIsForbidden() {
        refused("nosuch", "k", Map.of("Origin", "http://a"), S3ErrorCode.AccessForbidden,
                "CORSResponse: Bucket not found", ordered("Method", "OPTIONS", "ResourceType", "BUCKET"));
    }

    @Test
    void aBucketWithoutConfigurationIsForbiddenAsABucket() {
        refused("plain", "k", Map.of("Origin", "http://a", "Access-Control-Request-Method", "PUT"),
                S3ErrorCode.AccessForbidden, "CORSResponse: CORS is not enabled for this bucket.",
                ordered("Method", "PUT", "ResourceType", "BUCKET"));
        refused("plain", "k", Map.of("Origin", "http://a"), S3ErrorCode.AccessForbidden,
                "CORSResponse: CORS is not enabled for this bucket.", ordered("Method", "OPTIONS", "ResourceType", "BUCKET"));
    }

    @Test
    void noMethodAskedOfAConfiguredBucketIsBadRequest() {
        refused("configured", "k", Map.of("Origin", "https://localhost:4200"), S3ErrorCode.BadRequest,
                "Invalid Access-Control-Request-Method: null", Map.of());
    }

    @Test
    void whatNoRuleAllowsIsForbiddenNamingTheMethodAndTheResourceType() {
        String notAllowed = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of "
                + "Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not "
                + "whitelisted by the resource's CORS spec.";
        refused("configured", "k", Map.of("Origin", "http://localhost:4200", "Access-Control-Request-Method", "PUT"),
                S3ErrorCode.AccessForbidden, notAllowed, ordered("Method", "PUT", "ResourceType", "OBJECT"));
        refused("configured", null, Map.of("Origin", "https://localhost:4200", "Access-Control-Request-Method", "DELETE"),
                S3ErrorCode.AccessForbidden, notAllowed, ordered("Method", "DELETE", "ResourceType", "BUCKET"));
        refused("configured", "k", Map.of("Origin", "https://localhost:4200", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "x-amz-date,authorization"),
                S3ErrorCode.AccessForbidden, notAllowed, ordered("Method", "GET", "ResourceType", "OBJECT"));
    }

    @Test
    void aPreflightOfTheServiceFindsNoBucket() {
        refused(null, null, Map.of("Origin", "http://a", "Access-Control-Request-Method", "GET"),
                S3ErrorCode.AccessForbidden, "CORSResponse: Bucket not found", ordered("Method", "GET", "ResourceType", "BUCKET"));
    }
}
