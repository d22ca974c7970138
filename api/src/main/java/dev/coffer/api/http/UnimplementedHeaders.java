package dev.coffer.api.http;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Operation;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Request headers (and POST form fields) that ask for something Coffer does not do yet. S3's
 * rule, and ours: such a header is answered, never silently ignored — an SSE-C upload stored in
 * plaintext, or a retention date that protects nothing, is worse than a refusal. The one list of
 * them: the change that implements a feature removes its rows. Tagging, server-side encryption
 * (issue 16), Object Lock (issue 17, read by {@code LockHeaders}), ACLs (issue 15) and the bucket
 * owner condition ({@code ExpectedBucketOwner}) are implemented.
 *
 * <p>Accepted on purpose, because they already describe what Coffer does:
 * {@code x-amz-storage-class: STANDARD} (the classes and what each gets: {@link S3StorageClass}).
 * Not listed: {@code x-amz-request-payer} (no Coffer bucket is Requester
 * Pays, and S3 ignores the header on such buckets); {@code x-amz-acl}, {@code x-amz-grant-*} and
 * {@code x-amz-object-ownership}: the operations S3 defines them on (CreateBucket, PutObject,
 * CopyObject, CreateMultipartUpload, POST, Put*Acl) read them themselves ({@code dev.coffer.api.acl}),
 * and S3 defines them on no other (UploadPart, CompleteMultipartUpload, …), where it ignores them
 * as it ignores any header it does not define; so does Coffer.
 */
public final class UnimplementedHeaders {
    /** A header (or every header starting with a prefix) and the values Coffer can honour as they are. */
    private record Rule(String name, boolean prefix, Predicate<String> honoured, Refusal refusal) {
        boolean matches(String header) {
            return prefix ? header.startsWith(name) : header.equals(name);
        }
    }

    private enum Refusal { NOT_IMPLEMENTED, STORAGE_CLASS }

    private static final Predicate<String> NONE = value -> false;

    private static final List<Rule> RULES = List.of(
            // Server-side encryption is implemented (dev.coffer.api.sse) but for a KMS encryption
            // context, which the built-in key ring does not keep.
            new Rule("x-amz-server-side-encryption-context", false, NONE, Refusal.NOT_IMPLEMENTED),
            // PutObjectLockConfiguration's token (issued by AWS Support to turn Object Lock on for an
            // existing bucket): Coffer issues none and needs none (a versioned bucket takes the
            // configuration as it is), so a token names a grant Coffer cannot check.
            new Rule("x-amz-bucket-object-lock-token", false, NONE, Refusal.NOT_IMPLEMENTED),
            // Static website hosting, storage classes, appends (directory buckets only in S3).
            new Rule("x-amz-website-redirect-location", false, NONE, Refusal.NOT_IMPLEMENTED),
            new Rule("x-amz-storage-class", false, value -> S3StorageClass.named(value).filter(S3StorageClass::cofferHas)
                    .isPresent(), Refusal.STORAGE_CLASS),
            new Rule("x-amz-write-offset-bytes", false, NONE, Refusal.NOT_IMPLEMENTED),
            // DeleteObject's conditions of directory buckets only; a general purpose bucket in S3
            // refuses them rather than delete unconditionally (If-Match is implemented).
            new Rule("x-amz-if-match-last-modified-time", false, NONE, Refusal.NOT_IMPLEMENTED),
            new Rule("x-amz-if-match-size", false, NONE, Refusal.NOT_IMPLEMENTED),
            // AbortMultipartUpload's condition of directory buckets only.
            new Rule("x-amz-if-match-initiated-time", false, NONE, Refusal.NOT_IMPLEMENTED),
            // The checksum algorithms S3 added after CRC64NVME: a value Coffer cannot verify is
            // refused, never stored unchecked (the others: dev.coffer.api.checksum).
            new Rule("x-amz-checksum-sha512", false, NONE, Refusal.NOT_IMPLEMENTED),
            new Rule("x-amz-checksum-md5", false, NONE, Refusal.NOT_IMPLEMENTED),
            new Rule("x-amz-checksum-xxhash64", false, NONE, Refusal.NOT_IMPLEMENTED),
            new Rule("x-amz-checksum-xxhash3", false, NONE, Refusal.NOT_IMPLEMENTED),
            new Rule("x-amz-checksum-xxhash128", false, NONE, Refusal.NOT_IMPLEMENTED),
            // Object Lock's event hold: OFF (no hold) is what every version has here.
            new Rule("x-amz-object-lock-event-hold", false, "OFF"::equals, Refusal.NOT_IMPLEMENTED),
            new Rule("x-amz-object-lock-event-hold-duration-", true, NONE, Refusal.NOT_IMPLEMENTED),
            // CopyObject's object annotations directive: no Coffer object has annotations, so COPY
            // (copy the source's: none) is what a copy does; anything else asks for annotations.
            new Rule("x-amz-object-annotation-directive", false, "COPY"::equals, Refusal.NOT_IMPLEMENTED),
            // CreateBucket's namespace: every Coffer bucket is in the one (global) namespace.
            new Rule("x-amz-bucket-namespace", false, "global"::equals, Refusal.NOT_IMPLEMENTED));

    private UnimplementedHeaders() {}

    /**
     * Refuses the first header that asks for what Coffer does not do.
     *
     * @param headers lower-case header names to their (first) values
     */
    public static void check(Map<String, String> headers) {
        check(headers, S3Operation.UNSUPPORTED);
    }

    /** The same, for a request of {@code operation} (today every operation is held to the same list). */
    public static void check(Map<String, String> headers, S3Operation operation) {
        headers.forEach((name, value) -> {
            if (value == null || value.isBlank()) return;
            for (Rule rule : RULES) {
                if (rule.matches(name) && !rule.honoured().test(value.trim())) throw refusal(rule.refusal(), name, value);
            }
        });
    }

    private static S3Exception refusal(Refusal refusal, String name, String value) {
        return switch (refusal) {
            case NOT_IMPLEMENTED -> S3Exception.of(S3ErrorCode.NotImplemented).with("Header", name);
            case STORAGE_CLASS -> S3StorageClass.writeRefusal(name, value.trim());
        };
    }
}
