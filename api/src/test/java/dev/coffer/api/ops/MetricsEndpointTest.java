package dev.coffer.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class MetricsEndpointTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private MockServerHttpResponse scrape(MetricsEndpoint endpoint, String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(MetricsEndpoint.PATH);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        MockServerHttpResponse response = new MockServerHttpResponse();
        endpoint.handle(request.build(), response).block();
        return response;
    }

    private MetricsEndpoint withToken(String token) {
        return new MetricsEndpoint(registry, token, request -> false);
    }

    @Test
    void publicMetricsAreOpenAndSpeakPrometheusText() {
        registry.counter("coffer.requests", "operation", "GET_OBJECT", "status", "200").increment(3);
        MockServerHttpResponse response = scrape(withToken(null), null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst("Content-Type")).isEqualTo(MetricsEndpoint.CONTENT_TYPE);
        assertThat(response.getBodyAsString().block())
                .contains("# TYPE coffer_requests_total counter")
                .contains("coffer_requests_total{operation=\"GET_OBJECT\",status=\"200\"} 3.0");
    }

    @Test
    void withATokenAMissingOrWrongBearerIsRefused() {
        MetricsEndpoint endpoint = withToken("s3cret-token");
        MockServerHttpResponse missing = scrape(endpoint, null);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(missing.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(scrape(endpoint, "Bearer wrong").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(scrape(endpoint, "Basic czNjcmV0LXRva2Vu").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(scrape(endpoint, "Bearer s3cret-token-and-more").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void withATokenTheRightBearerScrapes() {
        MetricsEndpoint endpoint = withToken("s3cret-token");
        assertThat(scrape(endpoint, "Bearer s3cret-token").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scrape(endpoint, "bearer s3cret-token").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aRequestSignedByTheRootScrapesWithoutTheToken() {
        MetricsEndpoint endpoint = new MetricsEndpoint(registry, "s3cret-token",
                request -> "AWS4-HMAC-SHA256 root".equals(request.getHeaders().getFirst("Authorization")));
        assertThat(scrape(endpoint, "AWS4-HMAC-SHA256 root").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scrape(endpoint, "AWS4-HMAC-SHA256 someone-else").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
