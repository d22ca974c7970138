package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.HandSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * /_coffer/health (open to all) and /_coffer/metrics (the bearer token from the data directory, or
 * a request signed by the root) on the real server, with real counters.
 */
@ExtendWith(CofferServerExtension.class)
class OpsEndpointsOpsIT {
    private final CofferServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    OpsEndpointsOpsIT(CofferServer server) {
        this.server = server;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve(path));
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A scrape as Prometheus makes it: the token generated at first start, read from its file. */
    private HttpResponse<String> scrape() throws Exception {
        String token = Files.readString(server.dataDir().resolve("metrics-token"));
        return get("/_coffer/metrics", "Authorization", "Bearer " + token);
    }

    private double metric(String series) throws Exception {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(scrape().body());
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
    void metricsRefuseAScrapeWithoutTheTokenAtEveryPathBelowThem() throws Exception {
        for (String path : new String[] {"/_coffer/metrics", "/_coffer/metrics/", "/_coffer/metrics/anything"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Bearer realm=\"coffer-metrics\"");
            assertThat(r.body()).as(path).doesNotContain("coffer_requests_total");
            assertThat(get(path, "Authorization", "Bearer not-the-token").statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void theTokenFileIsReadableByItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDir().resolve("metrics-token"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aScrapeSignedByTheRootNeedsNoToken() throws Exception {
        URI uri = server.endpoint().resolve("/_coffer/metrics");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        HandSigner.header("GET", uri, Map.of(), "UNSIGNED-PAYLOAD").forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) request.header(name, value);
        });
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("coffer_requests_total");
    }

    @Test
    void healthTellsTheStateAndNothingElse() throws Exception {
        HttpResponse<String> r = get("/_coffer/health");
        assertThat(r.body()).doesNotContain(CofferServer.ACCESS_KEY, server.dataDir().toString(), "version");
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).contains("version"));
        assertThat(r.headers().firstValue("Server")).hasValue("Coffer");
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
        HttpResponse<String> r = scrape();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("coffer_request_duration_seconds_bucket{operation=\"PUT_OBJECT\",le=\"0.1\"}",
                "coffer_objects ", "coffer_stored_bytes ", "coffer_gc_backlog_chunks ", "jvm_memory_used_bytes");
        assertThat(metric(put)).isGreaterThanOrEqualTo(before + 1);
        assertThat(metric("coffer_sent_bytes_total{operation=\"GET_OBJECT\"}")).isGreaterThanOrEqualTo(bytesBefore + 10_000);
    }

    @Test
    void rocksDbMemoryIsScrapedAsRocksDbCountsIt() throws Exception {
        String bucket = server.createBucket("ops-rocksdb");
        for (int i = 0; i < 16; i++) {
            String key = "k" + i;
            server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[4096]));
        }
        String series = "coffer_catalog_memory_bytes{property=\"%s\"}";
        double memtables = metric(series.formatted("rocksdb.cur-size-all-mem-tables"));
        double cache = metric(series.formatted("rocksdb.block-cache-usage"));
        // The last small object's record (its bytes inline) is in a memtable (a flush switches to a new
        // one before a write, never after it), and the memtables are charged to the block cache.
        assertThat(memtables).isGreaterThan(4096);
        assertThat(cache).isGreaterThan(4096);
        assertThat(metric(series.formatted("rocksdb.block-cache-pinned-usage"))).isBetween(0.0, cache);
        assertThat(scrape().body()).containsPattern(
                "(?m)^coffer_catalog_memory_bytes\\{property=\"rocksdb.estimate-table-readers-mem\"} [0-9.eE+]+$");
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
