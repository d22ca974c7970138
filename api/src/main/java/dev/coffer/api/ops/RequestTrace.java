package dev.coffer.api.ops;

import dev.coffer.storage.ChunkCorruptedException;
import dev.coffer.storage.ChunkUnreadableException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * What one request did, gathered while it runs: the S3 handler notes the resolved operation and
 * any error code; the observing decorators count body bytes. Written by one request at a time;
 * fields are volatile because the end of a request may run on another thread than its start.
 */
public final class RequestTrace {
    /** A request that carries a trace (the observed request the server's handler receives). */
    public interface Carrier {
        RequestTrace trace();
    }

    /** Names of checksum failures, the label values of {@code coffer_checksum_failures_total}. */
    public static final String CHUNK_CRC = "chunk_crc";

    private final long startNanos;
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private volatile String operation;
    private volatile String bucket;
    private volatile int keyLength = -1;
    private volatile String errorCode;
    private volatile String checksumFailure;

    public RequestTrace(long startNanos) {
        this.startNanos = startNanos;
    }

    /**
     * The request's trace, or a detached one (for a request that is not observed, as in unit
     * tests). Looks through decorators put around the observed request (the body timeout's).
     */
    public static RequestTrace of(ServerHttpRequest request) {
        ServerHttpRequest r = request;
        while (!(r instanceof Carrier) && r instanceof ServerHttpRequestDecorator decorator) r = decorator.getDelegate();
        return r instanceof Carrier carrier ? carrier.trace() : new RequestTrace(System.nanoTime());
    }

    /** The resolver's verdict: operation name as AWS names it, bucket and key (either may be null). */
    public void resolved(String operation, String bucket, String key) {
        this.operation = operation;
        this.bucket = bucket;
        this.keyLength = key == null ? -1 : key.length();
    }

    /** The S3 error code the request answered with, and the failure that caused it. */
    public void failed(String errorCode, Throwable cause) {
        this.errorCode = errorCode;
        if ("BadDigest".equals(errorCode) || "XAmzContentSHA256Mismatch".equals(errorCode)) {
            checksumFailure = errorCode;
        } else if (causedByCorruptChunk(cause)) {
            checksumFailure = CHUNK_CRC;
        }
    }

    /** A block that failed its CRC; a file that failed to read (EIO) is no checksum failure: coffer_chunk_read_errors_total counts it. */
    private static boolean causedByCorruptChunk(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChunkUnreadableException) return false;
            if (t instanceof ChunkCorruptedException) return true;
        }
        return false;
    }

    void addIn(int bytes) {
        bytesIn.addAndGet(bytes);
    }

    public void addOut(int bytes) {
        bytesOut.addAndGet(bytes);
    }

    long startNanos() {
        return startNanos;
    }

    String operation() {
        return operation;
    }

    String bucket() {
        return bucket;
    }

    int keyLength() {
        return keyLength;
    }

    String errorCode() {
        return errorCode;
    }

    String checksumFailure() {
        return checksumFailure;
    }

    long bytesIn() {
        return bytesIn.get();
    }

    long bytesOut() {
        return bytesOut.get();
    }
}
