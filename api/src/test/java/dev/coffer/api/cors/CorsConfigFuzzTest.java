package dev.coffer.api.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.S3Xml;
import java.util.List;

/**
 * Fuzzes PutBucketCors's body as the handler reads it ({@link CorsConfig#parse}), then what is
 * done with an accepted configuration: stored and read back unchanged, and evaluated against a few
 * requests without failing. Seeds: the AWS reference's example and what the SDK and the CLI send,
 * in {@code CorsConfigFuzzTestInputs/parse}. Accepted outcomes: a configuration or a 4xx
 * S3Exception (MalformedXML, InvalidRequest, InvalidArgument).
 */
class CorsConfigFuzzTest {
    private static final S3Xml XML = new S3Xml();

    @FuzzTest
    void parse(byte[] body) {
        CorsConfig config;
        try {
            config = CorsConfig.parse(body, XML);
        } catch (S3Exception refused) {
            int status = refused.code().status();
            assertTrue(status >= 400 && status < 500, "answered " + refused.code().code());
            return;
        }
        assertTrue(!config.rules().isEmpty() && config.rules().size() <= CorsConfig.MAX_RULES, "rule count");
        assertEquals(config.rules(), CorsConfig.fromStored(config.toXml(XML), XML).rules(), "stored and read back");
        for (String origin : List.of("http://a.example", "", "*", "https://x.y:8443")) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                config.firstMatch(origin, method, List.of("content-type", "x-amz-date"));
            }
        }
    }
}
