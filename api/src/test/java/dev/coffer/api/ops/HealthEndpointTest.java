package dev.coffer.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class HealthEndpointTest {
    private final Readiness readiness = new Readiness();
    private final HealthEndpoint health = new HealthEndpoint(readiness);

    private MockServerHttpResponse get() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        health.handle(MockServerHttpRequest.get(HealthEndpoint.PATH).build(), response).block();
        return response;
    }

    @Test
    void beforeStartItIsLiveButNotReady() {
        MockServerHttpResponse response = get();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBodyAsString().block())
                .isEqualTo("{\"status\":\"starting\",\"live\":true,\"ready\":false}\n");
    }

    @Test
    void afterStartItIsReady() {
        readiness.start();
        MockServerHttpResponse response = get();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/json");
        assertThat(response.getBodyAsString().block())
                .isEqualTo("{\"status\":\"ready\",\"live\":true,\"ready\":true}\n");
    }

    @Test
    void onceShutdownStartsItIsNotReadyAgain() {
        readiness.start();
        readiness.stop();
        MockServerHttpResponse response = get();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBodyAsString().block()).contains("\"status\":\"stopping\"", "\"ready\":false");
        assertThat(readiness.isRunning()).isFalse();
    }

    @Test
    void headAnswersTheStatusWithoutABody() {
        readiness.start();
        MockServerHttpResponse response = new MockServerHttpResponse();
        health.handle(MockServerHttpRequest.head(HealthEndpoint.PATH).build(), response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBodyAsString().block()).isEmpty();
    }

    @Test
    void otherMethodsAreRefused() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        health.handle(MockServerHttpRequest.post(HealthEndpoint.PATH).build(), response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(response.getHeaders().getFirst("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void itStartsLastAndStopsFirst() {
        assertThat(readiness.getPhase()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aJobKindThatKeepsFailingIsNamedAndTheNodeStaysReady() {
        readiness.start();
        MockServerHttpResponse response = new MockServerHttpResponse();
        new HealthEndpoint(readiness, () -> java.util.List.of("scrub", "gc"))
                .handle(MockServerHttpRequest.get(HealthEndpoint.PATH).build(), response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBodyAsString().block())
                .isEqualTo("{\"status\":\"ready\",\"live\":true,\"ready\":true,\"failingJobs\":[\"scrub\",\"gc\"]}\n");
    }

    @Test
    void aStorageProblemIsToldInWordsAndTheNodeStaysReady() {
        readiness.start();
        MockServerHttpResponse response = new MockServerHttpResponse();
        new HealthEndpoint(readiness, java.util.List::of, () -> java.util.List.of("catalogue refuses changes: IOError (\"x\")"))
                .handle(MockServerHttpRequest.get(HealthEndpoint.PATH).build(), response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBodyAsString().block()).isEqualTo(
                "{\"status\":\"ready\",\"live\":true,\"ready\":true,\"problems\":[\"catalogue refuses changes: IOError (\\\"x\\\")\"]}\n");
    }

    @Test
    void aClusterNodeAddsItsRaftViewAfterTheProblems() {
        readiness.start();
        MockServerHttpResponse response = new MockServerHttpResponse();
        new HealthEndpoint(readiness, java.util.List::of, () -> java.util.List.of("cluster: n3 has not answered for 9 s"),
                () -> ",\"cluster\":{\"node\":\"n1\",\"role\":\"leader\"}")
                .handle(MockServerHttpRequest.get(HealthEndpoint.PATH).build(), response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBodyAsString().block()).isEqualTo("{\"status\":\"ready\",\"live\":true,\"ready\":true,"
                + "\"problems\":[\"cluster: n3 has not answered for 9 s\"],\"cluster\":{\"node\":\"n1\",\"role\":\"leader\"}}\n");
    }
}
