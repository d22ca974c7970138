package dev.coffer.api.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.xml.S3Xml;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

/** An actual request's CORS headers: added as the response goes out, whatever its status. */
class BucketCorsTest {
    private final MemoryCorsStore store = new MemoryCorsStore();
    private final BucketCors cors = new BucketCors(store);

    BucketCorsTest() {
        store.configs.put("b", CorsConfig.parse(("<CORSConfiguration><CORSRule><AllowedOrigin>http://app.example"
                + "</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
                + "<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>60</MaxAgeSeconds></CORSRule></CORSConfiguration>")
                .getBytes(StandardCharsets.UTF_8), new S3Xml()));
    }

    private HttpHeaders sent(HttpMethod method, String bucket, HttpStatus status, Map<String, String> headers) {
        MockServerHttpRequest.BaseBuilder<?> b = MockServerHttpRequest.method(method, "/" + bucket + "/k");
        headers.forEach(b::header);
        MockServerHttpResponse response = new MockServerHttpResponse();
        cors.decorate(bucket, b.build(), response);
        response.setStatusCode(status);
        response.setComplete().block();
        return response.getHeaders();
    }

    @Test
    void aMatchingRequestCarriesTheRulesHeadersEvenOnAnError() {
        for (HttpStatus status : new HttpStatus[] {HttpStatus.OK, HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND}) {
            HttpHeaders out = sent(HttpMethod.GET, "b", status, Map.of("Origin", "http://app.example"));
            assertThat(out.getFirst("Access-Control-Allow-Origin")).as("%s", status).isEqualTo("http://app.example");
            assertThat(out.getFirst("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(out.getFirst("Access-Control-Allow-Methods")).isEqualTo("GET, PUT");
            assertThat(out.getFirst("Access-Control-Expose-Headers")).isEqualTo("ETag");
            assertThat(out.getFirst("Access-Control-Max-Age")).isEqualTo("60");
            assertThat(out.getFirst("Vary")).isEqualTo(CorsHeaders.VARY);
        }
    }

    @Test
    void aRequestNoRuleAllowsGetsNoCorsHeaderAndNoVary() {
        assertThat(sent(HttpMethod.DELETE, "b", HttpStatus.NO_CONTENT, Map.of("Origin", "http://app.example")).headerNames())
                .noneMatch(h -> h.toLowerCase().startsWith("access-control-") || h.equalsIgnoreCase("vary"));
        assertThat(sent(HttpMethod.GET, "b", HttpStatus.OK, Map.of("Origin", "http://other.example")).headerNames())
                .noneMatch(h -> h.toLowerCase().startsWith("access-control-") || h.equalsIgnoreCase("vary"));
        assertThat(sent(HttpMethod.GET, "nocors", HttpStatus.OK, Map.of("Origin", "http://app.example")).headerNames())
                .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        assertThat(sent(HttpMethod.GET, "b", HttpStatus.OK, Map.of()).headerNames())
                .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void theAccessControlRequestMethodHeaderDecidesWhenSent() {
        HttpHeaders out = sent(HttpMethod.GET, "b", HttpStatus.OK,
                Map.of("Origin", "http://app.example", "Access-Control-Request-Method", "DELETE"));
        assertThat(out.getFirst("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aStoreThatFailsLeavesTheAnswerWithoutCors() {
        BucketCors failing = new BucketCors(new MemoryCorsStore() {
            @Override
            public Mono<Optional<CorsConfig>> find(String bucket) {
                return Mono.error(new IllegalStateException("disk"));
            }
        });
        MockServerHttpResponse response = new MockServerHttpResponse();
        failing.decorate("b", MockServerHttpRequest.get("/b/k").header("Origin", "http://app.example").build(), response);
        response.setComplete().block();
        assertThat(response.getHeaders().getFirst("Access-Control-Allow-Origin")).isNull();
    }
}
