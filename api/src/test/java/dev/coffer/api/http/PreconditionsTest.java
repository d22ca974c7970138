package dev.coffer.api.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.http.Preconditions.Conditions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * GET/HEAD and copy-source conditions, with the precedence the S3 GetObject and CopyObject
 * references give (after RFC 7232 section 6).
 */
class PreconditionsTest {
    private static final String ETAG = "9b2cf535f27731c974343645a3985328";
    private static final String QUOTED = "\"" + ETAG + "\"";
    private static final String OTHER = "\"00000000000000000000000000000000\"";
    /** Last-Modified 2024-05-01T12:00:00.750Z: HTTP dates have whole seconds, stored times do not. */
    private static final long MODIFIED = Instant.parse("2024-05-01T12:00:00.750Z").toEpochMilli();
    private static final String SAME_SECOND = "Wed, 01 May 2024 12:00:00 GMT";
    private static final String BEFORE = "Wed, 01 May 2024 11:59:59 GMT";
    private static final String AFTER = "Wed, 01 May 2024 12:00:01 GMT";

    private static Conditions ifMatch(String v) {
        return new Conditions(v, null, null, null);
    }

    private static Conditions ifNoneMatch(String v) {
        return new Conditions(null, v, null, null);
    }

    private static Conditions ifModifiedSince(String v) {
        return new Conditions(null, null, v, null);
    }

    private static Conditions ifUnmodifiedSince(String v) {
        return new Conditions(null, null, null, v);
    }

    private static S3Exception read(Conditions c) {
        return catchThrowableOfType(S3Exception.class, () -> Preconditions.checkRead(c, ETAG, MODIFIED));
    }

    private static S3Exception copy(Conditions c) {
        return catchThrowableOfType(S3Exception.class, () -> Preconditions.checkCopySource(c, ETAG, MODIFIED));
    }

    private static void assertPasses(Conditions c) {
        assertThatCode(() -> Preconditions.checkRead(c, ETAG, MODIFIED)).doesNotThrowAnyException();
    }

    private static void assertPreconditionFailed(Conditions c, String condition) {
        S3Exception e = read(c);
        assertThat(e).as("expected 412").isNotNull();
        assertThat(e.code()).isEqualTo(S3ErrorCode.PreconditionFailed);
        assertThat(e.status()).isEqualTo(412);
        assertThat(e.elements()).containsEntry("Condition", condition);
    }

    private static void assertNotModified(Conditions c) {
        S3Exception e = read(c);
        assertThat(e).as("expected 304").isNotNull();
        assertThat(e.code()).isEqualTo(S3ErrorCode.NotModified);
        assertThat(e.status()).isEqualTo(304);
    }

    @Test
    void noConditionsPass() {
        Conditions none = new Conditions(null, null, null, null);
        assertThat(none.any()).isFalse();
        assertPasses(none);
    }

    @Test
    void anyConditionIsNoticed() {
        assertThat(ifMatch("*").any()).isTrue();
        assertThat(ifNoneMatch("*").any()).isTrue();
        assertThat(ifModifiedSince(BEFORE).any()).isTrue();
        assertThat(ifUnmodifiedSince(BEFORE).any()).isTrue();
    }

    // If-Match

    @Test
    void ifMatchWithTheObjectsEtagPasses() {
        assertPasses(ifMatch(QUOTED));
    }

    @Test
    void ifMatchWithAnotherEtagFailsWith412() {
        assertPreconditionFailed(ifMatch(OTHER), "If-Match");
    }

    @Test
    void ifMatchStarPassesForAnExistingObject() {
        assertPasses(ifMatch("*"));
    }

    @Test
    void ifMatchListPassesWhenOneMemberMatches() {
        assertPasses(ifMatch(OTHER + ", " + QUOTED));
    }

    @Test
    void ifMatchWithWeakEtagOfTheObjectPasses() {
        assertPasses(ifMatch("W/" + QUOTED));
    }

    // If-Unmodified-Since

    @Test
    void ifUnmodifiedSinceAfterLastModifiedPasses() {
        assertPasses(ifUnmodifiedSince(AFTER));
    }

    @Test
    void ifUnmodifiedSinceInTheSameSecondPassesDespiteMilliseconds() {
        assertPasses(ifUnmodifiedSince(SAME_SECOND));
    }

    @Test
    void ifUnmodifiedSinceBeforeLastModifiedFailsWith412() {
        assertPreconditionFailed(ifUnmodifiedSince(BEFORE), "If-Unmodified-Since");
    }

    @Test
    void unparseableIfUnmodifiedSinceIsIgnored() {
        assertPasses(ifUnmodifiedSince("not a date"));
    }

