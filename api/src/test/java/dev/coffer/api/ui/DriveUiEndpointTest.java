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
            "icon.svg", bytes("<svg/>"))), DriveOriginsTest.origins(9001, 9000), "eu-west-1");

    @Test
    void folderServesIndexHtml() {
        MockServerHttpResponse response = get("/");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("text/html;charset=utf-8");
        assertThat(response.getBodyAsString().block()).isEqualTo("<!doctype html>");
    }

    @Test
    void configTellsThePageTheS3EndpointOnTheHostItWasOpenedWithAndTheRegion() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        endpoint.handle(MockServerHttpRequest.get("/config.json").header(HttpHeaders.HOST, "nas.local:9001").build(), response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/json");
        assertThat(response.getBodyAsString().block()).isEqualTo("{\"s3Endpoint\":\"http://nas.local:9000\",\"region\":\"eu-west-1\"}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"js/app.js=text/javascript", "css/app.css=text/css", "icon.svg=image/svg+xml"})
    void filesCarryTheirContentType(String pathAndType) {
        String[] parts = pathAndType.split("=");
        MockServerHttpResponse response = get("/" + parts[0]);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith(parts[1]);
        assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void pagesCarryAContentSecurityPolicyThatForbidsInlineScript() {
        String csp = get("/").getHeaders().getFirst("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'")
                .contains("connect-src 'self' http://localhost:9000;");
    }

    @Test
    void noOtherWindowKeepsAHandleOnTheDrive() {
        HttpHeaders headers = get("/").getHeaders();
        assertThat(headers.getFirst("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../ui/index.html",
        "/js/../index.html",
        "/%2e%2e/ui/index.html",
        "/%2E%2E%2Fui%2Findex.html",
        "/js/%2e%2e%2fapp.js",
        "/./index.html",
        "//index.html",
        "/js%5c..%5cindex.html",
        "/index.html%00.js",
        "/../../../../etc/passwd",
        "/%252e%252e/index.html",
        "/missing.js",
        "/js/",
    })
    void pathsOutsideTheAssetsAreNotFound(String rawPath) {
        assertThat(get(rawPath).getStatusCode()).as(rawPath).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void matchingEtagAnswersNotModified() {
        String etag = get("/js/app.js").getHeaders().getETag();
        MockServerHttpResponse response = new MockServerHttpResponse();
        endpoint.handle(MockServerHttpRequest.get("/js/app.js").header(HttpHeaders.IF_NONE_MATCH, etag).build(),
                response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void onlyGetAndHeadAreAllowed() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        endpoint.handle(MockServerHttpRequest.put("/index.html").build(), response).block();
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
