package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** /_coffer/health and /_coffer/metrics on the real server: no credentials, real counters. */
@ExtendWith(CofferServerExtension.class)
class OpsEndpointsOpsIT {
    private final CofferServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    OpsEndpointsOpsIT(CofferServer server) {
        this.server = server;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.endpoint().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private double metric(String series) throws Exception {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(get("/_coffer/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void healthAnswersReadyWithoutCredentials() throws Exception {
        HttpResponse<String> r = get("/_coffer/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("{\"status\":\"ready\",\"live\":true,\"ready\":true}\n");
    }

    @Test
    void metricsCountRequestsAndBytesByOperation() throws Exception {
        String bucket = server.createBucket("ops");
        String put = "coffer_requests_total{operation=\"PUT_OBJECT\",status=\"200\"}";
        double before = metric(put);
        double bytesBefore = metric("coffer_sent_bytes_total{operation=\"GET_OBJECT\"}");
        server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromBytes(new byte[10_000]));
        server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("k"));
        Thread.sleep(200);
        HttpResponse<String> r = get("/_coffer/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("coffer_request_duration_seconds_bucket{operation=\"PUT_OBJECT\",le=\"0.1\"}",
                "coffer_objects ", "coffer_stored_bytes ", "coffer_gc_backlog_chunks ", "jvm_memory_used_bytes");
        assertThat(metric(put)).isGreaterThanOrEqualTo(before + 1);
        assertThat(metric("coffer_sent_bytes_total{operation=\"GET_OBJECT\"}")).isGreaterThanOrEqualTo(bytesBefore + 10_000);
    }

    @Test
    void aBadDigestIsCountedAsAChecksumFailure() throws Exception {
        String bucket = server.createBucket("ops-digest");
        String series = "coffer_checksum_failures_total{kind=\"BadDigest\"}";
        double before = metric(series);
        assertThatThrownBy(() -> server.s3WhenRequiredChecksums().putObject(
                b -> b.bucket(bucket).key("k").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.fromString("not empty")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
        Thread.sleep(200);
        assertThat(metric(series)).isEqualTo(before + 1);
        assertThat(metric("coffer_s3_errors_total{code=\"BadDigest\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void noBucketCanShadowTheReservedPaths() {
        // Sent raw: the SDK itself refuses such names before sending.
        HttpResponse<byte[]> created = server.raw().signed("PUT", "/_cofferish");
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(new String(created.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("InvalidBucketName");
        assertThat(server.raw().signed("PUT", "/_coffer").statusCode()).isNotEqualTo(200);
        assertThat(server.s3().listBuckets().buckets()).noneMatch(b -> b.name().startsWith("_"));
    }
}
