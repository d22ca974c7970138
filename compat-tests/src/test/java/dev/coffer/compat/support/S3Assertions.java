package dev.coffer.compat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Assertions on what S3 answers: status, error code, request id, the XML error document. */
public final class S3Assertions {

    private S3Assertions() {
    }

    /**
     * Runs the call, which must fail with an S3 error of this status and code (a {@code null}
     * code for answers that carry no body: HEAD, 304), and returns the exception.
     */
    public static S3Exception assertS3Error(int status, String code, ThrowingCallable call) {
        S3Exception e = catchThrowableOfType(S3Exception.class, call);
        assertThat(e).as("expected an S3 error %d %s", status, code).isNotNull();
        assertThat(e.statusCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(status);
        if (code != null) {
            assertThat(e.awsErrorDetails().errorCode()).as("S3 error code of %s", e.getMessage()).isEqualTo(code);
        }
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-request-id"))
                .as("x-amz-request-id on the error response").hasValueSatisfying(v -> assertThat(v).isNotBlank());
        return e;
    }

    /** Every S3 response carries a request id. */
    public static void assertHasRequestId(SdkResponse response) {
        assertThat(response.sdkHttpResponse().firstMatchingHeader("x-amz-request-id"))
                .as("x-amz-request-id").hasValueSatisfying(v -> assertThat(v).isNotBlank());
    }

    public static int status(SdkResponse response) {
        return response.sdkHttpResponse().statusCode();
    }

    public static String header(SdkResponse response, String name) {
        return response.sdkHttpResponse().firstMatchingHeader(name).orElse(null);
    }

    /** Byte-for-byte equality that reports sizes and the first differing offset, not the arrays. */
    public static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        assertThat(actual.length).as("length of %s", what).isEqualTo(expected.length);
        assertThat(java.util.Arrays.mismatch(actual, expected)).as("first differing byte of %s", what).isEqualTo(-1);
    }

    /** A raw response is an S3 error document with this status and code. */
    public static String assertXmlError(HttpResponse<byte[]> response, int status, String code) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as("status; body: %s", body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type of the error")
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/xml"));
        assertThat(response.headers().firstValue("x-amz-request-id")).as("x-amz-request-id")
                .hasValueSatisfying(v -> assertThat(v).isNotBlank());
        assertThat(Xml.text(body, "/Error/Code")).as("error code; body: %s", body).isEqualTo(code);
        assertThat(Xml.text(body, "/Error/Message")).as("error message").isNotBlank();
        assertThat(Xml.text(body, "/Error/RequestId")).as("request id in the body")
                .isEqualTo(response.headers().firstValue("x-amz-request-id").orElseThrow());
        return body;
    }
}
