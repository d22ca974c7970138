package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The drive on its own origin, seen from plain HTTP: the S3 port serves no page of the drive (it
 * sends browsers to the drive's port), the drive's port serves no object byte, and the S3 port
 * grants CORS to the drive's origin only.
 */
@ExtendWith(CofferServerExtension.class)
class DriveOriginIT {
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static CofferServer server;
    private static String drive;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        drive = server.driveUrl().toString();
        bucket = server.createBucket("drive-origin");
        server.s3().putObject(b -> b.bucket(bucket).key("page.html").contentType("text/html"),
                RequestBody.fromString("<script>alert(1)</script>"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String driveOrigin() {
        return drive.substring(0, drive.length() - 1);
    }

    @Test
    void aBrowserOpeningTheS3PortIsSentToTheDrivesOwnPort() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Accept", BROWSER_ACCEPT).GET());
        assertThat(response.statusCode()).isEqualTo(307);
        assertThat(response.headers().firstValue("Location")).hasValue(drive);
        assertThat(URI.create(drive).getPort()).isNotEqualTo(server.port());
    }

    @Test
    void theS3PortServesNoPageOfTheDrive() throws Exception {
        for (String path : List.of("/_coffer/ui/", "/_coffer/ui/index.html", "/_coffer/ui/js/app.js", "/index.html",
                "/js/app.js", "/config.json")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve(path)).GET());
            assertThat(response.statusCode()).as(path).isIn(307, 400, 403, 404);
            assertThat(response.body()).as(path).doesNotContain("Coffer Drive").doesNotContain("import ");
        }
    }

    @Test
    void theDrivesPortServesTheDriveAndWhereTheS3EndpointIs() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(drive)).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Coffer Drive</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("connect-src 'self' " + server.endpoint()).contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<String> config = send(HttpRequest.newBuilder(URI.create(drive + "config.json")).GET());
        assertThat(config.body()).isEqualTo("{\"s3Endpoint\":\"" + server.endpoint() + "\",\"region\":\"us-east-1\"}\n");
    }

    @Test
    void theDrivesPortNeverServesAnObject() throws Exception {
        String presigned = server.presigner().presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("page.html"))).url().toString();
        URI onDrivePort = URI.create(drive).resolve(URI.create(presigned).getRawPath() + "?" + URI.create(presigned).getRawQuery());
        for (URI uri : List.of(onDrivePort, URI.create(drive + bucket + "/page.html"), URI.create(drive + bucket + "/"))) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET());
            assertThat(response.statusCode()).as(uri.toString()).isEqualTo(404);
            assertThat(response.body()).as(uri.toString()).doesNotContain("alert(1)");
        }
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(drive + bucket + "/x"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void theDrivesPreflightIsGrantedAndItsResponsesExposeTheHeadersItReads() throws Exception {
        URI object = server.endpoint().resolve("/" + bucket + "/page.html");
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(object)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", driveOrigin())
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-amz-content-sha256,x-amz-date"));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(driveOrigin());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("authorization").contains("x-amz-date");

        String presigned = server.presigner().presignHeadObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                .headObjectRequest(g -> g.bucket(bucket).key("page.html"))).url().toString();
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(presigned))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Origin", driveOrigin()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Access-Control-Allow-Origin")).hasValue(driveOrigin());
        assertThat(head.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .containsIgnoringCase("etag").contains("x-amz-request-id");
    }

    @Test
    void anErrorToTheDriveCarriesCorsSoThePageCanReadIt() throws Exception {
        HttpResponse<String> denied = send(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/page.html"))
                .header("Origin", driveOrigin()).GET());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("<Code>AccessDenied</Code>");
        assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).hasValue(driveOrigin());
    }

    @Test
    void anyOtherOriginGetsNoCors() throws Exception {
        URI object = server.endpoint().resolve("/" + bucket + "/page.html");
        for (String origin : List.of("http://evil.example:" + URI.create(drive).getPort(), server.endpoint().toString(),
                "http://127.0.0.1:1")) {
            HttpResponse<String> preflight = send(HttpRequest.newBuilder(object)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin).header("Access-Control-Request-Method", "GET"));
            assertThat(preflight.statusCode()).as(origin).isNotEqualTo(200);
            assertThat(preflight.headers().map().keySet()).as(origin)
                    .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            HttpResponse<String> get = send(HttpRequest.newBuilder(object).header("Origin", origin).GET());
            assertThat(get.headers().map().keySet()).as(origin)
                    .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        }
    }
}
