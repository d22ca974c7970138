package dev.coffer.api.server;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.auth.AuthException;
import dev.coffer.metadata.BucketNotEmptyException;
import dev.coffer.metadata.ConditionalWriteConflict;
import dev.coffer.metadata.NoSuchBucketException;

/**
 * The one place lower-layer failures become S3 errors (habit 5). Anything not named here is an
 * InternalError.
 */
final class ExceptionTranslator {
    private ExceptionTranslator() {}

    static S3Exception translate(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof S3Exception s3) return s3;
        if (e instanceof AuthException auth) return fromAuth(auth);
        if (e instanceof NoSuchBucketException) return S3Exception.of(S3ErrorCode.NoSuchBucket);
        if (e instanceof BucketNotEmptyException) return S3Exception.of(S3ErrorCode.BucketNotEmpty);
        if (e instanceof ConditionalWriteConflict) {
            return S3Exception.of(S3ErrorCode.PreconditionFailed).with("Condition", "If-Match");
        }
        return S3Exception.of(S3ErrorCode.InternalError).withCause(e);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = reactor.core.Exceptions.unwrap(e);
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static S3Exception fromAuth(AuthException e) {
        S3ErrorCode code = switch (e.error()) {
            case ACCESS_DENIED, MISSING_DATE -> S3ErrorCode.AccessDenied;
            case INVALID_ACCESS_KEY_ID -> S3ErrorCode.InvalidAccessKeyId;
            case SIGNATURE_DOES_NOT_MATCH -> S3ErrorCode.SignatureDoesNotMatch;
            case REQUEST_TIME_TOO_SKEWED -> S3ErrorCode.RequestTimeTooSkewed;
            case AUTHORIZATION_HEADER_MALFORMED -> S3ErrorCode.AuthorizationHeaderMalformed;
            case AUTHORIZATION_QUERY_PARAMETERS_ERROR -> S3ErrorCode.AuthorizationQueryParametersError;
            case INVALID_ARGUMENT -> S3ErrorCode.InvalidArgument;
            case CONTENT_SHA256_MISMATCH -> S3ErrorCode.XAmzContentSHA256Mismatch;
            case INCOMPLETE_BODY -> S3ErrorCode.IncompleteBody;
            case INVALID_REQUEST -> S3ErrorCode.InvalidRequest;
            case INVALID_POLICY_DOCUMENT -> S3ErrorCode.InvalidPolicyDocument;
        };
        S3Exception s3 = S3Exception.of(code);
        return e.getMessage() == null || e.getMessage().isBlank() ? s3 : s3.withMessage(e.getMessage());
    }
}
