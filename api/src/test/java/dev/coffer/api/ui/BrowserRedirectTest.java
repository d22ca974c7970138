package dev.coffer.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class BrowserRedirectTest {
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void browserOpeningTheRootIsRedirectedToTheUi() {
        assertThat(BrowserRedirect.applies(MockServerHttpRequest.get("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).build()))
                .isTrue();
        MockServerHttpResponse response = new MockServerHttpResponse();
        BrowserRedirect.send(response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
        assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo("/_coffer/ui/");
    }

    @Test
    void signedListBucketsIsNotRedirectedEvenWhenItAcceptsHtml() {
        assertThat(BrowserRedirect.applies(MockServerHttpRequest.get("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)
                .header(HttpHeaders.AUTHORIZATION, "AWS4-HMAC-SHA256 Credential=AKIA/20250101/us-east-1/s3/aws4_request").build()))
                .isFalse();
    }

    @Test
    void presignedListBucketsIsNotRedirected() {
        assertThat(BrowserRedirect.applies(MockServerHttpRequest.get("/?X-Amz-Signature=abc").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)
                .build())).isFalse();
    }

    @Test
    void clientsThatDoNotAskForHtmlAreNotRedirected() {
        assertThat(BrowserRedirect.applies(MockServerHttpRequest.get("/").build())).isFalse();
        assertThat(BrowserRedirect.applies(MockServerHttpRequest.get("/").header(HttpHeaders.ACCEPT, "*/*").build())).isFalse();
    }

    @Test
    void onlyTheRootIsRedirected() {
        assertThat(BrowserRedirect.applies(MockServerHttpRequest.get("/photos").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).build()))
                .isFalse();
        assertThat(BrowserRedirect.applies(MockServerHttpRequest.head("/").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT).build()))
                .isFalse();
    }
}
