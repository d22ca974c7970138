package dev.coffer.api.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.api.xml.ServerSideEncryptionConfiguration;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

/** The encryption headers of a write, and PutBucketEncryption's body, refused as S3 refuses them. */
class SseRequestTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown algorithm                | x-amz-server-side-encryption=AES257 | InvalidArgument | The encryption method specified is not supported
            kms key without aws:kms          | x-amz-server-side-encryption=AES256,x-amz-server-side-encryption-aws-kms-key-id=k | InvalidArgument | Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms
            SSE-C with SSE-S3                | x-amz-server-side-encryption=AES256,x-amz-server-side-encryption-customer-algorithm=AES256,x-amz-server-side-encryption-customer-key=MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=,x-amz-server-side-encryption-customer-key-MD5=x | InvalidArgument | Server Side Encryption with Customer provided key is incompatible with the encryption method specified
            SSE-C without its algorithm      | x-amz-server-side-encryption-customer-key=MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE= | InvalidArgument | Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.
            SSE-C with another algorithm     | x-amz-server-side-encryption-customer-algorithm=AES128 | InvalidEncryptionAlgorithmError | The encryption request you specified is not valid. The valid value is AES256.
            SSE-C without its key            | x-amz-server-side-encryption-customer-algorithm=AES256 | InvalidArgument | Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.
            SSE-C without its MD5            | x-amz-server-side-encryption-customer-algorithm=AES256,x-amz-server-side-encryption-customer-key=MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE= | InvalidArgument | Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.
            SSE-C with a wrong MD5           | x-amz-server-side-encryption-customer-algorithm=AES256,x-amz-server-side-encryption-customer-key=MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=,x-amz-server-side-encryption-customer-key-MD5=AAAAAAAAAAAAAAAAAAAAAA== | InvalidArgument | The calculated MD5 hash of the key did not match the hash that was provided.
            SSE-C with a 16-byte key         | x-amz-server-side-encryption-customer-algorithm=AES256,x-amz-server-side-encryption-customer-key=MDEyMzQ1Njc4OTAxMjM0NQ==,x-amz-server-side-encryption-customer-key-MD5=x | InvalidArgument | The secret key was invalid for the specified algorithm.
            """)
    void badHeadersAreRefusedWithS3sCodeAndMessage(String name, String headers, String code, String message) {
        HttpHeaders h = new HttpHeaders();
        for (String pair : headers.split(",")) h.set(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> SseRequest.parse(h));
        assertThat(e).as(name).isNotNull();
        assertThat(e.code().code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void kmsWithoutAKeyIdAsksForTheDefaultKey() {
        HttpHeaders h = new HttpHeaders();
        h.set("x-amz-server-side-encryption", "aws:kms");
        h.set("x-amz-server-side-encryption-bucket-key-enabled", "true");
        SseRequest request = SseRequest.parse(h);
        assertThat(request.kind()).isEqualTo(SseRecord.Kind.KMS);
        assertThat(request.kmsKeyId()).isNull();
        assertThat(request.bucketKeyEnabled()).isTrue();
    }

    @Test
    void putBucketEncryptionBodyOfTheAwsReferenceParsesAndRendersBack() {
        String body = """
                <ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Rule>
                    <ApplyServerSideEncryptionByDefault>
                      <SSEAlgorithm>aws:kms</SSEAlgorithm>
                      <KMSMasterKeyID>arn:aws:kms:us-east-1:1234/5678example</KMSMasterKeyID>
                    </ApplyServerSideEncryptionByDefault>
                    <BucketKeyEnabled>true</BucketKeyEnabled>
                  </Rule>
                </ServerSideEncryptionConfiguration>""";
        S3Xml xml = new S3Xml();
        BucketEncryption config = BucketEncryption.of(xml.read(body.getBytes(StandardCharsets.UTF_8),
                ServerSideEncryptionConfiguration.class));
        assertThat(config).isEqualTo(new BucketEncryption(SseRecord.Kind.KMS, "arn:aws:kms:us-east-1:1234/5678example", true));
        assertThat(BucketEncryption.decode(config.encode())).isEqualTo(config);
        String rendered = new String(xml.write(config.toXml(config.kmsKeyId())), StandardCharsets.UTF_8);
        assertThat(rendered).contains("<SSEAlgorithm>aws:kms</SSEAlgorithm>")
                .contains("<KMSMasterKeyID>arn:aws:kms:us-east-1:1234/5678example</KMSMasterKeyID>")
                .contains("<BucketKeyEnabled>true</BucketKeyEnabled>");
    }

    @Test
    void aes256WithAKmsKeyIdIsRefused() {
        String body = "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
                + "<SSEAlgorithm>AES256</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID>"
                + "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>";
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> BucketEncryption.of(new S3Xml().read(
                body.getBytes(StandardCharsets.UTF_8), ServerSideEncryptionConfiguration.class)));
        assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidArgument);
    }
}
