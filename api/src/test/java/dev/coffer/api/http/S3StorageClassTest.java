package dev.coffer.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each of S3's storage classes gets, on a write's x-amz-storage-class (through {@link
 * UnimplementedHeaders}, the one place writes are checked) and as a lifecycle transition's
 * StorageClass. One row per class S3 documents (API Reference: PutObject's StorageClass enum,
 * TransitionStorageClass), plus names S3 does not know.
 */
class S3StorageClassTest {
    private static final String TABLE = """
            STANDARD            | stored                | MalformedXML
            REDUCED_REDUNDANCY  | NotImplemented        | MalformedXML
            STANDARD_IA         | NotImplemented        | InvalidStorageClass
            ONEZONE_IA          | NotImplemented        | InvalidStorageClass
            INTELLIGENT_TIERING | NotImplemented        | InvalidStorageClass
            GLACIER             | NotImplemented        | InvalidStorageClass
            DEEP_ARCHIVE        | NotImplemented        | InvalidStorageClass
            GLACIER_IR          | NotImplemented        | InvalidStorageClass
            OUTPOSTS            | InvalidStorageClass   | MalformedXML
            EXPRESS_ONEZONE     | InvalidStorageClass   | MalformedXML
            SNOW                | InvalidStorageClass   | MalformedXML
            FSX_OPENZFS         | InvalidStorageClass   | MalformedXML
            FSX_ONTAP           | InvalidStorageClass   | MalformedXML
            FROZEN              | InvalidStorageClass   | MalformedXML
            standard            | InvalidStorageClass   | MalformedXML
            """;

    @ParameterizedTest(name = "{0}: write {1}, transition {2}")
    @CsvSource(delimiter = '|', textBlock = TABLE)
    void eachClassGetsS3sAnswer(String storageClass, String write, String transition) {
        if (write.equals("stored")) {
            assertThatCode(() -> UnimplementedHeaders.check(Map.of("x-amz-storage-class", storageClass)))
                    .doesNotThrowAnyException();
        } else {
            S3Exception e = catchThrowableOfType(() -> UnimplementedHeaders.check(
                    Map.of("x-amz-storage-class", storageClass)), S3Exception.class);
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(S3ErrorCode.valueOf(write));
        }
        S3Exception refused = catchThrowableOfType(() -> S3StorageClass.checkTransition(storageClass,
                () -> S3Exception.of(S3ErrorCode.MalformedXML)), S3Exception.class);
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(S3ErrorCode.valueOf(transition));
    }

    @Test
    void everyClassHasARowInTheTable() {
        Set<String> rows = TABLE.lines().map(l -> l.split("\\|")[0].trim()).collect(Collectors.toSet());
        Set<String> classes = Arrays.stream(S3StorageClass.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(rows).containsAll(classes);
    }

    @Test
    void aTransitionWithNoStorageClassIsMalformed() {
        assertThat(catchThrowableOfType(() -> S3StorageClass.checkTransition(null,
                () -> S3Exception.of(S3ErrorCode.MalformedXML)), S3Exception.class).code()).isEqualTo(S3ErrorCode.MalformedXML);
    }
}
