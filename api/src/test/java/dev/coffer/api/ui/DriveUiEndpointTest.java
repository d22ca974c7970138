package dev.coffer.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class DriveUiEndpointTest {

    private final DriveUiEndpoint endpoint = new DriveUiEndpoint(new UiAssets(Map.of(
            "index.html", bytes("<!doctype html>"),
            "js/app.js", bytes("export {}"),
            "css/app.css", bytes("body{}"),
            "icon.svg", bytes("<svg/>"))));

    @Test
    void folderServesIndexHtml() {
        MockServerHttpResponse response = get("/_coffer/ui/");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("text/html;charset=utf-8");
        assertThat(response.getBodyAsString().block()).isEqualTo("<!doctype html>");
    }

    @Test
    void folderWithoutSlashRedirectsToTheFolder() {
        MockServerHttpResponse response = get("/_coffer/ui");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.MOVED_PERMANENTLY);
        assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo("/_coffer/ui/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"js/app.js=text/javascript", "css/app.css=text/css", "icon.svg=image/svg+xml"})
    void filesCarryTheirContentType(String pathAndType) {
        String[] parts = pathAndType.split("=");
        MockServerHttpResponse response = get("/_coffer/ui/" + parts[0]);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith(parts[1]);
        assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void pagesCarryAContentSecurityPolicyThatForbidsInlineScript() {
        String csp = get("/_coffer/ui/").getHeaders().getFirst("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/_coffer/ui/../ui/index.html",
        "/_coffer/ui/js/../index.html",
        "/_coffer/ui/%2e%2e/ui/index.html",
        "/_coffer/ui/%2E%2E%2Fui%2Findex.html",
        "/_coffer/ui/js/%2e%2e%2fapp.js",
        "/_coffer/ui/./index.html",
        "/_coffer/ui//index.html",
        "/_coffer/ui/js%5c..%5cindex.html",
        "/_coffer/ui/index.html%00.js",
        "/_coffer/ui/../../../../etc/passwd",
        "/_coffer/ui/%252e%252e/index.html",
        "/_coffer/ui/missing.js",
        "/_coffer/ui/js/",
    })
    void pathsOutsideTheAssetsAreNotFound(String rawPath) {
        assertThat(get(rawPath).getStatusCode()).as(rawPath).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void matchingEtagAnswersNotModified() {
        String etag = get("/_coffer/ui/js/app.js").getHeaders().getETag();
        MockServerHttpResponse response = new MockServerHttpResponse();
        endpoint.handle(MockServerHttpRequest.get("/_coffer/ui/js/app.js").header(HttpHeaders.IF_NONE_MATCH, etag).build(),
                response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void onlyGetAndHeadAreAllowed() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        endpoint.handle(MockServerHttpRequest.put("/_coffer/ui/index.html").build(), response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void theUiShippedInTheJarHasItsEntryPointAndModules() {
        UiAssets shipped = UiAssets.fromClasspath(DriveUiConfiguration.CLASSPATH_FOLDER);
        assertThat(shipped.get("index.html")).isPresent();
        assertThat(shipped.get("js/app.js")).isPresent();
        assertThat(shipped.get("js/sigv4.js")).isPresent();
    }

    private MockServerHttpResponse get(String rawPath) {
        MockServerHttpResponse response = new MockServerHttpResponse();
        // A URI, not a template: the path reaches the endpoint exactly as written (no normalising).
        endpoint.handle(MockServerHttpRequest.method(HttpMethod.GET, URI.create("http://localhost" + rawPath)).build(), response).block();
        return response;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