    @Test
    void trueIfMatchOverridesFalseIfUnmodifiedSince() {
        assertPasses(new Conditions(QUOTED, null, null, BEFORE));
    }

    @Test
    void falseIfMatchFailsEvenWithTrueIfUnmodifiedSince() {
        assertPreconditionFailed(new Conditions(OTHER, null, null, AFTER), "If-Match");
    }

    // If-None-Match

    @Test
    void ifNoneMatchWithTheObjectsEtagIsNotModified() {
        assertNotModified(ifNoneMatch(QUOTED));
    }

    @Test
    void notModifiedCarriesEtagAndLastModified() {
        S3Exception e = read(ifNoneMatch(QUOTED));

        assertThat(e.headers())
                .containsEntry("ETag", QUOTED)
                .containsEntry("Last-Modified", "Wed, 01 May 2024 12:00:00 GMT");
    }

    @Test
    void ifNoneMatchWithAnotherEtagPasses() {
        assertPasses(ifNoneMatch(OTHER));
    }

    @Test
    void ifNoneMatchStarIsNotModifiedForAnExistingObject() {
        assertNotModified(ifNoneMatch("*"));
    }

    @Test
    void ifNoneMatchListIsNotModifiedWhenOneMemberMatches() {
        assertNotModified(ifNoneMatch(OTHER + "," + QUOTED));
    }

    @Test
    void ifNoneMatchWithWeakEtagOfTheObjectIsNotModified() {
        assertNotModified(ifNoneMatch("W/" + QUOTED));
    }

    // If-Modified-Since

    @Test
    void ifModifiedSinceBeforeLastModifiedPasses() {
        assertPasses(ifModifiedSince(BEFORE));
    }

    @Test
    void ifModifiedSinceInTheSameSecondIsNotModifiedDespiteMilliseconds() {
        assertNotModified(ifModifiedSince(SAME_SECOND));
    }

    @Test
    void ifModifiedSinceAfterLastModifiedIsNotModified() {
        assertNotModified(ifModifiedSince(AFTER));
    }

    @Test
    void unparseableIfModifiedSinceIsIgnored() {
        assertPasses(ifModifiedSince("garbage"));
    }

    @Test
    void falseIfNoneMatchWithTrueIfModifiedSinceIsNotModified() {
        assertNotModified(new Conditions(null, QUOTED, BEFORE, null));
    }

    @Test
    void trueIfNoneMatchOverridesFalseIfModifiedSince() {
        assertPasses(new Conditions(null, OTHER, AFTER, null));
    }

    // Precedence across the two groups

    @Test
    void failedIfMatchWinsOverNotModified() {
        assertPreconditionFailed(new Conditions(OTHER, QUOTED, null, null), "If-Match");
    }

    @Test
    void failedIfUnmodifiedSinceWinsOverNotModified() {
        assertPreconditionFailed(new Conditions(null, null, AFTER, BEFORE), "If-Unmodified-Since");
    }

    @Test
    void trueIfMatchAndFalseIfNoneMatchIsNotModified() {
        assertNotModified(new Conditions(QUOTED, QUOTED, null, null));
    }

    // Copy source: every failed condition is 412

    @Test
    void copySourcePassesWhenEveryConditionHolds() {
        assertThatCode(() -> Preconditions.checkCopySource(
                new Conditions(QUOTED, OTHER, BEFORE, AFTER), ETAG, MODIFIED)).doesNotThrowAnyException();
    }

    @Test
    void copySourceIfNoneMatchThatMatchesFailsWith412NotNotModified() {
        S3Exception e = copy(ifNoneMatch(QUOTED));

        assertThat(e.code()).isEqualTo(S3ErrorCode.PreconditionFailed);
        assertThat(e.status()).isEqualTo(412);
    }

    @Test
    void copySourceIfModifiedSinceAfterLastModifiedFailsWith412() {
        assertThat(copy(ifModifiedSince(AFTER)).code()).isEqualTo(S3ErrorCode.PreconditionFailed);
    }

    @Test
    void copySourceIfMatchTrueAndIfUnmodifiedSinceFalsePasses() {
        assertThatCode(() -> Preconditions.checkCopySource(
                new Conditions(QUOTED, null, null, BEFORE), ETAG, MODIFIED)).doesNotThrowAnyException();
    }

    @Test
    void copySourceIfNoneMatchFalseAndIfModifiedSinceTrueFailsWith412() {
        assertThat(copy(new Conditions(null, QUOTED, BEFORE, null)).code()).isEqualTo(S3ErrorCode.PreconditionFailed);
    }

    @Test
    void copySourceIfMatchFalseFailsWith412() {
        assertThat(copy(ifMatch(OTHER)).code()).isEqualTo(S3ErrorCode.PreconditionFailed);
    }
}
