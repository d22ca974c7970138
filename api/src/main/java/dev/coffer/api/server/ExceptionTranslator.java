package dev.coffer.api.server;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.auth.AuthException;
import dev.coffer.metadata.BucketExistsException;
import dev.coffer.metadata.BucketNotEmptyException;
import dev.coffer.metadata.CatalogRefusal;
import dev.coffer.metadata.CatalogStoppedException;
import dev.coffer.storage.StorageFullException;
import dev.coffer.metadata.ConditionalWriteConflict;
import dev.coffer.metadata.NoSuchBucketException;
import dev.coffer.metadata.DeleteMarkerRefusal;
import dev.coffer.metadata.NoSuchKeyException;
import dev.coffer.metadata.NoSuchVersionException;
import dev.coffer.metadata.NoSuchUploadException;
import dev.coffer.metadata.ObjectLockStateException;
import dev.coffer.metadata.ObjectLockedException;
import dev.coffer.metadata.PartChangedException;
import dev.coffer.metadata.WriteCondition;
import java.util.Map;

/**
 * The one place lower-layer failures become S3 errors (habit 5). Anything not named here is an
 * InternalError.
 */
public final class ExceptionTranslator {
    private ExceptionTranslator() {}

    public static S3Exception translate(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof S3Exception s3) return s3;
        if (e instanceof AuthException auth) return fromAuth(auth);
        if (e instanceof CatalogRefusal refusal) return fromCatalog(refusal);
        Throwable io = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        if (io instanceof StorageFullException full) return diskFull(full);
        if (e instanceof CatalogStoppedException stopped) return catalogStopped(stopped);
        if (e instanceof dev.coffer.cluster.ClusterUnavailableException) {
            // Nothing was acknowledged; the client's retry (S3 SDKs retry 503) goes on elsewhere or later.
            return S3Exception.of(S3ErrorCode.ServiceUnavailable)
                    .withMessage("The cluster could not commit this change in time; try again.").withCause(e);
        }
        if (io instanceof java.nio.file.NoSuchFileException) {
            // A chunk the catalogue names is not there: lost, or quarantined after a failed check.
            return S3Exception.of(S3ErrorCode.InternalError).withMessage("Part of the object's data is missing on the"
                    + " server (lost, or quarantined after a failed check): it cannot be served.").withCause(e);
        }
        if (io instanceof java.io.IOException) {
            // A failed write(), fsync or read of a chunk file: this request only; a write's temp chunk
            // is discarded, so nothing of it was stored. SDKs retry a 500 InternalError. The message
            // names no path: an exception's text may.
            return S3Exception.of(S3ErrorCode.InternalError).withMessage("An I/O error on the server stopped this"
                    + " request: it did not complete and stored nothing. Retry; if it persists, the server needs attention.")
                    .withCause(e);
        }
        return S3Exception.of(S3ErrorCode.InternalError).withCause(e);
    }

    /**
     * The disk has no room above its reserve: 503, which clients retry a few times with backoff
     * (space may be freed meanwhile), saying plainly what is wrong. Nothing of the write remains.
     */
    private static S3Exception diskFull(StorageFullException e) {
        String usable = e.usableBytes() < 0 ? "unknown" : e.usableBytes() + " bytes";
        return S3Exception.of(S3ErrorCode.ServiceUnavailable).withMessage("The server's disk is full (" + usable
                + " usable, " + e.reserveBytes() + " bytes kept in reserve for deletes): the write was not stored."
                + " Delete objects or add space, then retry.");
    }

    /**
     * RocksDB stopped accepting changes (its background error): 503, nothing of the change was
     * acknowledged. After a full disk or another I/O error the catalogue takes changes again by
     * itself once the fault has passed (it reopens RocksDB); after damaged data an operator must act
     * (health and metrics show the stop, and which it is, meanwhile).
     */
    private static S3Exception catalogStopped(CatalogStoppedException e) {
        String message = e.noSpace()
                ? "The server's disk is full: the catalogue cannot record the change, so the write was not stored."
                        + " Writes resume by themselves once space is freed (delete objects or add space); retry later."
                : "The catalogue stopped accepting changes after an I/O error or damaged data, so the write was not"
                        + " stored; reads go on. Retry later: after an I/O error writes resume by themselves once it"
                        + " has passed; the server's health endpoint says which it is.";
        return S3Exception.of(S3ErrorCode.ServiceUnavailable).withMessage(message).withCause(e);
    }

    /** A catalogue refusal, with the bucket, key, upload or condition it names. */
    private static S3Exception fromCatalog(CatalogRefusal e) {
        if (e instanceof NoSuchBucketException) return S3Exception.of(S3ErrorCode.NoSuchBucket).with("BucketName", e.bucket());
        if (e instanceof BucketNotEmptyException) return S3Exception.of(S3ErrorCode.BucketNotEmpty).with("BucketName", e.bucket());
        // Every principal is the root owner for now, so an existing name is always "yours".
        if (e instanceof BucketExistsException) return S3Exception.of(S3ErrorCode.BucketAlreadyOwnedByYou).with("BucketName", e.bucket());
        if (e instanceof NoSuchKeyException) return S3Exception.of(S3ErrorCode.NoSuchKey).with("Key", e.key());
        if (e instanceof PartChangedException p) {
            // The part was uploaded again while the completion was being built: the ETag the client
            // named is no longer the part's.
            return S3Exception.of(S3ErrorCode.InvalidPart).with("UploadId", p.uploadId())
                    .with("PartNumber", Integer.toString(p.partNumber()));
        }
        if (e instanceof NoSuchVersionException v) {
            return S3Exception.of(S3ErrorCode.NoSuchVersion).with("Key", v.key()).with("VersionId", v.versionId());
        }
        if (e instanceof DeleteMarkerRefusal) return S3Exception.of(S3ErrorCode.MethodNotAllowed);
        if (e instanceof NoSuchUploadException u) return S3Exception.of(S3ErrorCode.NoSuchUpload).with("UploadId", u.uploadId());
        if (e instanceof ConditionalWriteConflict c) {
            if (!(c.failed() instanceof WriteCondition.IfAbsent) && !c.keyExisted()) {
                // S3 answers If-Match (an ETag, or * on a delete) on a missing key with NoSuchKey,
                // not PreconditionFailed; a delete marker as the latest version is a missing key.
                return S3Exception.of(S3ErrorCode.NoSuchKey).with("Key", c.key());
            }
            return S3Exception.of(S3ErrorCode.PreconditionFailed).with("Condition", header(c.failed()));
        }
        if (e instanceof ObjectLockedException) {
            return S3Exception.of(S3ErrorCode.AccessDenied).withMessage("Access Denied because object protected by object lock.");
        }
        if (e instanceof ObjectLockStateException s) return fromObjectLockState(s);
        return S3Exception.of(S3ErrorCode.InternalError).withCause(e);
    }

    private static S3Exception fromObjectLockState(ObjectLockStateException e) {
        return switch (e.problem()) {
            case VERSIONING_NOT_ENABLED -> S3Exception.of(S3ErrorCode.InvalidBucketState)
                    .withMessage("Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
                    .with("BucketName", e.bucket());
            case LOCK_KEEPS_VERSIONING -> S3Exception.of(S3ErrorCode.InvalidBucketState)
                    .withMessage("An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.")
                    .with("BucketName", e.bucket());
            case BUCKET_NOT_LOCK_ENABLED -> S3Exception.of(S3ErrorCode.InvalidRequest)
                    .withMessage("Bucket is missing Object Lock Configuration");
        };
    }

    /** The request header a write condition came from. */
    private static String header(WriteCondition condition) {
        return condition instanceof WriteCondition.IfAbsent ? "If-None-Match" : "If-Match";
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
            case INVALID_TOKEN -> S3ErrorCode.InvalidToken;
        };
        S3Exception s3 = S3Exception.of(code);
        if (e.getMessage() != null && !e.getMessage().isBlank()) s3 = s3.withMessage(e.getMessage());
        for (Map.Entry<String, String> detail : e.details().entrySet()) s3 = s3.with(detail.getKey(), detail.getValue());
        return s3;
    }
}
