package dev.coffer.api.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Malformed forms the POST fuzz test found, each answered with a 4xx rather than a 500. */
class PostFormEdgeCasesTest {
    private static S3ErrorCode refusalOf(String form) {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(
                () -> PostFormFuzzTest.send(form.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(e).isInstanceOf(S3Exception.class);
        return ((S3Exception) e).code();
    }

    @Test
    void partWithoutANameIsMalformedPostRequest() {
        String form = "Content-Type: multipart/form-data; boundary=q\r\n\r\n"
                + "--q\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n"
                + "--q\r\nContent-Disposition: form-datname=\"x-amz-checksum-crc32\"\r\n\r\nAAAAAA==\r\n--q--\r\n";
        assertThat(refusalOf(form)).isEqualTo(S3ErrorCode.MalformedPOSTRequest);
    }

    @Test
    void partWithoutContentDispositionIsMalformedPostRequest() {
        String form = "Content-Type: multipart/form-data; boundary=q\r\n\r\n"
                + "--q\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--q--\r\n";
        assertThat(refusalOf(form)).isEqualTo(S3ErrorCode.MalformedPOSTRequest);
    }

    @Test
    void unparsableContentDispositionIsMalformedPostRequest() {
        String form = "Content-Type: multipart/form-data; boundary=q\r\n\r\n"
                + "--q\r\nContent-Disposition: form-data;rt/form-data; boundary=q\r\n\r\nvalue\r\n--q--\r\n";
        assertThat(refusalOf(form)).isEqualTo(S3ErrorCode.MalformedPOSTRequest);
    }

    @Test
    void unterminatedQuotedFilenameIsMalformedPostRequest() {
        // Spring's ContentDisposition.parse runs past the end of 'filename="' (StringIndexOutOfBounds).
        String form = "Content-Type: multipart/form-data; boundary=q\r\n\r\n"
                + "--q\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n"
                + "--q\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\r\n\r\nbody\r\n--q--\r\n";
        assertThat(refusalOf(form)).isEqualTo(S3ErrorCode.MalformedPOSTRequest);
    }
}
