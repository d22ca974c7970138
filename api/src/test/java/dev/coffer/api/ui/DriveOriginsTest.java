package dev.coffer.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class DriveOriginsTest {

    /** The embedded defaults: nothing configured, the drive on {@code drivePort}, S3 on {@code s3Port}. */
    static DriveOrigins origins(int drivePort, int s3Port) {
        return new DriveOrigins(List.of(), "", () -> drivePort, () -> s3Port);
    }

    private static MockServerHttpRequest to(String host) {
        return MockServerHttpRequest.get("/").header(HttpHeaders.HOST, host).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9001", "http://127.0.0.1:9001", "http://[::1]:9001",
        "http://nas.local:9001", "https://nas.local:9001"})
    void byDefaultTheDriveIsThisMachineOrTheS3HostOnTheDrivePort(String origin) {
        assertThat(origins(9001, 9000).allows(origin, to("nas.local:9000"))).as(origin).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example:9001", "http://nas.local:9000", "http://nas.local", "null",
        "http://localhost:9001/", "http://user@localhost:9001", "ftp://localhost:9001", "http://localhost:09001"})
    void anyOtherOriginIsNotTheDrive(String origin) {
        assertThat(origins(9001, 9000).allows(origin, to("nas.local:9000"))).as(origin).isFalse();
    }

    @Test
    void withTheDriveOffNoOriginIsAllowed() {
        assertThat(origins(-1, 9000).allows("http://localhost:-1", to("localhost:9000"))).isFalse();
        assertThat(origins(-1, 9000).driveEnabled()).isFalse();
    }

    @Test
    void configuredOriginsReplaceTheDefaults() {
        DriveOrigins configured = new DriveOrigins(List.of("https://Drive.Example.com/", "http://10.0.0.5:8081"),
                "https://s3.example.com", () -> 9001, () -> 9000);
        assertThat(configured.allows("https://drive.example.com", to("s3.example.com"))).isTrue();
        assertThat(configured.allows("http://10.0.0.5:8081", to("s3.example.com"))).isTrue();
        assertThat(configured.allows("http://localhost:9001", to("localhost:9000"))).isFalse();
        assertThat(configured.driveUrl(to("s3.example.com"))).isEqualTo("https://drive.example.com/");
        assertThat(configured.s3Endpoint(to("drive.example.com"))).isEqualTo("https://s3.example.com");
    }

    @Test
    void derivedAddressesUseTheHostTheBrowserUsedAndTheProxysScheme() {
        DriveOrigins d = origins(9001, 9000);
        assertThat(d.driveUrl(to("192.168.1.20:9000"))).isEqualTo("http://192.168.1.20:9001/");
        assertThat(d.s3Endpoint(to("[::1]:9001"))).isEqualTo("http://[::1]:9000");
        MockServerHttpRequest tls = MockServerHttpRequest.get("/").header(HttpHeaders.HOST, "nas.local:9001")
                .header("X-Forwarded-Proto", "https").build();
        assertThat(d.s3Endpoint(tls)).isEqualTo("https://nas.local:9000");
    }

    @Test
    void aHostHeaderUnfitToRepeatBecomesLocalhost() {
        assertThat(origins(9001, 9000).s3Endpoint(to("evil\"; script-src *:9001"))).isEqualTo("http://localhost:9000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"drive.example.com", "https://drive.example.com/app", "https://drive.example.com?x=1",
        "javascript:alert(1)", "https://a b.com"})
    void aConfiguredValueThatIsNotAnOriginStopsTheStart(String value) {
        assertThatThrownBy(() -> new DriveOrigins(List.of(value), "", () -> 9001, () -> 9000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coffer.ui.origin");
    }
}
