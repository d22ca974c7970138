package dev.coffer.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnimplementedHeadersTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            x-amz-server-side-encryption-context             | e30=
            x-amz-website-redirect-location                  | /elsewhere
            x-amz-storage-class                              | GLACIER
            x-amz-write-offset-bytes                         | 0
            x-amz-bucket-object-lock-token                   | token-from-aws-support
            x-amz-if-match-last-modified-time                | Wed, 01 Jan 2025 00:00:00 GMT
            x-amz-if-match-size                              | 6
            x-amz-if-match-initiated-time                    | Wed, 01 Jan 2025 00:00:00 GMT
            x-amz-checksum-sha512                            | AAAA
            x-amz-checksum-md5                               | AAAA
            x-amz-checksum-xxhash64                          | AAAA
            x-amz-checksum-xxhash3                           | AAAA
            x-amz-checksum-xxhash128                         | AAAA
            x-amz-object-lock-event-hold                     | ON
            x-amz-object-lock-event-hold-duration-days       | 30
            x-amz-bucket-namespace                           | account-regional
            x-amz-object-annotation-directive                | REPLACE
            """)
    void headerAskingForWhatIsNotDoneIsNotImplementedNamingIt(String name, String value) {
        S3Exception e = refusal(name, value);

        assertThat(e.code()).isEqualTo(S3ErrorCode.NotImplemented);
        assertThat(e.elements()).containsEntry("Header", name);
    }

    /** S3 defines the ACL headers on no operation but those that read them, and ignores them elsewhere. */
    @ParameterizedTest(name = "{0}: {1} on {2}")
    @CsvSource(delimiter = '|', textBlock = """
            x-amz-acl                | public-read                                          | UPLOAD_PART
            x-amz-acl                | public-read-write                                    | COMPLETE_MULTIPART_UPLOAD
            x-amz-acl                | authenticated-read                                   | GET_OBJECT
            x-amz-grant-read         | uri="http://acs.amazonaws.com/groups/global/AllUsers" | UPLOAD_PART
            x-amz-grant-full-control | id=abc                                               | DELETE_OBJECT
            x-amz-object-ownership   | ObjectWriter                                         | PUT_OBJECT
            """)
    void aclHeadersOnOperationsS3DefinesWithoutThemAreIgnoredAsS3IgnoresThem(String name, String value,
                                                                              dev.coffer.api.routing.S3Operation operation) {
        assertThatCode(() -> UnimplementedHeaders.check(Map.of(name, value), operation)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            x-amz-acl                        | private
            x-amz-acl                        | bucket-owner-full-control
            x-amz-storage-class              | STANDARD
            x-amz-tagging-directive          | COPY
            x-amz-tagging-directive          | REPLACE
            x-amz-tagging                    | a=b
            x-amz-bucket-object-lock-enabled | false
            x-amz-object-ownership           | BucketOwnerEnforced
            x-amz-request-payer              | requester
            x-amz-object-lock-event-hold     | OFF
            x-amz-bucket-namespace           | global
            x-amz-object-annotation-directive | COPY
            x-amz-meta-encryption            | none
            x-amz-server-side-encryption     | AES256
            x-amz-server-side-encryption     | aws:kms
            x-amz-server-side-encryption-aws-kms-key-id     | key
            x-amz-server-side-encryption-bucket-key-enabled | true
            x-amz-server-side-encryption-customer-algorithm | AES256
            x-amz-server-side-encryption-customer-key       | MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=
            x-amz-server-side-encryption-customer-key-md5   | x
            x-amz-copy-source-server-side-encryption-customer-algorithm | AES256
            x-amz-checksum-crc32             | AAAAAA==
            """)
    void headerThatDescribesWhatCofferDoesIsAccepted(String name, String value) {
        assertThatCode(() -> UnimplementedHeaders.check(Map.of(name, value))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            x-amz-storage-class     | FOO           | InvalidStorageClass
            """)
    void unknownValueIsTheErrorS3Gives(String name, String value, S3ErrorCode code) {
        assertThat(refusal(name, value).code()).isEqualTo(code);
    }

    private static S3Exception refusal(String name, String value) {
        S3Exception e = catchThrowableOfType(() -> UnimplementedHeaders.check(Map.of(name, value)), S3Exception.class);
        assertThat(e).as("%s: %s is refused", name, value).isNotNull();
        return e;
    }
}
