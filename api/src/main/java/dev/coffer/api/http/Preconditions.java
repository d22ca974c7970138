package dev.coffer.api.http;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.time.Instant;
import java.util.Optional;

/**
 * The conditional headers of GET/HEAD (If-Match, If-Unmodified-Since, If-None-Match,
 * If-Modified-Since) and of CopyObject's source (x-amz-copy-source-if-*), evaluated in the order
 * RFC 7232 and the S3 reference give: a true If-Match overrides If-Unmodified-Since; a false
 * If-None-Match overrides If-Modified-Since.
 */
public final class Preconditions {
    private Preconditions() {}

    /** Header values by role; null when absent. */
    public record Conditions(String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince) {
        public boolean any() {
            return ifMatch != null || ifNoneMatch != null || ifModifiedSince != null || ifUnmodifiedSince != null;
        }
    }

    /** For GET/HEAD: throws PreconditionFailed (412) or NotModified (304). */
    public static void checkRead(Conditions c, String etag, long lastModifiedMillis) {
        Outcome o = evaluate(c, etag, lastModifiedMillis);
        if (o == Outcome.FAILED) throw S3Exception.of(S3ErrorCode.PreconditionFailed, null).with("Condition", failedName(c, etag, lastModifiedMillis));
        if (o == Outcome.NOT_MODIFIED) throw notModified(etag, lastModifiedMillis);
    }

    /** For a copy source: every failure is 412 PreconditionFailed, as S3 answers. */
    public static void checkCopySource(Conditions c, String etag, long lastModifiedMillis) {
        if (evaluate(c, etag, lastModifiedMillis) != Outcome.PASS) {
            throw S3Exception.of(S3ErrorCode.PreconditionFailed, null);
        }
    }

    private enum Outcome { PASS, FAILED, NOT_MODIFIED }

    private static Outcome evaluate(Conditions c, String etag, long lastModifiedMillis) {
        long modifiedSeconds = lastModifiedMillis / 1000;
        if (c.ifMatch() != null) {
            if (!ETags.matches(c.ifMatch(), etag)) return Outcome.FAILED;
        } else {
            Optional<Instant> ius = HttpDates.parse(c.ifUnmodifiedSince());
            if (ius.isPresent() && modifiedSeconds > ius.get().getEpochSecond()) return Outcome.FAILED;
        }
        if (c.ifNoneMatch() != null) {
            if (ETags.matches(c.ifNoneMatch(), etag)) return Outcome.NOT_MODIFIED;
        } else {
            Optional<Instant> ims = HttpDates.parse(c.ifModifiedSince());
            if (ims.isPresent() && modifiedSeconds <= ims.get().getEpochSecond()) return Outcome.NOT_MODIFIED;
        }
        return Outcome.PASS;
    }

    private static String failedName(Conditions c, String etag, long lastModifiedMillis) {
        return c.ifMatch() != null ? "If-Match" : "If-Unmodified-Since";
    }

    private static S3Exception notModified(String etag, long lastModifiedMillis) {
        return S3Exception.of(S3ErrorCode.NotModified, null)
                .withHeader("ETag", ETags.quote(etag))
                .withHeader("Last-Modified", HttpDates.format(lastModifiedMillis));
    }
}
