package dev.coffer.api.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The POST fuzz test's seeds are forms the server accepts: each one uploads its file. */
class PostFormSeedsTest {
    @ParameterizedTest
    @CsvSource({"aws-example-form, 303", "status-201-checksum-length-range, 201", "signature-v2-form, 200",
        "charset-metadata-disposition, 204"})
    void seedUploads(String seed, int status) throws Exception {
        try (InputStream in = PostFormSeedsTest.class.getResourceAsStream("PostFormFuzzTestInputs/post/" + seed)) {
            assertEquals(status, PostFormFuzzTest.send(in.readAllBytes()).getStatusCode().value());
        }
    }
}
