package dev.coffer.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class BrowserRedirectTest {
    private final BrowserRedirect redirect = new BrowserRedirect(DriveOriginsTest.origins(9001, 9000));
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void browserOpeningTheRootIsRedirectedToTheDrivesOwnOrigin() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/").header(HttpHeaders.HOST, "nas.local:9000").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).build();
        assertThat(redirect.applies(request)).isTrue();
        MockServerHttpResponse response = new MockServerHttpResponse();
        redirect.send(request, response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
        assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo("http://nas.local:9001/");
    }

    @Test
    void theDrivesOldPathOnTheS3PortIsSentToTheDriveToo() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        redirect.handleOldPath(MockServerHttpRequest.get("/_coffer/ui/").header(HttpHeaders.HOST, "localhost:9000").build(), response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
        assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo("http://localhost:9001/");
    }

    @Test
    void withoutADriveNothingIsRedirected() {
        BrowserRedirect off = new BrowserRedirect(DriveOriginsTest.origins(-1, 9000));
        assertThat(off.applies(MockServerHttpRequest.get("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).build())).isFalse();
    }

    @Test
    void signedListBucketsIsNotRedirectedEvenWhenItAcceptsHtml() {
        assertThat(redirect.applies(MockServerHttpRequest.get("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)
                .header(HttpHeaders.AUTHORIZATION, "AWS4-HMAC-SHA256 Credential=AKIA/20250101/us-east-1/s3/aws4_request").build()))
                .isFalse();
    }

    @Test
    void presignedListBucketsIsNotRedirected() {
        assertThat(redirect.applies(MockServerHttpRequest.get("/?X-Amz-Signature=abc").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)
                .build())).isFalse();
    }

    @Test
    void clientsThatDoNotAskForHtmlAreNotRedirected() {
        assertThat(redirect.applies(MockServerHttpRequest.get("/").build())).isFalse();
        assertThat(redirect.applies(MockServerHttpRequest.get("/").header(HttpHeaders.ACCEPT, "*/*").build())).isFalse();
    }

    @Test
    void onlyTheRootIsRedirected() {
        assertThat(redirect.applies(MockServerHttpRequest.get("/photos").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).build()))
                .isFalse();
        assertThat(redirect.applies(MockServerHttpRequest.head("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).build()))
                .isFalse();
    }
}
