package dev.coffer.api.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.ui.DriveOrigins;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

class DriveCorsTest {
    private static final String DRIVE = "http://localhost:9001";
    private final DriveCors cors = new DriveCors(new DriveOrigins(List.of(), "", () -> 9001, () -> 9000));

    private static MockServerHttpRequest.BaseBuilder<?> from(HttpMethod method, String origin) {
        MockServerHttpRequest.BaseBuilder<?> b = MockServerHttpRequest.method(method, "/photos/a.png")
                .header(HttpHeaders.HOST, "localhost:9000");
        return origin == null ? b : b.header(HttpHeaders.ORIGIN, origin);
    }

    @Test
    void theDrivesPreflightIsAnsweredWithTheMethodsAndTheHeadersItAskedFor() {
        MockServerHttpRequest request = from(HttpMethod.OPTIONS, DRIVE)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PUT")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,x-amz-content-sha256, X-Amz-Date").build();
        assertThat(cors.isDrivePreflight(request)).isTrue();
        MockServerHttpResponse response = new MockServerHttpResponse();
        cors.preflight(request, response).block();
        HttpHeaders out = response.getHeaders();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(out.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(DRIVE);
        assertThat(out.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS)).contains("PUT");
        assertThat(out.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS)).isEqualTo("authorization, x-amz-content-sha256, x-amz-date");
        assertThat(out.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isNull();
    }

    @Test
    void aPreflightFromAnotherOriginOrForAnotherMethodIsNotTheDrives() {
        assertThat(cors.isDrivePreflight(from(HttpMethod.OPTIONS, "http://evil.example:9001")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET").build())).isFalse();
        assertThat(cors.isDrivePreflight(from(HttpMethod.OPTIONS, DRIVE)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH").build())).isFalse();
        assertThat(cors.isDrivePreflight(from(HttpMethod.OPTIONS, DRIVE).build())).isFalse();
    }

    @Test
    void aResponseToTheDriveAllowsItsOriginAndExposesEveryHeaderItSets() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        cors.grant(from(HttpMethod.HEAD, DRIVE).build(), response);
        response.getHeaders().set(HttpHeaders.ETAG, "\"abc\"");
        response.getHeaders().set("x-amz-version-id", "v1");
        response.getHeaders().set("x-amz-checksum-crc32", "AAAAAA==");
        response.getHeaders().set("x-amz-meta-owner", "me");
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "image/png");
        response.setComplete().block();
        HttpHeaders out = response.getHeaders();
        assertThat(out.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(DRIVE);
        assertThat(out.getFirst(HttpHeaders.VARY)).isEqualTo("Origin");
        assertThat(out.getFirst(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS).split(", "))
                .contains("ETag", "x-amz-version-id", "x-amz-checksum-crc32", "x-amz-meta-owner")
                .doesNotContain("Content-Type", "Access-Control-Allow-Origin", "Vary");
    }

    @Test
    void aResponseToAnyOtherOriginOrToNoOriginGetsNoCorsHeader() {
        for (String origin : new String[] {"http://localhost:9000", "http://evil.example:9001", null}) {
            MockServerHttpResponse response = new MockServerHttpResponse();
            cors.grant(from(HttpMethod.GET, origin).build(), response);
            response.getHeaders().set(HttpHeaders.ETAG, "\"abc\"");
            response.writeWith(Mono.empty()).block();
            assertThat(response.getHeaders().headerNames()).as(String.valueOf(origin))
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
    }
}
