package dev.coffer.api.authz;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * S3's bucket owner condition (User Guide, "Verifying bucket ownership with bucket owner
 * condition"): {@code x-amz-expected-bucket-owner} names the account the request's bucket must
 * belong to, {@code x-amz-source-expected-bucket-owner} the account of a copy's source bucket
 * (CopyObject, UploadPartCopy). Another owner: 403 AccessDenied. A value that is no account id
 * (12 digits): 400 InvalidBucketOwnerAWSAccountID, the value in brackets as S3 words it. A bucket
 * that does not exist passes here: the operation answers NoSuchBucket as it would without the header.
 * The server's root is held to it too: the header guards against a wrong bucket name, not a caller.
 * It is checked after the signature and after authorization (an anonymous caller allowed in, by a
 * public bucket's policy say, is held to it too): a caller refused access gets the same AccessDenied
 * whichever account it names, so that the header is no oracle for a bucket's owner.
 */
public final class ExpectedBucketOwner {
    public static final String HEADER = "x-amz-expected-bucket-owner";
    public static final String SOURCE_HEADER = "x-amz-source-expected-bucket-owner";

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    /**
     * S3 ignores the condition on CreateBucket and ListBuckets (the User Guide's "Restrictions and
     * limitations"); a CORS preflight carries no credentials and names no owner.
     */
    private static final Set<S3Operation> IGNORED = Set.of(S3Operation.CREATE_BUCKET, S3Operation.LIST_BUCKETS,
            S3Operation.OPTIONS_OBJECT);

    private ExpectedBucketOwner() {}

    /** The request's own bucket against {@code x-amz-expected-bucket-owner}, when sent. */
    public static Mono<Void> require(S3Request s3, Map<String, String> headers, RequestAccess access) {
        String expected = headers.get(HEADER);
        if (expected == null || s3.bucket() == null || IGNORED.contains(s3.operation())) return Mono.empty();
        return require(access, s3.bucket(), expected);
    }

    /**
     * Completes when {@code expected} is null or names the account owning {@code bucket} (or there
     * is no such bucket); else AccessDenied, or InvalidBucketOwnerAWSAccountID when it is no account id.
     */
    public static Mono<Void> require(RequestAccess access, String bucket, String expected) {
        if (expected == null) return Mono.empty();
        if (!ACCOUNT_ID.matcher(expected).matches()) {
            return Mono.error(S3Exception.of(S3ErrorCode.InvalidBucketOwnerAWSAccountID)
                    .withMessage("The value of the expected bucket owner parameter must be an AWS Account ID... ["
                            + expected + "]"));
        }
        return access.bucketOwner(bucket).flatMap(owner -> owner.isEmpty() || owner.get().equals(expected)
                ? Mono.<Void>empty()
                : Mono.error(S3Exception.of(S3ErrorCode.AccessDenied, "/" + bucket)));
    }
}
