package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.ops.CofferProcess;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.SigV2Signer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 13 and 24 on legacy Signature V2: a presigned URL lives at most 7 days (before, any
 * Expires was honoured, years ahead), {@code COFFER_AUTH_SIGV2_ENABLED=false} turns SigV2 off, and
 * a header-signed request's Date / x-amz-date is held to SigV4's 15 minutes.
 */
@ExtendWith(CofferServerExtension.class)
class SigV2LimitsIT {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("sigv2-limits");
    }

    private static HttpResponse<byte[]> put(URI url, String body) {
        return server.raw().send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void presignedUrlForMoreThanSevenDaysIsRefusedAndForSixIsServed() {
        String path = "/" + bucket + "/long-lived";
        long inEightDays = Instant.now().plus(Duration.ofDays(8)).getEpochSecond();
        assertXmlError(put(SigV2Signer.presign(server.endpoint(), "PUT", path, inEightDays), "x"), 400,
                "AuthorizationQueryParametersError");
        long inSixDays = Instant.now().plus(Duration.ofDays(6)).getEpochSecond();
        HttpResponse<byte[]> ok = put(SigV2Signer.presign(server.endpoint(), "PUT", path, inSixDays), "x");
        assertThat(ok.statusCode()).as(new String(ok.body())).isEqualTo(200);
    }

    private static HttpResponse<byte[]> getDated(URI endpoint, String path, Map<String, String> headers) {
        String date = headers.getOrDefault("Date", "");
        Map<String, String> amz = headers.containsKey("x-amz-date") ? Map.of("x-amz-date", headers.get("x-amz-date")) : Map.of();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).GET()
                .header("Authorization", SigV2Signer.authorization("GET", path, amz.isEmpty() ? date : "", amz));
        headers.forEach(request::header);
        return server.raw().send(request.build());
    }

    @Test
    void headerSignedRequestWithAStaleFutureOrMissingDateIsRefused() {
        server.s3().putObject(b -> b.bucket(bucket).key("dated"), software.amazon.awssdk.core.sync.RequestBody.fromString("d"));
        String path = "/" + bucket + "/dated";
        Instant now = Instant.now();
        assertThat(getDated(server.endpoint(), path, Map.of("Date", RFC_1123.format(now))).statusCode()).isEqualTo(200);
        for (Duration skew : new Duration[] {Duration.ofMinutes(-20), Duration.ofMinutes(20), Duration.ofDays(-30)}) {
            assertXmlError(getDated(server.endpoint(), path, Map.of("Date", RFC_1123.format(now.plus(skew)))), 403,
                    "RequestTimeTooSkewed");
            assertXmlError(getDated(server.endpoint(), path, Map.of("x-amz-date", RFC_1123.format(now.plus(skew)))), 403,
                    "RequestTimeTooSkewed");
        }
        // S3's body names the time it read, its own, and the skew it allows.
        String stale = RFC_1123.format(now.minus(Duration.ofMinutes(20)));
        String body = new String(getDated(server.endpoint(), path, Map.of("Date", stale)).body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("<RequestTime>" + stale + "</RequestTime><ServerTime>")
                .contains("</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>");
        // java.net.http sends no Date of its own: signed without one, the request carries none.
        assertXmlError(getDated(server.endpoint(), path, Map.of()), 403, "AccessDenied");
    }

    @Test
    void sigV2TurnedOffAnswersInvalidRequestAndSigV4StillWorks(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("COFFER_DATA_DIR", dir.resolve("data").toString(),
                "COFFER_ACCESS_KEY", CofferServer.ACCESS_KEY, "COFFER_SECRET_KEY", CofferServer.SECRET_KEY,
                "COFFER_AUTH_SIGV2_ENABLED", "false");
        try (CofferProcess v4Only = CofferProcess.start(env, dir.resolve("coffer.log"));
                S3Client client = v4Only.client(CofferServer.REGION)) {
            client.createBucket(b -> b.bucket("v4-only"));
            client.putObject(b -> b.bucket("v4-only").key("k"), software.amazon.awssdk.core.sync.RequestBody.fromString("v4"));
            URI endpoint = v4Only.uri("");
            String message = "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.";
            String xml = assertXmlError(getDated(endpoint, "/v4-only/k", Map.of("Date", RFC_1123.format(Instant.now()))),
                    400, "InvalidRequest");
            assertThat(xml).contains(message);
            URI presigned = SigV2Signer.presign(endpoint, "GET", "/v4-only/k", Instant.now().plusSeconds(300).getEpochSecond());
            xml = assertXmlError(server.raw().send(HttpRequest.newBuilder(presigned).GET().build()), 400, "InvalidRequest");
            assertThat(xml).contains(message);
            assertThat(client.getObjectAsBytes(b -> b.bucket("v4-only").key("k")).asUtf8String()).isEqualTo("v4");
        }
    }
}
