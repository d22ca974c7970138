package dev.coffer.api.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Request meters. Labels stay few on purpose (operation, status, error code; never bucket or
 * key), so the series count is bounded by the S3 operations, not by the data.
 *
 * <pre>
 * coffer_requests_total{operation,status}             requests finished
 * coffer_request_duration_seconds{operation}          latency histogram (fixed buckets)
 * coffer_received_bytes_total{operation}              request body bytes
 * coffer_sent_bytes_total{operation}                  response body bytes
 * coffer_s3_errors_total{code}                        S3 error responses by AWS error code
 * coffer_checksum_failures_total{kind}                BadDigest, XAmzContentSHA256Mismatch, chunk_crc
 * </pre>
 */
public final class RequestMetrics implements ObservingHttpHandler.Listener {
    /** Wide enough for a 1 ms HEAD and a 10-minute multi-GiB PUT. */
    private static final Duration[] LATENCY_BUCKETS = {
        ms(1), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500),
        ms(1_000), ms(2_500), ms(5_000), ms(10_000), ms(30_000), ms(60_000), ms(300_000), ms(900_000)};

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front so that a dashboard shows 0, not "no data", until the first failure.
        for (String kind : new String[] {"BadDigest", "XAmzContentSHA256Mismatch", RequestTrace.CHUNK_CRC}) {
            checksumFailures(kind);
        }
    }

    @Override
    public void completed(CompletedRequest r) {
        String op = r.operation();
        Counter.builder("coffer.requests").description("S3 requests finished, by operation and HTTP status")
                .tag("operation", op).tag("status", Integer.toString(r.status()))
                .register(registry).increment();
        Timer.builder("coffer.request.duration").description("Request latency, first byte in to last byte out")
                .tag("operation", op).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(r.durationNanos(), TimeUnit.NANOSECONDS);
        if (r.bytesIn() > 0) {
            Counter.builder("coffer.received").baseUnit("bytes").description("Request body bytes received")
                    .tag("operation", op).register(registry).increment(r.bytesIn());
        }
        if (r.bytesOut() > 0) {
            Counter.builder("coffer.sent").baseUnit("bytes").description("Response body bytes sent")
                    .tag("operation", op).register(registry).increment(r.bytesOut());
        }
        if (r.errorCode() != null) {
            Counter.builder("coffer.s3.errors").description("S3 error responses by error code")
                    .tag("code", r.errorCode()).register(registry).increment();
        }
        if (r.checksumFailure() != null) {
            checksumFailures(r.checksumFailure()).increment();
        }
    }

    private Counter checksumFailures(String kind) {
        return Counter.builder("coffer.checksum.failures")
                .description("Checksum mismatches: client digests (BadDigest, XAmzContentSHA256Mismatch) and stored chunk CRCs")
                .tag("kind", kind).register(registry);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
