package dev.coffer.api.sse;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * The encryption a write asks for in its headers: nothing (the bucket default applies), SSE-S3,
 * SSE-KMS (with a key id or the default key) or SSE-C. Parsed once per request, refusing what S3
 * refuses.
 *
 * @param kind the scheme asked for, or null when the headers ask for none
 * @param kmsKeyId SSE-KMS key id (or ARN) asked for, else null (the default key)
 * @param bucketKeyEnabled x-amz-server-side-encryption-bucket-key-enabled, or null when absent
 * @param customerKey SSE-C key, else null
 */
public record SseRequest(SseRecord.Kind kind, String kmsKeyId, Boolean bucketKeyEnabled, CustomerKey customerKey) {
    public static final String SSE = "x-amz-server-side-encryption";
    public static final String KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
    public static final String BUCKET_KEY = "x-amz-server-side-encryption-bucket-key-enabled";

    public static final SseRequest NONE = new SseRequest(null, null, null, null);

    /** The headers of a PutObject, CopyObject (target), CreateMultipartUpload or POST. */
    public static SseRequest parse(HttpHeaders headers) {
        String sse = headers.getFirst(SSE);
        String keyId = headers.getFirst(KMS_KEY_ID);
        String bucketKey = headers.getFirst(BUCKET_KEY);
        if (sse != null && CustomerKey.present(headers, CustomerKey.PREFIX)) {
            throw invalid(SSE, "Server Side Encryption with Customer provided key is incompatible with the "
                    + "encryption method specified", sse);
        }
        Optional<CustomerKey> customer = CustomerKey.target(headers);
        Boolean bucketKeyEnabled = bucketKey == null ? null : parseBoolean(bucketKey);
        if (customer.isPresent()) {
            if (keyId != null) throw kmsKeyWithoutKms(keyId);
            return new SseRequest(SseRecord.Kind.CUSTOMER, null, null, customer.get());
        }
        if (sse == null) {
            if (keyId != null) throw kmsKeyWithoutKms(keyId);
            return new SseRequest(null, null, bucketKeyEnabled, null);
        }
        switch (sse) {
            case "AES256":
                if (keyId != null) throw kmsKeyWithoutKms(keyId);
                return new SseRequest(SseRecord.Kind.S3, null, bucketKeyEnabled, null);
            case "aws:kms":
                if (keyId != null && keyId.isBlank()) throw invalid(KMS_KEY_ID, "KMS key id must not be empty", keyId);
                return new SseRequest(SseRecord.Kind.KMS, keyId, bucketKeyEnabled, null);
            case "aws:kms:dsse":
                throw S3Exception.of(S3ErrorCode.NotImplemented).withMessage("Coffer does not support dual-layer "
                        + "server-side encryption (DSSE-KMS).").with("Header", SSE);
            default:
                throw invalid(SSE, "The encryption method specified is not supported", sse);
        }
    }

    private static Boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw invalid(BUCKET_KEY, "Invalid value for header " + BUCKET_KEY, value);
    }

    private static S3Exception kmsKeyWithoutKms(String keyId) {
        return invalid(KMS_KEY_ID, "Server Side Encryption with AWS KMS managed key requires HTTP header "
                + "x-amz-server-side-encryption : aws:kms", keyId);
    }

    static S3Exception invalid(String header, String message, String value) {
        S3Exception e = S3Exception.of(S3ErrorCode.InvalidArgument).withMessage(message).with("ArgumentName", header);
        return value == null ? e : e.with("ArgumentValue", value);
    }
}
