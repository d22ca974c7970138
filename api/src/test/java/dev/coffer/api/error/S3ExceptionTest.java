package dev.coffer.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class S3ExceptionTest {

    @Test
    void messageDefaultsToTheCodesMessage() {
        S3Exception e = S3Exception.of(S3ErrorCode.NoSuchKey, "/b/k");
        assertThat(e.code()).isEqualTo(S3ErrorCode.NoSuchKey);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.message()).isEqualTo(e.getMessage()).isEqualTo(S3ErrorCode.NoSuchKey.defaultMessage());
        assertThat(e.resource()).isEqualTo("/b/k");
        assertThat(S3Exception.of(S3ErrorCode.AccessDenied).resource()).isNull();
    }

    @Test
    void withMethodsReturnNewInstancesAndLeaveTheOriginalUnchanged() {
        S3Exception base = S3Exception.of(S3ErrorCode.MethodNotAllowed, "/b");
        S3Exception changed = base.withMessage("no").with("Method", "POST").withHeader("Allow", "GET, PUT")
                .withResource("/c");
        assertThat(changed).isNotSameAs(base);
        assertThat(base.message()).isEqualTo(S3ErrorCode.MethodNotAllowed.defaultMessage());
        assertThat(base.elements()).isEmpty();
        assertThat(base.headers()).isEmpty();
        assertThat(base.resource()).isEqualTo("/b");
        assertThat(changed.message()).isEqualTo("no");
        assertThat(changed.elements()).containsExactly(java.util.Map.entry("Method", "POST"));
        assertThat(changed.headers()).containsExactly(java.util.Map.entry("Allow", "GET, PUT"));
        assertThat(changed.resource()).isEqualTo("/c");
    }

    @Test
    void extraElementsKeepTheirOrder() {
        S3Exception e = S3Exception.of(S3ErrorCode.RequestTimeTooSkewed)
                .with("RequestTime", "a").with("ServerTime", "b").with("MaxAllowedSkewMilliseconds", "900000");
        assertThat(e.elements().keySet()).containsExactly("RequestTime", "ServerTime", "MaxAllowedSkewMilliseconds");
    }

    @Test
    void mapsCannotBeModified() {
        S3Exception e = S3Exception.of(S3ErrorCode.NoSuchBucket).with("BucketName", "b");
        assertThatThrownBy(() -> e.elements().put("Key", "k")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.headers().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void elementNamesThatTheWriterOwnsOrThatAreNotXmlNamesAreRejected() {
        S3Exception e = S3Exception.of(S3ErrorCode.InvalidArgument);
        assertThatThrownBy(() -> e.with("Code", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.with("RequestId", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.with("<Bad>", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.with("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noStackTraceWithoutACause() {
        assertThat(S3Exception.of(S3ErrorCode.NoSuchKey).getStackTrace()).isEmpty();
    }

    @Test
    void aCauseIsKeptWithItsStackTraceThroughLaterChanges() {
        IOException io = new IOException("disk");
        S3Exception e = S3Exception.of(S3ErrorCode.InternalError).withCause(io).with("HostId", "h");
        assertThat(e.getCause()).isSameAs(io);
        assertThat(e.getStackTrace()).isNotEmpty();
    }
}
