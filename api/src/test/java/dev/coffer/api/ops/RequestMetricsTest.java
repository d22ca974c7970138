package dev.coffer.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RequestMetrics metrics = new RequestMetrics(registry);

    private static CompletedRequest request(String op, int status, long in, long out, long millis, String error,
                                            String checksum) {
        return new CompletedRequest("PUT", op, "b", 3, status, in, out, TimeUnit.MILLISECONDS.toNanos(millis),
                "ID", error, checksum, "ok", "127.0.0.1");
    }

    @Test
    void checksumFailureCountersExistBeforeTheFirstFailure() {
        assertThat(registry.scrape())
                .contains("coffer_checksum_failures_total{kind=\"BadDigest\"} 0.0")
                .contains("coffer_checksum_failures_total{kind=\"XAmzContentSHA256Mismatch\"} 0.0")
                .contains("coffer_checksum_failures_total{kind=\"chunk_crc\"} 0.0");
    }

    @Test
    void requestsAreCountedByOperationAndStatusWithBytesAndLatency() {
        metrics.completed(request("PUT_OBJECT", 200, 1000, 0, 7, null, null));
        metrics.completed(request("PUT_OBJECT", 200, 24, 0, 700, null, null));
        metrics.completed(request("GET_OBJECT", 206, 0, 512, 2, null, null));
        String text = registry.scrape();
        assertThat(text)
                .contains("coffer_requests_total{operation=\"PUT_OBJECT\",status=\"200\"} 2.0")
                .contains("coffer_requests_total{operation=\"GET_OBJECT\",status=\"206\"} 1.0")
                .contains("coffer_received_bytes_total{operation=\"PUT_OBJECT\"} 1024.0")
                .contains("coffer_sent_bytes_total{operation=\"GET_OBJECT\"} 512.0")
                .contains("coffer_request_duration_seconds_bucket{operation=\"PUT_OBJECT\",le=\"0.01\"} 1")
                .contains("coffer_request_duration_seconds_bucket{operation=\"PUT_OBJECT\",le=\"1.0\"} 2")
                .contains("coffer_request_duration_seconds_count{operation=\"PUT_OBJECT\"} 2");
    }

    @Test
    void errorsAreCountedByS3CodeAndChecksumFailuresByKind() {
        metrics.completed(request("PUT_OBJECT", 400, 10, 300, 1, "BadDigest", "BadDigest"));
        metrics.completed(request("GET_OBJECT", 500, 0, 0, 1, "InternalError", RequestTrace.CHUNK_CRC));
        metrics.completed(request("GET_OBJECT", 404, 0, 300, 1, "NoSuchKey", null));
        assertThat(registry.scrape())
                .contains("coffer_s3_errors_total{code=\"BadDigest\"} 1.0")
                .contains("coffer_s3_errors_total{code=\"NoSuchKey\"} 1.0")
                .contains("coffer_checksum_failures_total{kind=\"BadDigest\"} 1.0")
                .contains("coffer_checksum_failures_total{kind=\"chunk_crc\"} 1.0");
    }
}
