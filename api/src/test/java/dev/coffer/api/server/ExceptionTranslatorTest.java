package dev.coffer.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.error.S3ErrorXml;
import dev.coffer.auth.AuthError;
import dev.coffer.auth.AuthException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExceptionTranslatorTest {

    /** The body S3 sends for a skewed clock, elements in S3's order (the auth module's order is kept). */
    @Test
    void requestTimeTooSkewedCarriesS3sTimeElementsInOrder() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("RequestTime", "20190131T084915Z");
        details.put("ServerTime", "2019-01-31T09:05:04Z");
        details.put("MaxAllowedSkewMilliseconds", "900000");
        AuthException skew = new AuthException(AuthError.REQUEST_TIME_TOO_SKEWED,
                "The difference between the request time and the current time is too large.", details);

        String xml = new String(S3ErrorXml.render(ExceptionTranslator.translate(skew), "id"), StandardCharsets.UTF_8);

        assertThat(xml).endsWith("<Error><Code>RequestTimeTooSkewed</Code>"
                + "<Message>The difference between the request time and the current time is too large.</Message>"
                + "<RequestTime>20190131T084915Z</RequestTime><ServerTime>2019-01-31T09:05:04Z</ServerTime>"
                + "<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>id</RequestId></Error>");
    }

    @Test
    void aCatalogueThatStoppedWritingIsServiceUnavailableSayingWhy() {
        var full = ExceptionTranslator.translate(new dev.coffer.metadata.CatalogStoppedException("x", true, null));
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.message()).contains("disk is full").contains("not stored").contains("resume by themselves");
        var failed = ExceptionTranslator.translate(new dev.coffer.metadata.CatalogStoppedException("x", false, null));
        assertThat(failed.code().name()).isEqualTo("ServiceUnavailable");
        assertThat(failed.message()).contains("I/O error").contains("not stored");
    }

    @Test
    void aDiskIoErrorIsAnInternalErrorSayingNothingWasStored() {
        var eio = ExceptionTranslator.translate(new java.io.UncheckedIOException(new java.io.IOException("Input/output error")));
        assertThat(eio.status()).isEqualTo(500);
        assertThat(eio.code().name()).isEqualTo("InternalError");
        assertThat(eio.message()).contains("I/O error on the server").contains("stored nothing");
        var gone = ExceptionTranslator.translate(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/data/chunks/ab/abcd")));
        assertThat(gone.status()).isEqualTo(500);
        assertThat(gone.message()).contains("missing on the server").doesNotContain("/data");
    }
}
