package dev.coffer.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class S3ErrorCodeTest {

    /** code → HTTP status, as the AWS reference lists them. */
    private static final Map<String, Integer> AWS = loadAwsList();

    @ParameterizedTest
    @EnumSource(S3ErrorCode.class)
    void codeAndStatusMatchTheAwsList(S3ErrorCode code) {
        assertThat(AWS).as("AWS lists %s", code.code()).containsKey(code.code());
        assertThat(code.status()).as("status of %s", code.code()).isEqualTo(AWS.get(code.code()));
    }

    @ParameterizedTest
    @EnumSource(S3ErrorCode.class)
    void constantIsNamedAsAwsSpellsTheCode(S3ErrorCode code) {
        // KMS.NotFoundException has a dot, which no Java name may: the constant has a _ there.
        assertThat(code.name()).isEqualTo(code.code().replace('.', '_'));
    }

    @ParameterizedTest
    @EnumSource(S3ErrorCode.class)
    void everyCodeHasADefaultMessage(S3ErrorCode code) {
        assertThat(code.defaultMessage()).isNotBlank();
    }

    @Test
    void awsListIsLoaded() {
        assertThat(AWS).hasSizeGreaterThan(90).containsEntry("NoSuchKey", 404);
    }

    private static Map<String, Integer> loadAwsList() {
        try (InputStream in = S3ErrorCodeTest.class.getResourceAsStream("/error/aws-error-codes.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .collect(Collectors.toMap(row -> row[0], row -> Integer.parseInt(row[1])));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
