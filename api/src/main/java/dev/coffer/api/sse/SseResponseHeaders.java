package dev.coffer.api.sse;

import org.springframework.http.HttpHeaders;

/** The x-amz-server-side-encryption* headers S3 sends about a stored version or upload. */
public final class SseResponseHeaders {
    private SseResponseHeaders() {}

    /** Writes the headers for {@code record}; nothing for a plain object. */
    public static void write(SseRecord record, HttpHeaders out) {
        if (record == null) return;
        switch (record.kind()) {
            case S3 -> out.set(SseRequest.SSE, "AES256");
            case KMS -> {
                out.set(SseRequest.SSE, "aws:kms");
                out.set(SseRequest.KMS_KEY_ID, record.kmsKeyId());
            }
            case CUSTOMER -> {
                out.set(CustomerKey.PREFIX + "algorithm", "AES256");
                out.set(CustomerKey.PREFIX + "key-MD5", record.customerKeyMd5());
            }
        }
        if (record.bucketKeyEnabled()) out.set(SseRequest.BUCKET_KEY, "true");
    }
}
