package dev.coffer.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.QueryString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresignedHeadersTest {
    private static Map<String, String> hoisted(String rawQuery) {
        return PresignedHeaders.of(QueryString.parse(rawQuery));
    }

    private static final String AUTH = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20250101%2Fus-east-1%2Fs3"
            + "%2Faws4_request&X-Amz-Date=20250101T000000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host"
            + "&x-amz-security-token=t&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD&X-Amz-Signature=00";

    @Test
    void xAmzParametersOfAPresignedUrlAreHeadersButItsAuthParametersAreNot() {
        assertThat(hoisted(AUTH + "&x-amz-meta-Colour=blue%20ish&X-Amz-Storage-Class=GLACIER&x-id=PutObject"))
                .containsExactly(Map.entry("x-amz-meta-colour", "blue ish"), Map.entry("x-amz-storage-class", "GLACIER"));
    }

    @Test
    void aQueryThatIsNotAPresignedSigV4UrlHoistsNothing() {
        assertThat(hoisted("x-amz-meta-colour=blue")).isEmpty();
        assertThat(hoisted(null)).isEmpty();
    }

    @Test
    void aNameGivenAsHeaderAndParameterIsInvalidArgument() {
        Map<String, String> hoisted = hoisted(AUTH + "&x-amz-meta-colour=blue");
        assertThatThrownBy(() -> PresignedHeaders.refuseClashes(hoisted, Map.of("x-amz-meta-colour", List.of("red"))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument));
        PresignedHeaders.refuseClashes(hoisted, Map.of("x-amz-meta-shape", List.of("round")));
    }
}
